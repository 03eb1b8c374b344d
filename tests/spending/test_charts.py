"""Charts are written, non-empty, with the sources in the caption."""

from __future__ import annotations

from pathlib import Path

import pytest

from milbalance.errors import UserError
from milbalance.spending.basis import Basis, parse_years
from milbalance.spending.charts import chart_comparison, chart_series
from milbalance.spending.compare import compare_spending
from milbalance.spending.series import spending_series
from milbalance.store import Store


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_series_chart(store: Store, tmp_path: Path, suffix: str) -> None:
    s = spending_series(store, "RUS", Basis.USD, parse_years("2014-2024"))
    path = chart_series(s, tmp_path / f"rus{suffix}")
    assert path.stat().st_size > 0
    if suffix == ".svg":
        text = path.read_text()
        assert "Sources:" in text
        for source in s.sources:
            assert source in text


def test_comparison_chart(store: Store, tmp_path: Path) -> None:
    cmp = compare_spending(store, "NATO", "RUS", Basis.USD, parse_years("2014-2024"))
    path = chart_comparison(cmp, tmp_path / "nato-rus.svg")
    text = path.read_text()
    assert "Sources:" in text
    assert path.stat().st_size > 0


def test_chart_cli_and_bad_suffix(store: Store, tmp_path: Path) -> None:
    s = spending_series(store, "RUS", Basis.USD, parse_years("2024"))
    with pytest.raises(UserError, match=r"\.png or \.svg"):
        chart_series(s, tmp_path / "rus.gif")
