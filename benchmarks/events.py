"""Events benchmark: karamap's event coding on ACLED's notes (../shared/eval/events), scored.

    python benchmarks/events.py [--gold ../shared/eval/events/dev.jsonl] [--out /tmp/karamap-events.jsonl]
                                [--details D.jsonl] [--speed-gold ../shared/eval/geoparse/dev.jsonl]
                                [--repeat N] [--no-speed] [--limit N]

Feeds every gold note as {"id", "text", "date"} to karamap's whole annotate pipeline (the library
called directly, as ``karamap annotate`` does), writes the annotate records, scores them with
``../shared/eval/score_events.py`` (the ACLED codes read from each event's own fields) and prints
the totals, the per-type table and documents a second. Then times the whole annotate pipeline on
the geoparsing dev set (news articles, longer than notes): the speed the issue's target is about.
Speeds are after the gazetteer index is loaded, one process; wall clock and CPU time of the
process (the machine may be shared: CPU time does not depend on the other jobs), the median of
``--repeat`` passes. Skips cleanly (exit 0) when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _articles import read_articles

REPO = Path(__file__).resolve().parents[1]
# ../shared/eval beside the checkout (or beside a folder of worktrees that holds it)
SHARED = next((p / "shared" / "eval" for p in REPO.parents if (p / "shared" / "eval").is_dir()),
              REPO.parent / "shared" / "eval")
_FIGURES = ("recall", "type", "sub_type", "date_contains", "within_25km", "full", "actor", "fatalities",
            "extra_per_doc")


def _annotate(articles: list, gazetteer) -> tuple[list, float, float]:
    """The annotate records of ``articles``, with the wall and CPU seconds it took."""
    from karamap.jsonl import document_record
    from karamap.pipeline import annotate_article

    t0, c0 = time.perf_counter(), time.process_time()
    records = [document_record(annotate_article(a, gazetteer)) for a in articles]
    return records, time.perf_counter() - t0, time.process_time() - c0


def _fmt(value: float | None) -> str:
    return "     -" if value is None else f"{value:6.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "events" / "dev.jsonl")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "karamap-events.jsonl")
    ap.add_argument("--details", type=Path, default=None, help="the scorer's per-event details file")
    ap.add_argument("--speed-gold", type=Path, default=SHARED / "geoparse" / "dev.jsonl",
                    help="the corpus the annotate speed is measured on")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over the speed corpus")
    ap.add_argument("--no-speed", action="store_true", help="score only, skip the speed passes")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"skipped: {args.gold} is absent (../shared is not shipped)")
        return 0

    from karamap.gazetteer.open import open_gazetteer

    gazetteer = open_gazetteer()
    notes = read_articles(args.gold, args.limit)
    _annotate(notes[:5], gazetteer)  # warm the word lists and the index
    records, wall, cpu = _annotate(notes, gazetteer)
    with args.out.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    cmd = [sys.executable, str(SHARED / "score_events.py"), str(args.gold), str(args.out), "--json"]
    if args.details:
        cmd += ["--details", str(args.details)]
    summary = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)

    print(f"notes {len(notes)}; predictions in {args.out}")
    print(f"{'':<28}{'n':>5} " + " ".join(f"{f[:6]:>6}" for f in _FIGURES))
    rows = [("ALL", summary["total"])] + sorted(summary["by_event_type"].items())
    for name, r in rows:
        print(f"{name[:28]:<28}{r['n']:>5} " + " ".join(_fmt(r.get(f)) for f in _FIGURES))
    total = summary["total"]
    print(f"fatalities over {total['fatalities_n']} events with a number; events emitted: "
          + ", ".join(f"{k} {v}" for k, v in sorted(summary["types_emitted"].items(), key=lambda kv: -kv[1])))
    print(f"notes speed {len(notes) / wall:.0f} docs/s wall, {len(notes) / cpu:.0f} docs/s of CPU time")

    if args.no_speed or not args.speed_gold.exists():
        return 0
    corpus = read_articles(args.speed_gold, args.limit)
    passes = [_annotate(corpus, gazetteer)[1:] for _ in range(max(1, args.repeat))]
    walls = sorted(w for w, _ in passes)
    cpus = sorted(c for _, c in passes)
    mid = len(passes) // 2
    print(f"annotate speed on {args.speed_gold.parent.name}/{args.speed_gold.name} ({len(corpus)} docs): "
          f"median of {len(passes)} passes {len(corpus) / walls[mid]:.0f} docs/s wall, "
          f"{len(corpus) / cpus[mid]:.0f} docs/s of CPU time (best {len(corpus) / walls[0]:.0f} wall)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
