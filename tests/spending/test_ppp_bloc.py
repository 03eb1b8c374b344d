"""A bloc on the PPP basis: members' PPP figures, published or derived from the World Bank's
PPP factors, summed and marked derived with the formula and every input."""

from __future__ import annotations

import pytest

from milbalance.spending import Basis
from milbalance.spending.definitions import Definition
from milbalance.spending.derive import PPP_FACTOR, Lookup
from milbalance.spending.series import bloc_year, entity_figure


def test_nato_ppp_is_the_sum_of_members_derived_figures(lookup: Lookup) -> None:
    if lookup.best("DEU", PPP_FACTOR, 2023) is None:
        pytest.skip("data: no World Bank PPP factors imported")
    detail, figure = bloc_year(lookup, "NATO", 2023, Basis.PPP, Definition.SIPRI)
    assert figure.published is None and figure.derived is not None  # marked derived
    assert PPP_FACTOR in figure.derived.formula and figure.unit == "USD_PPP"
    members = [entity_figure(lookup, m, 2023, Basis.PPP, Definition.SIPRI)
               for m in detail.counted]
    assert figure.value == pytest.approx(sum(m.value for m in members if m.value))
    assert {i.metric for i in figure.derived.inputs} >= {PPP_FACTOR, "military_expenditure.lcu"}
    assert "USA" in detail.counted and len(detail.counted) + len(detail.gaps) == \
        len(detail.members)
    usa = entity_figure(lookup, "USA", 2023, Basis.PPP, Definition.SIPRI)
    assert usa.value is not None and usa.derived is not None
