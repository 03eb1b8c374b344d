"""``milbalance serve`` works with the network cut: the server and Chromium run inside a
network namespace that has only loopback (``unshare -n`` as root, else ``unshare -rn``).

Skipped, with the reason, where Chromium is absent or this machine does not permit network
namespaces (an unprivileged container without user namespaces, for example).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web.conftest import REPO_DATA

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")


def _unshare() -> list[str] | str:
    """The unshare command that works here, or why none does."""
    tool = shutil.which("unshare")
    if tool is None:
        return "unshare (util-linux) is not installed"
    tried = []
    for flags in (["-n"], ["-rn"]) if os.geteuid() == 0 else (["-rn"],):
        done = subprocess.run([tool, *flags, "true"], capture_output=True, text=True,
                              check=False)
        if done.returncode == 0:
            return [tool, *flags]
        tried.append(f"unshare {' '.join(flags)}: {done.stderr.strip() or done.returncode}")
    return "network namespaces are not permitted here (" + "; ".join(tried) + ")"


@pytest.fixture(scope="module")
def unshare() -> list[str]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    found = _unshare()
    if isinstance(found, str):
        pytest.skip(found)
    return found


def test_serve_with_the_network_cut(unshare: list[str], tmp_path: Path,
                                    store_path: Path) -> None:
    out = tmp_path / "netcut.json"
    env = {**os.environ, "MILBALANCE_STORE": str(store_path),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT),
                                                       os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([*unshare, sys.executable, "-m", "tests.web.netcut_driver",
                           "--out", str(out), "--data", str(REPO_DATA),
                           "--screenshots", str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
                          check=False)
    assert done.returncode == 0 and out.exists(), done.stdout + done.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in result, result
    assert result["interfaces"] == ["lo"]  # only loopback inside
    assert result["outside"] in {"ENETUNREACH", "EHOSTUNREACH"}, result["outside"]
    assert all(status == 200 for status in result["pages"].values()), result["pages"]
    assert len(result["pages"]) >= 6
    assert result["offsite_requests"] == []
    assert result["failed_requests"] == []
    assert result["page_errors"] == []
    assert result["claim_verdicts"] > 0
    assert result["overview_charts"] == 5
