"""Accuracy and speed of the temporal tagger on the TempEval-3 dev sets in ../shared/eval.

Runs ``karamap.temporal.tag_times`` over ``temporal/dev_date.jsonl`` (scored on DATE only) and
``temporal/dev_all.jsonl`` (all types), writes the predictions as JSONL, scores them with
``score_timex.py`` and reports sentences a second (one process, tagging time only; wall clock and CPU time of
the process, since the machine may be shared).

    python benchmarks/temporal.py [--eval ../shared/eval] [--out /tmp/karamap-temporal]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

from karamap.model import Article
from karamap.sentences import split_sentences
from karamap.temporal import tag_times

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = REPO.parent / "shared" / "eval"
SETS = (("dev_date.jsonl", "DATE"), ("dev_all.jsonl", None))


def _dct(raw: str | None) -> dt.date | None:
    return dt.date.fromisoformat(raw[:10]) if raw else None


def run(gold: Path, out: Path) -> tuple[int, float, float]:
    """Tag every document of ``gold`` into ``out``.

    Returns the sentences, the wall-clock seconds spent tagging and the CPU seconds of this
    process spent tagging (the machine may be shared: CPU time is the figure that does not
    depend on the other jobs running).
    """
    sentences = 0
    elapsed = cpu = 0.0
    with gold.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            rec = json.loads(line)
            article = Article(rec["id"], rec["text"], _dct(rec.get("dct")))
            sentences += len(split_sentences(article.text))
            t0, c0 = time.perf_counter(), time.process_time()
            timexes = tag_times(article)
            elapsed += time.perf_counter() - t0
            cpu += time.process_time() - c0
            pred = [
                {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
                for t in timexes
            ]
            dst.write(json.dumps({"id": rec["id"], "timexes": pred}) + "\n")
    return sentences, elapsed, cpu


def score(eval_dir: Path, gold: Path, pred: Path, types: str | None) -> dict:
    cmd = [sys.executable, str(eval_dir / "score_timex.py"), str(gold), str(pred), "--json"]
    if types:
        cmd += ["--types", types]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)["total"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    ap.add_argument("--out", type=Path, default=Path("/tmp/karamap-temporal"), help="where predictions go")
    args = ap.parse_args(argv)
    if not (args.eval / "temporal").is_dir():
        print(f"skipped: {args.eval}/temporal is not present", file=sys.stderr)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"{'set':16s} {'types':6s} {'gold':>5s} {'pred':>5s} | {'strict F1':>9s} {'relax P':>8s} "
          f"{'relax R':>8s} {'relax F1':>8s} | {'val acc':>7s} {'val F1':>7s} | {'sent/s':>7s} {'CPU s/s':>7s}")
    for name, types in SETS:
        gold = args.eval / "temporal" / name
        pred = args.out / name.replace("dev_", "pred_")
        sentences, seconds, cpu = run(gold, pred)
        m = score(args.eval, gold, pred, types)
        c, r = m["counts"], m["relaxed"]
        print(f"{name:16s} {types or 'all':6s} {c['gold']:5d} {c['pred']:5d} | "
              f"{m['strict']['f1']:9.3f} {r['precision']:8.3f} {r['recall']:8.3f} {r['f1']:8.3f} | "
              f"{m['value_accuracy']:7.3f} {m['value_f1']:7.3f} | {sentences / seconds:7.0f} "
              f"{sentences / cpu:7.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
