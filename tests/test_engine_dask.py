"""--engine dask: the same pipeline on a Dask cluster gives the outputs of one local process.

A LocalCluster of two worker processes, and a real ``dask scheduler`` with two ``dask worker``
processes on 127.0.0.1, are started and stopped here.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("dask_geopandas")

import geopandas as gpd  # noqa: E402
import pandas as pd  # noqa: E402

from corpus_support import corpus_records, write_corpus  # noqa: E402
from karamap.cli import main  # noqa: E402
from karamap.engine import partitions  # noqa: E402

N = 200
BAD_LINES = ("{not json", '{"id": "no-text"}', json.dumps({"id": "item-00003", "text": "Again in Baku."}))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "news.jsonl", N, extra_lines=BAD_LINES)


@pytest.fixture(scope="module")
def local_cluster():
    """A LocalCluster of two worker processes (one thread each), as --engine dask starts one."""
    import distributed

    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", host="127.0.0.1")
    yield cluster.scheduler_address
    cluster.close()


@pytest.fixture()
def small_blocks(monkeypatch):
    """Cut the test corpus into many partitions (about 25 articles each), spread over both workers."""
    monkeypatch.setattr(partitions, "MIN_BLOCK", 6000)


def _karamap(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_annotate_on_a_local_cluster_writes_the_bytes_and_messages_of_one_process(
        corpus, local_cluster, small_blocks, tmp_path, capsys):
    code, local_err = _karamap(capsys, "annotate", str(corpus), "-o", str(tmp_path / "local.jsonl"),
                               "--workers", "1")
    assert code == 0
    code, dask_err = _karamap(capsys, "annotate", str(corpus), "-o", str(tmp_path / "dask.jsonl"),
                              "--engine", "dask", "--scheduler", local_cluster)
    assert code == 0, dask_err
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    # the bad lines skipped and named as one process names them, the repeat across partitions too
    assert dask_err.replace("dask.jsonl", "X") == local_err.replace("local.jsonl", "X")
    assert f":{N + 3}: duplicate article id 'item-00003'" in dask_err


def test_build_on_a_local_cluster_writes_the_same_map_and_layers(corpus, local_cluster, small_blocks,
                                                                 tmp_path, capsys):
    code, _ = _karamap(capsys, "build", str(corpus), "-o", str(tmp_path / "local"), "--name", "m",
                       "--offline", "--workers", "1")
    assert code == 0
    code, err = _karamap(capsys, "build", str(corpus), "-o", str(tmp_path / "dask"), "--name", "m",
                         "--offline", "--engine", "dask", "--scheduler", local_cluster)
    assert code == 0, err
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")


@pytest.mark.parametrize("layer", ["places", "events"])
def test_export_on_a_cluster_writes_a_partitioned_geoparquet_dataset_equal_to_the_local_layer(
        layer, corpus, local_cluster, small_blocks, tmp_path, capsys, monkeypatch):
    import dask_geopandas

    monkeypatch.setattr("karamap.dataset.ROWS_PER_PART", 5)
    code, _ = _karamap(capsys, "export", str(corpus), "--layer", layer, "--format", "parquet",
                       "-o", str(tmp_path / "local.parquet"), "--workers", "1")
    assert code == 0
    out = tmp_path / "dataset"
    code, err = _karamap(capsys, "export", str(corpus), "--layer", layer, "--format", "parquet",
                         "-o", str(out), "--engine", "dask", "--scheduler", local_cluster)
    assert code == 0, err
    local = gpd.read_parquet(tmp_path / "local.parquet")
    parts = sorted(p.name for p in out.iterdir())
    assert len(parts) > 1 and all(p.startswith("part.") and p.endswith(".parquet") for p in parts)
    dataset = dask_geopandas.read_parquet(out)
    assert dataset.npartitions == len(parts)
    pd.testing.assert_frame_equal(dataset.compute().reset_index(drop=True), local)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_parquet_articles_read_in_row_partitions_give_the_results_of_one_process(local_cluster, tmp_path, capsys,
                                                                        monkeypatch):
    import pyarrow as pa
    import pyarrow.parquet as pq

    monkeypatch.setattr(partitions, "ITEMS_PER_PARTITION", 10)
    # no id column (ids are FILE-ROW), and two bad rows: no text, an impossible date
    records = [{k: v for k, v in r.items() if k != "id"} for r in corpus_records(120, seed=3)]
    records[30]["text"] = ""
    records[77]["date"] = "2021-02-30"
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "news.parquet", row_group_size=50)
    code, local_err = _karamap(capsys, "annotate", str(tmp_path / "news.parquet"), "-o",
                               str(tmp_path / "a.jsonl"), "--workers", "1")
    assert code == 0
    code, err = _karamap(capsys, "annotate", str(tmp_path / "news.parquet"), "-o", str(tmp_path / "b.jsonl"),
                         "--engine", "dask", "--scheduler", local_cluster)
    assert code == 0, err
    assert (tmp_path / "b.jsonl").read_bytes() == (tmp_path / "a.jsonl").read_bytes()
    assert err.replace("b.jsonl", "X") == local_err.replace("a.jsonl", "X")
    assert "news.parquet:row 31" in err and "news.parquet:row 78" in err


def test_strict_stops_the_job_at_the_first_bad_line_and_writes_nothing(corpus, local_cluster, small_blocks,
                                                                       tmp_path, capsys):
    out = tmp_path / "a.jsonl"
    code, err = _karamap(capsys, "annotate", str(corpus), "-o", str(out), "--strict",
                         "--engine", "dask", "--scheduler", local_cluster)
    assert code == 3
    assert f":{N + 1}: not JSON" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_without_a_scheduler_a_local_cluster_is_started_and_closed(tmp_path, capsys, example_path):
    code, err = _karamap(capsys, "annotate", str(example_path), "-o", str(tmp_path / "a.jsonl"),
                         "--engine", "dask", "--workers", "2")
    assert code == 0, err
    assert len((tmp_path / "a.jsonl").read_text().splitlines()) == 1


def _worker_state() -> tuple[bool, int]:
    import gc

    import dask

    return dask.config.get("distributed.worker.profile.enabled"), gc.get_freeze_count()


def test_the_local_cluster_karamap_starts_spends_its_cores_on_the_articles(example_path):
    # Its workers run no statistical profiler (sampling the task's stack every 10 ms), their
    # heap is frozen once the gazetteer is loaded, and results come from the workers directly.
    from karamap.config import Options
    from karamap.engine.cluster import annotate_partition, cluster_client

    options = Options(engine="dask", workers=1)
    (part,) = partitions.plan_partitions([str(example_path)])
    with cluster_client(options) as client:
        assert client.direct_to_workers is True
        assert client.submit(annotate_partition, part, options, "jsonl", own_worker=True).result().batch.count == 1
        ((profiled, frozen),) = client.run(_worker_state).values()
    assert profiled is False
    assert frozen > 10_000


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, capsys, example_path, monkeypatch):
    monkeypatch.setattr("karamap.engine.cluster.CONNECT_TIMEOUT", 2)
    code, err = _karamap(capsys, "annotate", str(example_path), "-o", str(tmp_path / "a.jsonl"),
                         "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err and "Traceback" not in err


# -- a real scheduler and two workers, as on a cluster ------------------------------------------


def _dask_process(*args: str, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "dask", *args], stdout=log.open("wb"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def _wait_for(predicate, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture()
def real_cluster(tmp_path):
    """``dask scheduler`` and two ``dask worker`` processes (no nanny: a killed worker stays dead)."""
    import distributed

    scheduler_file = tmp_path / "scheduler.json"
    procs = [_dask_process("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                           "--scheduler-file", str(scheduler_file), log=tmp_path / "scheduler.log")]
    try:
        _wait_for(scheduler_file.exists, 60, "the scheduler")
        address = json.loads(scheduler_file.read_text())["address"]
        for n in range(2):
            procs.append(_dask_process("worker", address, "--host", "127.0.0.1", "--nthreads", "1",
                                       "--no-nanny", "--no-dashboard", "--name", f"w{n}",
                                       log=tmp_path / f"worker{n}.log"))
        with distributed.Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
            workers = {info["name"]: info["pid"] if "pid" in info else None
                       for info in client.scheduler_info()["workers"].values()}
        yield address, procs, workers
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def test_a_real_scheduler_and_two_workers_give_the_local_results(corpus, real_cluster, tmp_path, capsys,
                                                                 small_blocks):
    address, _, _ = real_cluster
    code, _ = _karamap(capsys, "build", str(corpus), "-o", str(tmp_path / "local"), "--name", "m",
                       "--workers", "1")
    assert code == 0
    code, err = _karamap(capsys, "build", str(corpus), "-o", str(tmp_path / "dask"), "--name", "m",
                         "--engine", "dask", "--scheduler", address)
    assert code == 0, err
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")


def test_a_worker_killed_mid_job_leaves_the_job_to_finish_on_the_other(real_cluster, tmp_path, capsys):
    import distributed

    address, procs, _ = real_cluster
    corpus = write_corpus(tmp_path / "big.jsonl", 600, seed=5)
    code, _ = _karamap(capsys, "annotate", str(corpus), "-o", str(tmp_path / "local.jsonl"), "--workers", "1")
    assert code == 0
    # the job runs in its own process, with partitions of about a dozen articles
    script = ("import sys\nimport karamap.engine.partitions as p\np.MIN_BLOCK = 3000\n"
              "from karamap.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    job = subprocess.Popen([sys.executable, "-c", script, "annotate", str(corpus), "-o",
                            str(tmp_path / "dask.jsonl"), "--engine", "dask", "--scheduler", address],
                           stderr=subprocess.PIPE, text=True)
    victim = procs[1]
    with distributed.Client(address, timeout=30) as client:
        def busy() -> bool:
            processing = client.processing()
            return sum(len(keys) for keys in processing.values()) > 0 and job.poll() is None

        _wait_for(busy, 120, "the job to start")
        time.sleep(1.0)
        os.killpg(victim.pid, signal.SIGKILL)
    _, err = job.communicate(timeout=600)
    assert victim.poll() is not None
    assert job.returncode == 0, err
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_a_folder_named_by_an_fsspec_url_is_read_as_the_same_folder_on_disk(local_cluster, small_blocks,
                                                                             tmp_path, capsys):
    folder = tmp_path / "news"
    (folder / "more").mkdir(parents=True)
    write_corpus(folder / "a.jsonl", 60, seed=8, prefix="a")
    write_corpus(folder / "more" / "b.jsonl", 40, seed=9, prefix="b")
    (folder / "more" / "brief.txt").write_text("date 2021-03-02 A brief\nTalks opened in Tbilisi on Monday.\n",
                                               encoding="utf-8")
    (folder / "more" / "page.html").write_text(
        "<html><head><title>Harbour reopens</title></head><body><nav>Home | World</nav><article>"
        "<h1>Harbour reopens</h1><p>The harbour of Odesa reopened to grain ships on Tuesday, port "
        "officials said, after repairs that took most of the summer.</p><p>Officials in Kyiv said "
        "more ships were expected later in the week.</p></article></body></html>", encoding="utf-8")
    (folder / ".hidden.jsonl").write_text("not read\n", encoding="utf-8")
    code, _ = _karamap(capsys, "annotate", str(folder), "-o", str(tmp_path / "local.jsonl"), "--workers", "1")
    assert code == 0
    # "local://" goes through fsspec (listing, ranged reads), as s3:// or gs:// would
    code, err = _karamap(capsys, "annotate", f"local://{folder}", "-o", str(tmp_path / "dask.jsonl"),
                         "--engine", "dask", "--scheduler", local_cluster)
    assert code == 0, err
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert len((tmp_path / "dask.jsonl").read_text().splitlines()) == 102
