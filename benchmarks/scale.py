"""Scale: the whole pipeline on a corpus of news, on 1 and 2 processes, on Dask, and its memory.

The corpus is resampled at run time from the development sets in ../shared/eval (geoparsing
news, ACLED notes, TimeBank articles), each copy under an id of its own; nothing of them is
stored in the repository, and the benchmark stops (exit 0, saying so) where ../shared is
absent. Every run is a separate ``karamap`` process; the figures are its wall time, the CPU
time of it and its children, and the peak of the summed resident memory of its process tree
(sampled every 50 ms; PSS beside it, which counts a page shared by several processes once;
and the largest peak of any one of its processes). A Dask run's tree is the client (with the
LocalCluster's scheduler and nannies, which run in it) and the worker processes it starts:
their RSS is summed.

    python benchmarks/scale.py                        # 20,000 documents: speed-ups and memory
    python benchmarks/scale.py --docs 20000 --only speed
    python benchmarks/scale.py --only memory --memory-sizes 10000 100000 --build-docs 50000
    python benchmarks/scale.py --only memory --memory-runs "annotate --workers 2" --build-docs 0
    python benchmarks/scale.py --only memory --memory-sizes 1000 --build-docs 50000 --build-workers 2
    # issue 14 item 3: one process and Dask at 10,000 and 100,000 documents, build on one process at 50,000
    python benchmarks/scale.py --only memory --memory-sizes 10000 100000 \
        --memory-runs "annotate --workers 1" "annotate --engine dask --workers 2" --build-docs 50000 --build-workers 1
    python benchmarks/scale.py --only sentence        # warm annotate of one sentence
    KARAMAP_SHARED_EVAL=/path/to/shared/eval python benchmarks/scale.py   # ../shared elsewhere

Figures are only meaningful on an idle machine: on a shared one, compare CPU times, and
repeat (--repeat).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
# ../shared/eval beside the checkout (or beside a folder of worktrees that holds it)
SHARED = Path(os.environ.get("KARAMAP_SHARED_EVAL") or next(
    (p / "shared" / "eval" for p in ROOT.parents if (p / "shared" / "eval").is_dir()),
    ROOT.parent / "shared" / "eval"))
#: issue 14's speed targets: wall-clock speed-ups over one process, and a warm one-sentence annotate
LOCAL_SPEEDUP = 1.8
DASK_SPEEDUP = 1.7
SENTENCE_LIMIT_S = 1.0
#: issue 14's memory targets: the peak at the largest size within this factor of the smallest's,
#: and build's peak at BUILD_DOCS documents below BUILD_LIMIT_MB
GROWTH_LIMIT = 1.3
BUILD_DOCS = 50_000
BUILD_LIMIT_MB = 700
#: the runs whose memory is measured: one process, worker processes, a Dask LocalCluster
MEMORY_RUNS = {
    "annotate --workers 1": ["annotate", "--workers", "1"],
    "annotate --workers 2": ["annotate", "--workers", "2"],
    "annotate --engine dask --workers 2": ["annotate", "--engine", "dask", "--workers", "2"],
}
SETS = ("geoparse/dev.jsonl", "events/dev.jsonl", "temporal/dev_all.jsonl")
SENTENCE = "Shelling was reported near the town on Sept. 27, 2020, officials in the capital said.\n"


def _sources() -> list[dict[str, str | None]]:
    docs = []
    for name in SETS:
        for line in open(SHARED / name, encoding="utf-8"):
            record = json.loads(line)
            date = record.get("date") or record.get("dct") or (record.get("meta") or {}).get("date")
            docs.append({"text": record["text"], "date": (date or "")[:10] or None})
    return docs


def write_corpus(path: Path, n: int, seed: int = 14) -> Path:
    """``n`` documents drawn with replacement from the dev sets, in a random order, each with its own id."""
    pool = _sources()
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            doc = pool[rng.randrange(len(pool))]
            fh.write(json.dumps({"id": f"doc-{i:06d}", "text": doc["text"], "date": doc["date"]},
                                ensure_ascii=False) + "\n")
    return path


def measure(args: list[str]) -> dict[str, float]:
    """Run ``karamap ARGS``; its wall seconds, CPU seconds (children too) and peak tree RSS in MB."""
    started = time.perf_counter()
    proc = psutil.Popen([sys.executable, "-m", "karamap", *args], stdout=subprocess.DEVNULL,
                        stderr=subprocess.PIPE, text=True)
    peak = peak_pss = peak_one = 0
    cpu: dict[int, float] = {}
    seen: dict[int, tuple[float, float]] = {}  # pid -> (first, last) time it was sampled
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss, peak_one
        while not done.is_set():
            try:
                tree = [proc, *proc.children(recursive=True)]
                total = total_pss = 0
                for p in tree:
                    try:
                        # PSS shares a page between the processes that map it: the fair sum
                        # for workers forked from one parent
                        info = p.memory_full_info()
                        total += info.rss
                        peak_one = max(peak_one, info.rss)
                        total_pss += getattr(info, "pss", info.rss)
                        t = p.cpu_times()
                        cpu[p.pid] = t.user + t.system
                        now = time.perf_counter()
                        seen[p.pid] = (seen.get(p.pid, (now, now))[0], now)
                    except psutil.Error:
                        pass
                peak = max(peak, total)
                peak_pss = max(peak_pss, total_pss)
            except psutil.Error:
                pass
            time.sleep(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, err = proc.communicate()
    done.set()
    thread.join()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"karamap {' '.join(args)} failed ({proc.returncode}): {err[-2000:]}")
    # where the CPU goes: this process (reading, sending, writing) and the others (the workers,
    # a Dask scheduler in this process); a worker's idle time is its life less its CPU time
    others = [pid for pid in cpu if pid != proc.pid]
    alive = sum(seen[pid][1] - seen[pid][0] for pid in others)
    return {"wall_s": round(wall, 2), "cpu_s": round(sum(cpu.values()), 2), "peak_mb": round(peak / 2**20),
            "peak_pss_mb": round(peak_pss / 2**20), "peak_one_mb": round(peak_one / 2**20),
            "parent_cpu_s": round(cpu.get(proc.pid, 0.0), 2),
            "workers": len(others), "workers_cpu_s": round(sum(cpu[pid] for pid in others), 2),
            "workers_idle_s": round(max(0.0, alive - sum(cpu[pid] for pid in others)), 2)}


def _print(label: str, figures: dict[str, float]) -> None:
    print(f"  {label:<42} wall {figures['wall_s']:>8.2f} s   cpu {figures['cpu_s']:>8.2f} s   "
          f"peak RSS {figures['peak_mb']:>6.0f} MB (PSS {figures['peak_pss_mb']:>5.0f} MB)", flush=True)
    if figures["workers"]:
        print(f"  {'':<42} the largest process peaked at {figures['peak_one_mb']:.0f} MB RSS", flush=True)
        print(f"  {'':<42} cpu of the main process {figures['parent_cpu_s']:.2f} s, of its "
              f"{figures['workers']:.0f} child processes {figures['workers_cpu_s']:.2f} s (idle or waiting "
              f"for a core {figures['workers_idle_s']:.2f} s of their lives)", flush=True)


def best(args: list[str], repeat: int) -> dict[str, float]:
    runs = [measure(args) for _ in range(repeat)]
    return min(runs, key=lambda r: r["wall_s"])


def speed(folder: Path, n: int, repeat: int) -> None:
    corpus = write_corpus(folder / f"corpus-{n}.jsonl", n)
    print(f"speed: annotate and build of {n:,} documents ({corpus.stat().st_size / 2**20:.0f} MB of JSONL)")
    out = folder / "out"
    for command in ("annotate", "build"):
        target = ["-o", str(out / "a.jsonl")] if command == "annotate" else ["-o", str(out), "--name", "m"]
        one = best([command, str(corpus), *target, "--workers", "1"], repeat)
        _print(f"{command} --workers 1", one)
        two = best([command, str(corpus), *target, "--workers", "2"], repeat)
        _print(f"{command} --workers 2", two)
        dask = best([command, str(corpus), *target, "--engine", "dask", "--workers", "2"], repeat)
        _print(f"{command} --engine dask --workers 2 (LocalCluster)", dask)
        local, cluster = one["wall_s"] / two["wall_s"], one["wall_s"] / dask["wall_s"]
        print(f"  {command}: --workers 2 is {local:.2f}x --workers 1 (target >= {LOCAL_SPEEDUP}x: "
              f"{'met' if local >= LOCAL_SPEEDUP else 'NOT met'}); Dask on 2 workers is {cluster:.2f}x one "
              f"process (target >= {DASK_SPEEDUP}x: {'met' if cluster >= DASK_SPEEDUP else 'NOT met'}); "
              f"{n / one['wall_s']:.0f} documents a second on one process", flush=True)


def memory(folder: Path, sizes: list[int], runs: list[str], build_docs: int,
           build_workers: tuple[str, ...] = ("1", "2")) -> None:
    print("memory: peak resident memory of the process tree (RSS summed over its processes; PSS, "
          "which counts a page that processes share once, beside it)")
    peaks: dict[tuple[str, int], dict[str, float]] = {}
    for n in sizes:
        corpus = write_corpus(folder / f"corpus-{n}.jsonl", n)
        for label in runs:
            command, *flags = MEMORY_RUNS[label]
            peaks[(label, n)] = figures = measure([command, str(corpus), "-o", str(folder / "m.jsonl"), *flags])
            _print(f"{label}, {n:,} documents", figures)
        corpus.unlink()
    low, high = min(sizes), max(sizes)
    if high > low:
        for label in runs:
            a, b = peaks[(label, low)], peaks[(label, high)]
            ratio, ratio_pss = b["peak_mb"] / a["peak_mb"], b["peak_pss_mb"] / a["peak_pss_mb"]
            verdict = "met" if ratio <= GROWTH_LIMIT else "NOT met"
            print(f"  {label}: peak RSS at {high:,} documents is {ratio:.2f}x the peak at {low:,} "
                  f"(PSS {ratio_pss:.2f}x; target <= {GROWTH_LIMIT}x: {verdict})", flush=True)
    if build_docs:
        corpus = write_corpus(folder / f"corpus-{build_docs}.jsonl", build_docs)
        for workers in build_workers:
            figures = measure(["build", str(corpus), "-o", str(folder / "m"), "--workers", workers])
            _print(f"build --workers {workers}, {build_docs:,} documents", figures)
            verdict = "met" if figures["peak_mb"] < BUILD_LIMIT_MB else "NOT met"
            print(f"  build --workers {workers} at {build_docs:,} documents peaks at {figures['peak_mb']:.0f} MB "
                  f"RSS (PSS {figures['peak_pss_mb']:.0f} MB; target below {BUILD_LIMIT_MB} MB at "
                  f"{BUILD_DOCS:,}: {verdict})", flush=True)
        corpus.unlink()


def sentence(folder: Path, repeat: int) -> None:
    path = folder / "sentence.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    measure(["annotate", str(path), "-o", str(folder / "s.jsonl")])  # the index is built (once) and cached
    runs = [measure(["annotate", str(path), "-o", str(folder / "s.jsonl")]) for _ in range(max(3, repeat))]
    walls = sorted(r["wall_s"] for r in runs)
    median = walls[len(walls) // 2]
    print(f"sentence: warm annotate of one sentence: median {median:.2f} s wall "
          f"(target <= {SENTENCE_LIMIT_S} s: {'met' if median <= SENTENCE_LIMIT_S else 'NOT met'}; "
          f"runs {', '.join(f'{w:.2f}' for w in walls)}), "
          f"cpu {min(r['cpu_s'] for r in runs):.2f} s, peak {max(r['peak_mb'] for r in runs):.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=20_000, help="documents for the speed runs")
    parser.add_argument("--memory-sizes", type=int, nargs="+", default=[10_000, 100_000],
                        help="corpus sizes whose peaks are compared (smallest and largest)")
    parser.add_argument("--memory-runs", nargs="+", choices=list(MEMORY_RUNS), default=list(MEMORY_RUNS),
                        metavar="RUN", help=f"runs measured at each size (default all: {', '.join(MEMORY_RUNS)})")
    parser.add_argument("--build-docs", type=int, default=BUILD_DOCS,
                        help="documents of the build whose peak is measured (0: none)")
    parser.add_argument("--build-workers", nargs="+", choices=("1", "2"), default=["1", "2"],
                        help="the --workers of the build runs (default both)")
    parser.add_argument("--only", choices=("speed", "memory", "sentence"), action="append")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    only = set(args.only or ("sentence", "speed", "memory"))
    if "sentence" in only:
        with tempfile.TemporaryDirectory() as tmp:
            sentence(Path(tmp), args.repeat)
    if only & {"speed", "memory"} and not SHARED.is_dir():
        print(f"skipped: {SHARED} is not present (the corpus is resampled from it at run time)")
        return
    print(f"machine: {os.cpu_count()} cores, load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        if "speed" in only:
            speed(Path(tmp), args.docs, args.repeat)
        if "memory" in only:
            memory(Path(tmp), sorted(args.memory_sizes), args.memory_runs, args.build_docs,
                   tuple(args.build_workers))
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
