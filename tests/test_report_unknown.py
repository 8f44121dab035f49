"""``karamap annotate --report-unknown``: the names in place positions that no gazetteer here placed."""

from __future__ import annotations

import json

from karamap.cli import main
from karamap.model import Article, Document, Mention, Resolution
from karamap.recognise.unknown import count_unknown, unknown_names


def doc_of(text: str, *resolutions: Resolution) -> Document:
    return Document(Article("d", text), tuple(resolutions))


def test_names_after_a_preposition_or_before_a_word_of_place_are_reported():
    doc = doc_of("Raiders struck Ouldabou village and fled towards Kessiri before dawn.")
    assert [u.text for u in unknown_names(doc)] == ["Ouldabou", "Kessiri"]


def test_a_name_of_several_words_and_an_article_is_reported_whole():
    doc = doc_of("Shelling hit the village of Kafr Umm al-Zaytun overnight.")
    assert [u.text for u in unknown_names(doc)] == ["Kafr Umm al-Zaytun"]


def test_placed_names_streets_titles_and_days_are_not_reported():
    text = "Police in Aleppo said on Monday that President Smith spoke in Elm Street."
    aleppo = Resolution(Mention(10, 16, "Aleppo"), None, 0.9, withheld=True)
    assert unknown_names(doc_of(text, aleppo)) == []


def test_a_name_every_reading_of_which_lies_outside_the_named_division_is_reported():
    text = "Clashes were heard at Ouldabou."
    mention = Mention(22, 30, "Ouldabou")
    doc = doc_of(text, Resolution(mention, None, 0.5))
    assert [(u.text, u.why) for u in unknown_names(doc)] == [("Ouldabou", "outside")]


def test_counts_are_most_frequent_first():
    doc = doc_of("They met in Tessit, then in Ouldabou, then again in Tessit.")
    assert count_unknown(unknown_names(doc)) == [("Tessit", 2), ("Ouldabou", 1)]


def test_the_cli_lists_them_on_stderr_and_writes_the_annotations(tmp_path, capsys):
    source = tmp_path / "notes.jsonl"
    source.write_text(json.dumps({"id": "n1", "text": "Gunmen attacked Ouldabou village near Gao, Mali."}) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["annotate", str(source), "-o", str(out), "--report-unknown"]) == 0
    err = capsys.readouterr().err
    assert "could not be placed" in err and "Ouldabou\t1" in err
    assert "--overrides" in err
    record = json.loads(out.read_text().splitlines()[0])
    assert any(p["name"] == "Gao" for p in record["places"])


def test_without_the_flag_nothing_is_listed(tmp_path, capsys):
    source = tmp_path / "notes.jsonl"
    source.write_text(json.dumps({"id": "n1", "text": "Gunmen attacked Ouldabou village."}) + "\n")
    assert main(["annotate", str(source), "-o", str(tmp_path / "o.jsonl")]) == 0
    assert "could not be placed" not in capsys.readouterr().err
