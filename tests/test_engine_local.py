"""--workers N: N processes annotate batches of articles; every output is byte-identical to one process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from corpus_support import write_corpus
from karamap import Options, annotate
from karamap.cli import cli, main
from karamap.engine.local import BATCH_SIZE
from karamap.jsonl import dumps_record
from karamap.layers import LayerParts, build_layers
from map_support import sample_documents

# Enough articles for several batches, so that two workers really share the work; a bad line,
# a line without text and a repeated id, to be skipped and reported in the same order.
N = 5 * BATCH_SIZE
BAD_LINES = ("{not json", '{"id": "no-text"}', json.dumps({"id": "item-00003", "text": "Again in Baku."}))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus") / "news.jsonl", N, extra_lines=BAD_LINES)


def _run(args: list[str]):
    result = CliRunner().invoke(cli, args)
    return result


@pytest.mark.parametrize("command", ["annotate", "build", "export"])
def test_two_workers_write_the_same_bytes_and_report_as_one(command, corpus, tmp_path):
    outputs = {}
    for workers in ("1", "2"):
        out = tmp_path / workers
        out.mkdir()
        if command == "annotate":
            args = ["annotate", str(corpus), "-o", str(out / "a.jsonl")]
        elif command == "build":
            args = ["build", str(corpus), "-o", str(out), "--name", "m", "--offline"]
        else:
            args = ["export", str(corpus), "--layer", "events", "--format", "csv", "-o", str(out / "e.csv")]
        result = _run([*args, "--workers", workers])
        assert result.exit_code == 0, result.output
        files = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
        outputs[workers] = (files, result.output.replace(str(out), "OUT"))
    assert outputs["1"] == outputs["2"]
    files, messages = outputs["2"]
    assert files and all(files.values())
    # the three bad lines are named in input order, as one process names them
    assert messages.index(f":{N + 1}: not JSON") < messages.index(f':{N + 2}: the record lacks "text"') \
        < messages.index(f":{N + 3}: duplicate article id 'item-00003'")


def test_annotate_with_two_workers_gives_the_documents_of_one(corpus):
    one = [dumps_record(d) for d in annotate(corpus)]
    two = [dumps_record(d) for d in annotate(corpus, options=Options(workers=2))]
    assert len(one) == N and one == two


def test_strict_stops_at_the_first_bad_line_and_writes_nothing(corpus, tmp_path, capsys):
    out = tmp_path / "a.jsonl"
    assert main(["annotate", str(corpus), "-o", str(out), "--workers", "2", "--strict"]) == 3
    assert f":{N + 1}: not JSON" in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_workers_must_be_at_least_one(corpus, tmp_path):
    result = _run(["annotate", str(corpus), "-o", str(tmp_path / "a.jsonl"), "--workers", "0"])
    assert result.exit_code == 2


def test_layer_parts_merged_in_order_equal_one_pass():
    docs = sample_documents()
    whole = build_layers(docs)
    for cut in range(len(docs) + 1):
        first, second = LayerParts(), LayerParts()
        for doc in docs[:cut]:
            first.add(doc)
        for doc in docs[cut:]:
            second.add(doc)
        first.merge(second)
        merged = first.finish()
        for name in ("places", "regions", "events"):
            assert merged.layer(name).to_wkb().equals(whole.layer(name).to_wkb()), (cut, name)
        assert merged.documents == whole.documents


def test_annotate_imports_no_geopandas_pandas_or_pyarrow(example_path, tmp_path):
    code = (
        "import sys\n"
        "from karamap.cli import main\n"
        f"main(['annotate', {str(example_path)!r}, '-o', {str(tmp_path / 'a.jsonl')!r}])\n"
        "print(sorted(m for m in ('geopandas', 'pandas', 'pyarrow', 'shapely') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
