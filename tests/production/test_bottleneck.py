"""Bottleneck answers: only active rows listed; member and supplier trade shares."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from milbalance.cli import app
from milbalance.production import projection as P
from milbalance.production.capacity import Network
from milbalance.production.network import solve_network
from milbalance.production.records import Stage
from milbalance.store import Store


def test_only_rows_active_in_the_year_are_listed(store: Store) -> None:
    r = P.bottleneck(store, "NATO", "artillery_shells", 2025, 300, 3)
    listed = {x.id for s in r.stages for x in s.lines}
    # real rows: rheinmetall.unterluess.155 (opened 2025-08-27) is active in 2025;
    # msm.iowa.fac (from 2029-09) and rheinmetall.victoria.powder (from 2028) are not
    assert "rheinmetall.unterluess.155" in listed
    assert not listed & {"msm.iowa.fac", "rheinmetall.victoria.powder"}
    assert all(x.share > 0 for s in r.stages for x in s.lines)
    later = P.bottleneck(store, "NATO", "artillery_shells", 2030, 300, 3)
    assert "msm.iowa.fac" in {x.id for s in later.stages for x in s.lines}


def test_supplier_share_moves_capacity_from_suppliers() -> None:
    # toy: member A has 10 bodies and no fill; supplier B has no bodies and 8 fill
    R = np.array([[10.0, 0.0], [0.0, 8.0]])
    assert solve_network(R, np.array([0.0, 1.0])).rounds == pytest.approx(8.0)
    assert solve_network(R, np.array([0.0, 0.5])).rounds == pytest.approx(4.0)
    assert solve_network(R, np.array([0.0, 0.0])).rounds == pytest.approx(0.0)  # no trade


def _toy_net(roles: tuple[str, ...]) -> Network:
    n = len(roles)
    return Network("TOY", "toy", (2025,), tuple(f"C{i}" for i in range(n)), roles,
                   (Stage.LAP,), np.zeros((1, n, 1, 1)), np.ones((1, 1)))


def test_trade_shares_by_role() -> None:
    tau = P.trade_shares(_toy_net(("member", "supplier", "member")), 0.25, 1.0)
    assert tau.tolist() == [0.25, 1.0, 0.25]
    with pytest.raises(Exception, match="member share must be in"):
        P.trade_shares(_toy_net(("member",)), 1.5, 1.0)


def test_lp_on_all_samples_matches_closed_form_with_free_trade(store: Store) -> None:
    r = P.bottleneck(store, "NATO", "artillery_shells", 2027, 200, 9)
    assert r.lp_samples == 200
    assert r.lp_vs_closed_form_max_gap is not None and r.lp_vs_closed_form_max_gap < 1e-3


def test_cli_member_share(data_copy: Path, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("MILBALANCE_STORE", str(tmp_path / "cli.duckdb"))
    res = CliRunner().invoke(app, ["--data", str(data_copy), "bottleneck", "NATO", "--year",
                                   "2026", "--member-share", "0.5", "--samples", "100",
                                   "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["member_share"] == 0.5 and out["lp_vs_closed_form_max_gap"] is None
