"""The gazetteer is built from data/: every entity's id, name and aliases resolve."""

from __future__ import annotations

import pytest

from milbalance.claims import Gazetteer
from milbalance.store import Store


def test_every_alias_in_the_data_resolves(real_store: Store, gazetteer: Gazetteer) -> None:
    for e in real_store.entities():
        for name in (e.id, e.name, *e.aliases):
            assert gazetteer.resolve(name) is not None, name


@pytest.mark.parametrize(("text", "entity"), [
    ("the alliance", "NATO"), ("Moscow", "RUS"), ("the Kremlin", "RUS"), ("Washington", "USA"),
    ("Europe", "EU"), ("Russian officials", "RUS"), ("Ukrainian forces", "UKR"),
    ("the U.S.", "USA"), ("Russia's budget", "RUS"), ("the West", "NATO"),
])
def test_names_in_text(text: str, entity: str, gazetteer: Gazetteer) -> None:
    found = gazetteer.mentions(text)
    assert [m.entity for m in found] == [entity]


def test_us_the_pronoun_is_not_the_united_states(gazetteer: Gazetteer) -> None:
    assert gazetteer.mentions("they told us it was fine") == []


def test_europe_reading_carries_a_caveat(gazetteer: Gazetteer) -> None:
    (m,) = gazetteer.mentions("Europe produces shells")
    assert "EU" in m.caveat


@pytest.mark.parametrize(("text", "item", "caveat"), [
    ("artillery rounds", "artillery_shells", False), ("shells", "artillery_shells", False),
    ("ammunition", "artillery_shells", True), ("interceptors", "interceptors_pac3", True),
    ("155mm shells", "artillery_shells_155mm", False), ("Shahed drones", "attack_drones", False),
])
def test_items(text: str, item: str, caveat: bool, gazetteer: Gazetteer) -> None:
    (m,) = gazetteer.item_mentions(text)
    assert m.item == item
    assert bool(m.caveat) is caveat


def test_items_only_for_metrics_in_the_data(gazetteer: Gazetteer, real_store: Store) -> None:
    items = {m.item for m in real_store.metrics()}
    assert set(gazetteer.items) == items - {""}


@pytest.mark.parametrize(("text", "entity", "name"), [
    ("the whole alliance", "NATO", "the alliance"),
    ("all of the alliance", "NATO", "the alliance"),
    ("the entire alliance", "NATO", "the alliance"),
    ("the alliance as a whole", "NATO", "the alliance"),
    ("the whole of NATO", "NATO", "NATO"),
    ("all NATO allies", "NATO", "NATO allies"),
    ("all of Europe", "EU", "Europe"),
    ("the entire EU", "EU", "EU"),
    ("the whole of the EU", "EU", "EU"),
    ("Europe as a whole", "EU", "Europe"),
    ("the whole bloc", "NATO", "the bloc"),
    ("all of Russia", "RUS", "Russia"),
])
def test_a_name_taken_as_a_whole_reads_as_the_name(text: str, entity: str, name: str,
                                                   gazetteer: Gazetteer) -> None:
    (m,) = gazetteer.mentions(f"Output in {text} rose.")
    assert (m.entity, m.text, m.name) == (entity, text, name)
    (plain,) = gazetteer.mentions(f"Output in {name} rose.")
    assert m.caveat == plain.caveat  # the same caveat as the name alone


@pytest.mark.parametrize("text", ["the whole war", "all of them", "the entire year",
                                  "the whole of 2024", "overall output as a whole"])
def test_whole_words_without_a_name_find_nothing(text: str, gazetteer: Gazetteer) -> None:
    assert gazetteer.mentions(text) == []


def test_names_that_are_common_words_are_read_only_through_phrases(
        gazetteer: Gazetteer) -> None:
    from milbalance.claims.gazetteer import READ_BY_PHRASE_ONLY
    for entity in READ_BY_PHRASE_ONLY & set(gazetteer.entities):
        assert gazetteer.resolve(gazetteer.entities[entity].name) == entity  # command line
    assert [m.entity for m in gazetteer.mentions("Europe spent more")] == ["EU"]
    assert [m.entity for m in gazetteer.mentions("the world spent more")] == ["WLD"]
    assert gazetteer.mentions("a world of difference") == []


def test_upper_case_ids_match_only_as_written(gazetteer: Gazetteer) -> None:
    assert gazetteer.mentions("Output in RUS rose")[0].entity == "RUS"
    assert gazetteer.mentions("the middle_east of it") == []
