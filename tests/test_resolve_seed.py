"""The bundled example article read place by place: in karamap's own words, and against ../shared."""

from __future__ import annotations

import importlib.util
import json

import pytest

from karamap.jsonl import document_record
from karamap.model import Document
from karamap.read import read
from karamap.recognise import recognise
from karamap.resolve import resolve


@pytest.fixture(scope="module")
def seed_resolutions(gazetteer, example_path):
    (article,) = list(read(example_path))
    return article, resolve(article, recognise(article, gazetteer), gazetteer)


def test_the_example_names_its_places_and_not_its_people(seed_resolutions):
    article, res = seed_resolutions
    by_surface = {}
    for r in res:
        by_surface.setdefault(r.mention.surface, []).append(r)
    assert by_surface["ANKARA"][0].place.id == "geonames:323786"
    assert {r.place.id for r in by_surface["Karabakh"]} == {"karamap:nagorno-karabakh"}
    assert by_surface["Upper Karabakh"][0].place.id == "karamap:nagorno-karabakh"
    assert by_surface["Nagorno-Karabakh"][0].place.id == "karamap:nagorno-karabakh"
    assert {r.place.country for r in by_surface["Armenia"]} == {"AM"}
    assert {r.place.country for r in by_surface["Azerbaijan"]} == {"AZ"}
    assert by_surface["Turkey"][0].place.id == "geonames:298795"
    for name in ("Akar", "Hulusi Akar", "Anadolu Agency", "Anadolu", "Zakir Hasanov", "Sergey Shoygu", "Hasanov"):
        assert name not in by_surface


def test_the_example_demonyms_group_and_facility(seed_resolutions):
    article, res = seed_resolutions
    kinds = {(r.mention.surface, r.mention.kind, r.place.country) for r in res}
    assert ("Turkish", "demonym", "TR") in kinds
    assert ("Russian", "demonym", "RU") in kinds
    assert ("Azerbaijani", "demonym", "AZ") in kinds
    assert ("Armenian", "demonym", "AM") in kinds
    group = next(r for r in res if r.mention.kind == "group")
    assert group.mention.surface == "seven adjacent regions"
    assert len(group.members) == 7
    facility = next(r for r in res if r.mention.kind == "facility")
    assert facility.mention.surface == "joint monitoring center"
    assert facility.place.approximate


@pytest.mark.shared
def test_the_example_passes_every_place_of_the_shared_expectations(seed_resolutions, shared_eval, tmp_path):
    spec = importlib.util.spec_from_file_location("check_seed", shared_eval / "check_seed.py")
    check_seed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check_seed)
    article, res = seed_resolutions
    places = document_record(Document(article, tuple(res)))["places"]
    expected = json.loads((shared_eval / "seed" / "expected.json").read_text(encoding="utf-8"))
    missed = []
    for exp in expected["places"]:
        ok, why = check_seed.check_place(exp, places)
        if not ok:
            missed.append((exp["level"], exp["text"], exp["start"], why))
    assert missed == []
    wrongly = [neg["text"] for neg in expected["not_places"]
               if any(check_seed.overlaps(p, neg) for p in places)]
    assert wrongly == []
