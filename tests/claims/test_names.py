"""Names in prose: organisations, venues and capitals are not their country; every SIPRI
country resolves with its names, possessives and demonyms; world and regional totals; each
figure of a list stays with its own name. General patterns, with hypothesis over the lists."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from milbalance.claims import Gazetteer, Parser
from milbalance.claims import names as word_lists
from milbalance.claims.context import Context
from milbalance.claims.subjects import subject_before
from milbalance.store import Store

SLOW = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

EMBEDDED = [o.name for o in word_lists.organisations()]
TEMPLATES = ["{} said spending rose.", "According to {}, output reached a record.",
             "Analysts at {} estimate that output fell.", "A report by {} was published.",
             "{}'s latest report was published in April."]


def _countries(store: Store) -> list[str]:
    return sorted(e.id for e in store.entities("country"))


def _names(g: Gazetteer, text: str) -> list[str]:
    return [m.entity for m in g.mentions(text)]


@SLOW
@given(name=st.sampled_from(EMBEDDED), template=st.sampled_from(TEMPLATES))
def test_a_listed_organisation_never_yields_a_country_or_bloc(
        gazetteer: Gazetteer, name: str, template: str) -> None:
    found = gazetteer.mentions(template.format(name))
    assert [m.entity for m in found if m.kind.value in ("country", "bloc")] == []


@SLOW
@given(head=st.sampled_from(["Institute", "Times", "Independent", "Post", "University",
                             "Industries", "Foundation", "Centre", "Journal", "Herald"]),
       data=st.data())
def test_a_name_inside_an_organisation_name_is_not_the_country(
        gazetteer: Gazetteer, real_store: Store, head: str, data: st.DataObject) -> None:
    country = real_store.entity(data.draw(st.sampled_from(_countries(real_store))))
    for org in (f"the {country.name} {head}", f"the {head} of {country.name}"):
        assert country.id not in _names(gazetteer, f"{org} said output rose."), org


@pytest.mark.parametrize("text", [
    "The Stockholm International Peace Research Institute said spending rose.",
    "The Kyiv Independent reported the figure.", "The Moscow Times reported the figure.",
    "The Kiel Institute for the World Economy tracks aid.", "Bruegel and IISS agree.",
    "The Washington Post reported it.", "Researchers at the Kyiv School of Economics said so.",
    "The American Enterprise Institute disagrees.", "Radio Free Europe reported it.",
    "The German Marshall Fund of the United States hosted the talk.",
])
def test_organisations_and_outlets(text: str, gazetteer: Gazetteer) -> None:
    assert _names(gazetteer, text) == []


@pytest.mark.parametrize(("text", "entity"), [
    ("the Russian Defence Ministry said", "RUS"), ("the US Army said", "USA"),
    ("Germany's Rheinmetall AG said", "DEU"), ("the Ukrainian Armed Forces said", "UKR"),
])
def test_government_bodies_are_their_country(text: str, entity: str,
                                             gazetteer: Gazetteer) -> None:
    assert entity in _names(gazetteer, text)


@pytest.mark.parametrize("text", [
    "Leaders met at the Hague summit.", "Allies agreed at the Vilnius summit.",
    "The Washington summit ended.", "The Warsaw Pact collapsed.", "The Minsk agreements failed.",
    "The Vietnam War was costly.", "Spending peaked during Vietnam.",
    "The Washington-based think tank said so.", "The CSIS is Washington-based.",
    "He spoke in Moscow.", "Speaking in Minsk, he said so.", "He arrived from Kyiv.",
    "US plants make shells for Kyiv's forces.", "Kyiv's allies send shells.",
    "The Moscow region is large.", "Talks between Moscow and Kyiv stalled.",
])
def test_venues_places_and_events_are_not_countries(text: str, gazetteer: Gazetteer) -> None:
    assert [m.entity for m in gazetteer.mentions(text)
            if m.entity in ("NLD", "LTU", "USA", "POL", "BLR", "VNM", "RUS", "UKR")] == \
        (["USA"] if text.startswith("US plants") else [])


@pytest.mark.parametrize(("text", "entity"), [
    ("Moscow spent more.", "RUS"), ("Washington sent shells.", "USA"),
    ("Kyiv's forces fired shells.", "UKR"), ("The Pentagon spent more.", "USA"),
    ("Tokyo will spend more.", "JPN"), ("The shells were bought by Moscow.", "RUS"),
    ("Moscow and Beijing spend more.", "RUS"), ("The Kremlin's budget grew.", "RUS"),
])
def test_capitals_acting_as_governments(text: str, entity: str, gazetteer: Gazetteer) -> None:
    (first, *_) = gazetteer.mentions(text)
    assert first.entity == entity and first.seat


SEATS = sorted({s.name for s in word_lists.seats()})


@SLOW
@given(seat=st.sampled_from(SEATS), place=st.sampled_from([
    "Leaders met in {}.", "He flew from {} to Brussels.", "At {} summit, leaders met.",
    "Talks were held at {} conference.", "A {}-based institute said so.",
    "Supplies for {}'s forces arrived.", "{}'s allies sent shells.",
    "Shells were sent to {}.", "Strikes hit {} region."]))
def test_a_seat_as_a_place_venue_or_object_is_not_its_country(
        gazetteer: Gazetteer, seat: str, place: str) -> None:
    assert [m for m in gazetteer.mentions(place.format(seat)) if m.seat] == []


@SLOW
@given(seat=st.sampled_from(SEATS), acting=st.sampled_from([
    "{} spent more on defence.", "{} has sent shells.", "{}'s military budget grew.",
    "The budget was approved by {}.", "Officials said {} will spend more."]))
def test_a_seat_acting_is_its_country(gazetteer: Gazetteer, seat: str, acting: str) -> None:
    want = gazetteer.resolve(seat)
    found = [m for m in gazetteer.mentions(acting.format(seat)) if m.seat]
    assert [m.entity for m in found] == [want]


def test_every_seat_names_a_known_entity_and_agrees_with_the_data(
        gazetteer: Gazetteer, real_store: Store) -> None:
    for seat in word_lists.seats():
        assert seat.entity in gazetteer.entities, seat
        assert gazetteer.resolve(seat.name) == seat.entity, seat


@pytest.mark.parametrize(("name", "entity"), [
    ("India", "IND"), ("Saudi Arabia", "SAU"), ("Israel", "ISR"), ("Japan", "JPN"),
    ("South Korea", "KOR"), ("Türkiye", "TUR"), ("Turkey", "TUR"), ("UK", "GBR"),
    ("Britain", "GBR"), ("US", "USA"), ("America", "USA"), ("the States", "USA"),
    ("Brazil", "BRA"), ("Australia", "AUS"), ("Pakistan", "PAK"), ("Taiwan", "TWN"),
    ("German", "DEU"), ("French", "FRA"), ("British", "GBR"), ("Chinese", "CHN"),
    ("Israeli", "ISR"), ("Saudi", "SAU"), ("Japanese", "JPN"), ("Americans", "USA"),
    ("Russians", "RUS"), ("Poles", "POL"), ("Dutch", "NLD"), ("Swiss", "CHE"),
])
def test_common_names_and_demonyms(name: str, entity: str, gazetteer: Gazetteer) -> None:
    assert _names(gazetteer, f"Officials said {name} output rose.") == [entity]


def test_sipri_spellings_are_in_the_data(real_store: Store) -> None:
    from pathlib import Path

    from milbalance.importers.common import Countries
    data = Path(__file__).resolve().parents[2] / "data"
    countries = Countries.load(data)
    for spelling in ("Korea, South", "Korea, North", "Congo, DR", "Congo, Republic",
                     "Gambia, The", "Viet Nam", "Kyrgyz Republic", "Timor Leste",
                     "Cote d'Ivoire", "Türkiye", "United States of America", "Eswatini"):
        assert countries.resolve(spelling) is not None, spelling


@SLOW
@given(data=st.data())
def test_possessive_and_government_of_resolve_to_the_same_id(
        gazetteer: Gazetteer, real_store: Store, data: st.DataObject) -> None:
    entity = real_store.entity(data.draw(st.sampled_from(_countries(real_store))))
    name = data.draw(st.sampled_from([entity.name, *entity.aliases]))
    seat = name.lower() in {s.name.lower() for s in word_lists.seats()}
    plain = _names(gazetteer, f"{name} spent more.")
    assert plain == [entity.id], name
    assert _names(gazetteer, f"{name}'s budget grew.") == plain
    if not seat:  # 'the government of Moscow' is a city's
        assert _names(gazetteer, f"The government of {name} spent more.") == plain


@pytest.mark.parametrize("text", ["Latin American countries spent more.",
                                  "North American output rose.", "East German troops left."])
def test_the_tail_of_a_wider_name_is_not_the_country(text: str, gazetteer: Gazetteer) -> None:
    assert _names(gazetteer, text) == []


@pytest.mark.parametrize("text", ["Israel Katz said spending would rise.",
                                  "Chad Ohlandt, an analyst, said so."])
def test_a_first_name_is_not_the_country(text: str, gazetteer: Gazetteer) -> None:
    assert _names(gazetteer, text) == []


@pytest.mark.parametrize("text", ["America's allies produce 1.3 million shells a year.",
                                  "Russia's suppliers delivered 3 million shells in 2024.",
                                  "Ukraine's Western partners sent 1 million shells in 2024."])
def test_a_possessive_of_another_party_is_not_the_subject(text: str, parser: Parser) -> None:
    subjects = {getattr(c, "subject", "") for c in parser.parse(text).claims
                if hasattr(c, "quantity")}
    assert not subjects & {"USA", "RUS", "UKR"}


@pytest.mark.parametrize("text", [
    "Hanwha Aerospace will make 500,000 shells a year for South Korea.",
    "Raytheon makes 500 interceptors a year for the US.",
    "The Soviet Union spent 15% of GDP on defence in 1985.",
])
def test_a_company_or_state_the_data_lack_leaves_the_subject_open(text: str,
                                                                  parser: Parser) -> None:
    previous = Context(last_entity="RUS")
    assert [c for c in parser.parse(text, previous).claims if hasattr(c, "quantity")] == []


def test_lower_case_words_are_not_proper_names(gazetteer: Gazetteer) -> None:
    assert _names(gazetteer, "they roasted a turkey in the states of the union") == []
    assert _names(gazetteer, "the whole alliance") == ["NATO"]


@pytest.mark.parametrize(("text", "entity"), [
    ("Global military spending rose.", "WLD"), ("World military expenditure rose.", "WLD"),
    ("Spending worldwide rose.", "WLD"), ("Western Europe spent more.", "EUROPE_WESTERN"),
    ("Spending in the Middle East rose.", "MIDDLE_EAST"),
    ("Asia and Oceania spent more.", "ASIA_OCEANIA"), ("Asia spent more.", "ASIA_OCEANIA"),
    ("Central Europe spent more.", "EUROPE_CENTRAL"),
])
def test_world_and_regional_totals(text: str, entity: str, gazetteer: Gazetteer) -> None:
    (m,) = gazetteer.mentions(text)
    assert m.entity == entity and m.caveat


@pytest.mark.parametrize("text", ["the world's largest spender", "the largest in the world",
                                  "the Second World War", "World War II"])
def test_world_in_ranks_and_wars_is_not_the_world_total(text: str,
                                                        gazetteer: Gazetteer) -> None:
    assert "WLD" not in _names(gazetteer, text)


@pytest.mark.parametrize("text", [
    "Military spending in Europe (including Russia) rose by 17% in 2024.",
    "Global spending rose 9.4%, with Europe up 17% and the Middle East up 15%.",
    "Spending in Asia and Oceania rose 6%, in Europe 17%.",
])
def test_europe_framed_among_world_regions_is_the_region(text: str,
                                                         gazetteer: Gazetteer) -> None:
    (europe,) = [m for m in gazetteer.mentions(text) if m.text == "Europe"]
    assert europe.entity == "EUROPE" and "Russia" in europe.caveat


def test_a_name_after_including_qualifies_another(parser: Parser) -> None:
    text = "Military spending in Europe (including Russia) rose to $693 billion in 2024."
    assert {getattr(c, "subject", "") for c in parser.parse(text).claims
            if hasattr(c, "quantity")} == {"EUROPE"}


def test_europe_stays_the_eu_with_a_caveat_naming_what_it_leaves_out(
        gazetteer: Gazetteer) -> None:
    (m,) = gazetteer.mentions("Europe produces shells.")
    assert m.entity == "EU" and "UK" in m.caveat and "Norway" in m.caveat


@pytest.mark.parametrize(("text", "subjects"), [
    ("The top five spenders were the US ($997bn), China ($314bn), Russia ($149bn), "
     "Germany ($88.5bn) and India ($86.1bn) on defence in 2024.",
     ["USA", "CHN", "RUS", "DEU", "IND"]),
    ("Military spending was $997 billion in the US, $314 billion in China and $149 billion "
     "in Russia in 2024.", ["USA", "CHN", "RUS"]),
    ("The US spent $997 billion on its military, China $314 billion and Russia $149 "
     "billion in 2024.", ["USA", "CHN", "RUS"]),
])
def test_each_figure_of_a_list_keeps_its_own_name(text: str, subjects: list[str],
                                                  parser: Parser) -> None:
    got = [c.subject for c in parser.parse(text).claims if hasattr(c, "quantity")]
    assert got == subjects


@pytest.mark.parametrize("text", [
    "The US, China and Russia spent a combined $1.46 trillion on defence in 2024.",
    "The top five spenders, the US, China, Russia, Germany and India, accounted for 60% of "
    "world military spending in 2024.",
])
def test_a_figure_after_a_list_with_no_bloc_is_none_of_its_names(text: str,
                                                                 parser: Parser) -> None:
    assert [c for c in parser.parse(text).claims if hasattr(c, "quantity")] == []


def test_a_name_after_with_keeps_its_figure(parser: Parser) -> None:
    text = ("The top ten spenders were the US, China, Russia, Germany, India, the UK, Saudi "
            "Arabia, Ukraine, France and Japan, with the US at $997 billion on defence.")
    assert {getattr(c, "subject", "") for c in parser.parse(text).claims
            if hasattr(c, "quantity")} == {"USA"}


@pytest.mark.parametrize(("text", "subject"), [
    ("US plants making shells for Kyiv's forces produced 40,000 shells a month in 2024.",
     "USA"),
    ("US factories produced 40,000 shells a month for Ukraine in 2024.", "USA"),
    ("Russia fires 10,000 shells a day in Ukraine.", "RUS"),
    ("Moscow spent 7.1% of GDP on defence in 2024.", "RUS"),
    ("Russia's spending has tripled since Putin decided to invade Ukraine in 2022 and will "
     "reach 13.5 trillion rubles on defence next year.", "RUS"),
    ("Next year the EU plans to catch up with Russia, producing 2.5 million shells per year.",
     "EU"),
    ("North Korea supplies Russia with 3 million shells a year.", "PRK"),
    ("The initiative run by the Czech government and funded by a number of NATO allies "
     "delivered 1.5 million artillery rounds in 2024.", "CZE"),
    ("The US sent Ukraine 2 million shells in 2024.", "USA"),
    ("European ammunition production reached 2 million shells a year in 2025.", "EU"),
    ("The Western world makes about two million artillery shells a year.", "NATO"),
    ("Speaking in Minsk, Lukashenko said Russia spent 7.1% of GDP on defence in 2024.", "RUS"),
    ("The Stockholm International Peace Research Institute said Sweden spent 2.2% of GDP on "
     "defence in 2024.", "SWE"),
])
def test_the_subject_is_the_acting_name(text: str, subject: str, parser: Parser) -> None:
    subjects = {c.subject for c in parser.parse(text).claims if hasattr(c, "quantity")}
    assert subjects == {subject}


def test_a_figure_after_europe_and_the_us_is_never_russia(parser: Parser,
                                                          gazetteer: Gazetteer) -> None:
    text = "Russia produces 3 million shells a year, against 1.3 million in Europe and the US."
    subjects = [getattr(c, "subject", "") for c in parser.parse(text).claims
                if hasattr(c, "quantity")]
    assert subjects[:1] == ["RUS"] and subjects[1] != "RUS"
    mentions = gazetteer.mentions(text)
    assert subject_before(gazetteer, text, mentions, text.index("1.3"), Context()) != ("RUS", "")
