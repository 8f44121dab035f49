"""The data contract is shipped and points the same way everywhere: docs/format.md, `karamap formats`,
every command's --help and the README."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from karamap.cli import cli
from karamap.contract import ARTICLE_COLUMNS, TEXT_COLUMNS, jsonl_fields, layer_csv_columns

EVENT_FIELDS_NOW_IN_JSONL = ("disorder_type", "acled_event_type", "acled_sub_event_type", "cameo", "plover",
                             "actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "inter1", "inter2",
                             "interaction", "civilian_targeting", "fatalities")


@pytest.fixture(scope="module")
def doc(repo_root) -> str:
    return (repo_root / "docs" / "format.md").read_text(encoding="utf-8")


def test_the_format_doc_documents_every_field_annotate_writes(doc):
    documented = set(re.findall(r"`([a-z_0-9]+)`", doc))
    for part, fields in jsonl_fields().items():
        missing = [f for f in fields if f not in documented]
        assert not missing, f"{part}: {missing} not in docs/format.md"
    assert set(EVENT_FIELDS_NOW_IN_JSONL) <= set(jsonl_fields()["events"])


def test_the_format_doc_covers_the_header_line_inputs_layers_and_exit_codes(doc):
    assert "date YYYY-MM-DD" in doc
    for heading in ("## Articles in", "## `karamap annotate`", "## Layers", "## Exit codes"):
        assert heading in doc
    for code in (0, 1, 2, 3, 4, 5, 6, 70, 130):
        assert re.search(rf"^\| {code} \|", doc, re.M), code
    for column in (*TEXT_COLUMNS, *ARTICLE_COLUMNS, "--text-column"):
        assert f"`{column}`" in doc


def test_formats_prints_the_header_the_jsonl_fields_and_the_csv_columns():
    result = CliRunner().invoke(cli, ["formats"])
    assert result.exit_code == 0
    out = result.output
    assert "date YYYY-MM-DD Title" in out
    words = set(re.findall(r"[a-z_0-9]+", out))
    for fields in jsonl_fields().values():
        assert set(fields) <= words
    for columns in layer_csv_columns().values():
        assert set(columns) <= words
    assert "docs/format.md" in out


@pytest.mark.parametrize("args", [[], ["build"], ["annotate"], ["export"], ["formats"]])
def test_every_help_points_to_the_format_doc_not_design(args):
    out = CliRunner().invoke(cli, [*args, "--help"]).output
    assert "docs/format.md" in out and "DESIGN.md" not in out


def test_the_readme_points_to_the_format_doc(repo_root):
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    assert "docs/format.md" in readme and "DESIGN.md" not in readme


@pytest.mark.parametrize("command", ["build", "annotate", "export"])
def test_every_command_spells_its_output_option_o_output(command):
    out = CliRunner().invoke(cli, [command, "--help"]).output
    assert re.search(r"-o, --output\b", out)


def test_the_readme_says_the_map_needs_nothing_and_keeps_its_two_commands(repo_root):
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    assert "The map needs nothing" in readme
    assert ".venv/bin/pip install -e . && .venv/bin/karamap build" in readme
    assert ".venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest -q" in readme


@pytest.mark.parametrize("width", [360, 1400])
def test_screenshots_at_a_phone_and_a_laptop_width_are_shipped_and_shown(repo_root, width):
    import struct

    name = f"docs/map-{width}.png"
    data = (repo_root / name).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">I", data[16:20])[0] == width
    assert name in (repo_root / "README.md").read_text(encoding="utf-8")
