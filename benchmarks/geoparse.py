"""Geoparsing benchmark: karamap's recognition and resolution on ../shared/eval/geoparse, scored.

    python benchmarks/geoparse.py [--gold ../shared/eval/geoparse/dev.jsonl] [--out /tmp/geoparse-pred.jsonl]
                                  [--cache-dir DIR] [--rebuild] [--limit N] [--repeat N]
                                  [--render tokenised]

Feeds every gold document as {"id", "text", "date"} to karamap (recognise + resolve, the library
called directly), writes the annotate records, scores them with ../shared/eval/score_geoparse.py
and prints recognition P/R/F1 (exact, overlap), Acc@161, mean/median km, AUC, e2e@161 per corpus,
plus documents a second (after the index is loaded: the first pass, and the median of --repeat
passes, since this machine's speed wanders), index load and build time and peak memory.

``--render tokenised`` feeds each text tokenised instead (spaces around punctuation and brackets,
possessives and n't split off: ``tests/renderings.py``); karamap reads it through its analysis
view, as the pipeline does, and the predicted offsets are mapped back to the plain text the gold
indexes, so the same gold scores both renderings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# ../shared/eval beside the checkout, or beside the folder of worktrees that holds the checkout
SHARED = next((p / "shared" / "eval" for p in REPO.parents if (p / "shared" / "eval").is_dir()),
              REPO.parent / "shared" / "eval")


def _date(meta: dict) -> dt.date | None:
    raw = (meta or {}).get("date") or ""
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        return None


def _plain_offsets(record: dict, back: list[int]) -> dict:
    """A record of a rendered text with its places' offsets in the plain text."""
    for key in ("places", "withheld"):
        for p in record[key]:
            p["start"], p["end"] = back[p["start"]], back[p["end"] - 1] + 1
    return record


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "geoparse" / "dev.jsonl")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "karamap-geoparse-pred.jsonl")
    ap.add_argument("--cache-dir", type=Path, default=None, help="index folder (default: the user cache)")
    ap.add_argument("--rebuild", action="store_true", help="build the index anew and time the build")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=3,
                    help="passes over the corpus to time (the first pass's output is scored)")
    ap.add_argument("--render", choices=("plain", "tokenised"), default="plain",
                    help="how the texts are fed (default: as written)")
    ap.add_argument("--min-score", type=float, default=0.7,
                    help="also score with resolutions below this confidence left out (unknown)")
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"skipped: {args.gold} is absent (../shared is not shipped)")
        return 0

    from karamap.config import DEFAULT_CACHE_DIR
    from karamap.gazetteer.index import build_index, index_file
    from karamap.gazetteer.offline import OfflineGazetteer
    from karamap.jsonl import document_record
    from karamap.model import Article, Document
    from karamap.paths import geodata_dir
    from karamap.recognise import recognise
    from karamap.resolve import resolve
    from karamap.textview import restore_document, view_article

    sys.path.insert(0, str(REPO / "tests"))
    from renderings import tokenise_with_offsets  # the tests' own renderer

    cache = args.cache_dir or DEFAULT_CACHE_DIR
    build_s = None
    if args.rebuild or not index_file(cache).exists():
        build_s = build_index(geodata_dir(), index_file(cache))
    t0 = time.perf_counter()
    c0 = time.process_time()
    gaz = OfflineGazetteer.open(cache)
    load_s = time.perf_counter() - t0
    load_cpu_s = time.process_time() - c0  # the machine may be shared: CPU time is the steadier figure
    if build_s is None:
        build_s = gaz.build_seconds

    docs = []
    # for a rendered text: the plain offset of each of its offsets (the gold indexes plain text)
    back: dict[str, list[int]] = {}
    with open(args.gold, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                g = json.loads(line)
                text = g["text"]
                if args.render == "tokenised":
                    text, back[g["id"]] = tokenise_with_offsets(text)
                docs.append(Article(id=g["id"], text=text, published=_date(g.get("meta", {}))))
    if args.limit:
        docs = docs[: args.limit]
    recognise(docs[0], gaz)  # warm the word lists
    passes: list[tuple[float, float]] = []  # (wall, CPU) seconds of each pass over the corpus
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        c0 = time.process_time()
        records = []
        for art in docs:
            if args.render == "plain":
                res = resolve(art, recognise(art, gaz), gaz)
                records.append(document_record(Document(art, tuple(res))))
                continue
            read_as, view = view_article(art)
            doc = restore_document(Document(read_as, tuple(resolve(read_as, recognise(read_as, gaz), gaz))),
                                   view, art)
            records.append(_plain_offsets(document_record(doc), back[art.id]))
        passes.append((time.perf_counter() - t0, time.process_time() - c0))
    run_s, cpu_s = passes[0]
    median_s = sorted(w for w, _ in passes)[len(passes) // 2]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with open(args.out, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    scorer = args.gold.resolve().parents[1] / "score_geoparse.py"  # eval/geoparse/dev.jsonl -> eval/
    out = subprocess.run([sys.executable, str(scorer), str(args.gold), str(args.out), "--json"],
                         capture_output=True, text=True, check=True)
    r = json.loads(out.stdout)
    print(f"documents {len(docs)} ({args.render}); predictions in {args.out}")
    header = f"{'corpus':<11} {'exP':>6} {'exR':>6} {'exF1':>6} {'ovF1':>6} {'acc161':>7} {'meankm':>8} {'medkm':>7} {'AUC':>6}"
    print(header)

    def row(name: str, ex: dict, ov: dict, res: dict) -> None:
        print(f"{name:<11} {ex['precision']:>6.3f} {ex['recall']:>6.3f} {ex['f1']:>6.3f} {ov['f1']:>6.3f} "
              f"{res.get('acc@161', 0):>7.3f} {res.get('mean_km', 0):>8.1f} {res.get('median_km', 0):>7.1f} "
              f"{res.get('auc', 0):>6.3f}")

    for name, c in r["by_corpus"].items():
        row(name, c["exact"], c["overlap"], c["resolution"])
    row("ALL", r["recognition"]["exact"], r["recognition"]["overlap"], r["resolution"])
    print(f"e2e@161 {r['end_to_end']['e2e@161']:.4f}   unresolved {r['resolution'].get('unresolved', 0)}")
    if args.min_score:
        out = subprocess.run([sys.executable, str(scorer), str(args.gold), str(args.out), "--json",
                              "--min-score", str(args.min_score)], capture_output=True, text=True, check=True)
        m = json.loads(out.stdout)
        ex, ov, res = m["recognition"]["exact"], m["recognition"]["overlap"], m["resolution"]
        print(f"with confidence >= {args.min_score}: exact P/R/F1 {ex['precision']:.3f}/{ex['recall']:.3f}/"
              f"{ex['f1']:.3f}, overlap F1 {ov['f1']:.3f}, acc@161 {res.get('acc@161', 0):.3f}, "
              f"AUC {res.get('auc', 0):.3f}, e2e@161 {m['end_to_end']['e2e@161']:.4f}")
    print(f"speed {len(docs) / run_s:.0f} docs/s wall, {len(docs) / cpu_s:.0f} docs/s of CPU time "
          f"({run_s:.2f} s wall, first pass, one process, index loaded); "
          f"median of {len(passes)} passes {len(docs) / median_s:.0f} docs/s; "
          f"index load {load_s:.2f} s ({load_cpu_s:.2f} s of CPU time); index build {build_s:.1f} s; "
          f"peak memory {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
