"""Run inside a network namespace with only loopback (``unshare -n``): prove the network is
cut, start ``milbalance serve``, load every page in Debian's Chromium, write what happened.

Used by ``test_network_cut.py``; run by hand as

    unshare -n .venv/bin/python -m tests.web.netcut_driver --out result.json
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import json
import os
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
PAGES = ("/", "/check", "/read", "/explore", "/sources", "/api",
         "/explore?entity=RUS&metric=military_expenditure.usd_current")
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def loopback_up() -> None:
    """Bring ``lo`` up (a new network namespace starts with it down), without iproute2."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        flags = struct.unpack("16sH", fcntl.ioctl(s, SIOCGIFFLAGS,
                                                  struct.pack("16sH", b"lo", 0))[:18])[1]
        fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH", b"lo", flags | IFF_UP))


def outside_reachable() -> str:
    """Try an address outside the machine; the answer the kernel gives, in words."""
    try:
        with socket.create_connection(("192.0.2.1", 80), timeout=3):  # TEST-NET-1
            return "connected"
    except OSError as exc:
        return errno.errorcode.get(exc.errno or 0, str(exc))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def serve_command(data: Path | None, port: int) -> list[str]:
    script = Path(sys.executable).with_name("milbalance")
    base = [str(script)] if script.exists() else [
        sys.executable, "-c", "from milbalance.cli import main; main()"]
    return [*base, *(["--data", str(data)] if data else []), "serve", "--port", str(port)]


def wait_for(port: int, server: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"milbalance serve exited with status {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"milbalance serve did not listen on port {port} in {seconds:g} s")


def browse(base: str, shots: Path | None) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    pages: dict[str, int] = {}
    offsite: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(base_url=base)
        page = context.new_page()
        page.on("request", lambda r: offsite.append(r.url)
                if not r.url.startswith((base, "data:")) else None)
        page.on("requestfailed", lambda r: failed.append(f"{r.url}: {r.failure}"))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        for path in PAGES:
            response = page.goto(path)
            page.wait_for_load_state("networkidle")
            pages[path] = response.status if response else 0
            if shots is not None:
                name = path.strip("/").split("?")[0] or "overview"
                page.screenshot(path=str(shots / f"netcut-{name}.png"), full_page=False)
        page.goto("/check")
        page.fill("#claim-text", "Russia produced about 2 million shells in 2023.")
        page.click("#check")
        page.wait_for_load_state("networkidle")
        verdicts = page.locator("#verdicts article.verdict").count()
        home = page.goto("/")
        figures = home.status if home else 0
        charts = page.locator("figure.chart svg").count()
        browser.close()
    return {"pages": pages, "offsite_requests": offsite, "failed_requests": failed,
            "page_errors": errors, "claim_verdicts": verdicts, "overview_status": figures,
            "overview_charts": charts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--screenshots", type=Path, default=None)
    args = parser.parse_args()
    result: dict[str, Any] = {}
    loopback_up()
    result["interfaces"] = [name for _, name in socket.if_nameindex()]
    result["outside"] = outside_reachable()
    port = free_port()
    env = {**os.environ, "NO_PROXY": "*", "no_proxy": "*"}
    server = subprocess.Popen(serve_command(args.data, port), env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_for(port, server, 90)
        result.update(browse(f"http://127.0.0.1:{port}", args.screenshots))
    except Exception as exc:  # reported to the test, which fails with it
        result["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        server.terminate()
        try:
            out, _ = server.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            out, _ = server.communicate()
        result["server_output"] = out.decode("utf-8", errors="replace")[-2000:]
    args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
