"""Pipeline speed benchmark: the whole annotate pipeline of one process, stage by stage.

    python benchmarks/pipeline.py [--gold ../shared/eval/geoparse/dev.jsonl] [--repeat 3] [--limit N]
                                  [--profile OUT.prof] [--sentence]

Runs every article of the corpus through karamap's annotate pipeline in this process (the
library called the way ``karamap annotate --workers 1`` calls it: analysis view, recognise,
resolve, temporal, events, offsets restored, the JSONL record written to a string) after the
gazetteer index is loaded, and prints documents a second of CPU time and of wall clock for the
whole pipeline and the CPU seconds of each stage. The median of ``--repeat`` passes is given
(this machine is shared: CPU time does not count the other jobs, wall clock does).
``--sentence`` also times a warm ``karamap annotate`` of one sentence as a user runs it (a new
process: interpreter start, imports, index load, annotate, write).

Issue 14 asks >= 200 documents a second for the whole pipeline on one core and a warm
one-sentence annotate in <= 1.0 s; issue 10 asks annotate >= 300 documents a second on the
geoparsing dev set. Skips cleanly (exit 0) when ../shared is absent.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _articles import read_articles

REPO = Path(__file__).resolve().parents[1]
# ../shared/eval beside the checkout (or beside a folder of worktrees that holds it)
SHARED = next((p / "shared" / "eval" for p in REPO.parents if (p / "shared" / "eval").is_dir()),
              REPO.parent / "shared" / "eval")
STAGES = ("view", "recognise", "resolve", "temporal", "events", "restore+record")


def _staged_pass(articles: list, gazetteer) -> tuple[dict[str, float], float, float]:
    """CPU seconds per stage over ``articles``, and the wall and CPU seconds of the whole pass.

    The stages are called as :func:`karamap.pipeline.annotate_article` calls them; the clock
    reads between them cost a few microseconds a document.
    """
    from karamap.config import DEFAULT_MIN_SCORE
    from karamap.events import extract_events
    from karamap.gazetteer.discover import discover
    from karamap.jsonl import dumps_record
    from karamap.model import Document
    from karamap.recognise import recognise
    from karamap.resolve import resolve
    from karamap.temporal import tag_times
    from karamap.textview import restore_document, view_article

    clock: Callable[[], float] = time.process_time
    spent = dict.fromkeys(STAGES, 0.0)
    w0, c0 = time.perf_counter(), clock()
    for article in articles:
        t0 = clock()
        read_as, view = view_article(article)
        t1 = clock()
        mentions = recognise(read_as, gazetteer)
        mentions = sorted([*mentions, *discover(read_as, mentions, gazetteer)], key=lambda m: m.start)
        t2 = clock()
        resolutions = resolve(read_as, mentions, gazetteer, min_score=DEFAULT_MIN_SCORE)
        t3 = clock()
        timexes = tag_times(read_as)
        t4 = clock()
        events = extract_events(read_as, resolutions, timexes)
        t5 = clock()
        doc = restore_document(Document(read_as, tuple(resolutions), tuple(timexes), tuple(events)),
                               view, article)
        dumps_record(doc)
        t6 = clock()
        for name, a, b in zip(STAGES, (t0, t1, t2, t3, t4, t5), (t1, t2, t3, t4, t5, t6)):
            spent[name] += b - a
    return spent, time.perf_counter() - w0, clock() - c0


def _one_sentence() -> float:
    """Wall seconds of ``karamap annotate`` of one sentence in a new process (index warm)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "one.txt"
        src.write_text("Fighting broke out near Kharkiv on Tuesday, officials said.\n", encoding="utf-8")
        cmd = [sys.executable, "-m", "karamap", "annotate", str(src), "-o", str(Path(tmp) / "o.jsonl"),
               "-q", "--workers", "1"]
        subprocess.run(cmd, check=True, capture_output=True)  # the index built or loaded once
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "geoparse" / "dev.jsonl")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over the corpus")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--profile", type=Path, default=None, help="also write a cProfile of one pass here")
    ap.add_argument("--sentence", action="store_true", help="also time annotate of one sentence")
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"skipped: {args.gold} is absent (../shared is not shipped)")
        return 0

    from karamap.gazetteer.open import open_gazetteer

    print(f"load average {os.getloadavg()[0]:.2f} (2 cores shared: CPU time is the figure to trust)")
    gazetteer = open_gazetteer()
    corpus = read_articles(args.gold, args.limit)
    _staged_pass(corpus[:10], gazetteer)  # word lists and lazy tables built
    passes = [_staged_pass(corpus, gazetteer) for _ in range(max(1, args.repeat))]
    n = len(corpus)
    wall = statistics.median(p[1] for p in passes)
    cpu = statistics.median(p[2] for p in passes)
    print(f"whole pipeline on {args.gold.parent.name}/{args.gold.name} ({n} docs, "
          f"{sum(len(a.text) for a in corpus) / 1e6:.2f} MB), median of {len(passes)} passes:")
    print(f"  {n / cpu:6.0f} docs/s of CPU time ({cpu:.2f} s), {n / wall:6.0f} docs/s wall ({wall:.2f} s)")
    print(f"  {'stage':<16}{'CPU s':>8}{'docs/s':>9}")
    for name in STAGES:
        s = statistics.median(p[0][name] for p in passes)
        print(f"  {name:<16}{s:8.2f}{n / s if s else float('inf'):9.0f}")
    if args.profile:
        import cProfile

        prof = cProfile.Profile()
        prof.runcall(_staged_pass, corpus, gazetteer)
        prof.dump_stats(args.profile)
        print(f"profile of one pass in {args.profile}")
    if args.sentence:
        print(f"warm annotate of one sentence (a new process): {_one_sentence():.2f} s wall, median of 3")
    return 0


if __name__ == "__main__":
    sys.exit(main())
