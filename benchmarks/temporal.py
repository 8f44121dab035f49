"""Accuracy and speed of the temporal tagger on the TempEval-3 dev sets in ../shared/eval.

Runs ``karamap.temporal.tag_times`` over ``temporal/dev_date.jsonl`` (scored on DATE only) and
``temporal/dev_all.jsonl`` (all types) as the pipeline does (on the analysis view of each text,
offsets mapped back), writes the predictions as JSONL, scores them with ``score_timex.py`` and
reports sentences a second (one process, view and tagging time only; wall clock and CPU time of
the process, since the machine may be shared).

Each set is run twice: as written, and tokenised (spaces around punctuation and brackets,
possessives and n't split off, as corpora print text: ``tests/renderings.py``), with the
predictions mapped back to the plain text's offsets so the same gold scores both.

    python benchmarks/temporal.py [--eval ../shared/eval] [--out /tmp/karamap-temporal] [--plain-only]
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
from karamap.textview import view_article

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from renderings import tokenise_with_offsets  # noqa: E402  (the tests' own renderer)

DEFAULT_EVAL = REPO.parent / "shared" / "eval"
SETS = (("dev_date.jsonl", "DATE"), ("dev_all.jsonl", None))


def _dct(raw: str | None) -> dt.date | None:
    return dt.date.fromisoformat(raw[:10]) if raw else None


def run(gold: Path, out: Path, tokenised: bool = False) -> tuple[int, float, float]:
    """Tag every document of ``gold`` into ``out`` (``tokenised``: rendered tokenised first).

    Returns the sentences, the wall-clock seconds spent tagging and the CPU seconds of this
    process spent tagging (the machine may be shared: CPU time is the figure that does not
    depend on the other jobs running).
    """
    sentences = 0
    elapsed = cpu = 0.0
    with gold.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            rec = json.loads(line)
            text = rec["text"]
            sentences += len(split_sentences(text))
            back = None
            if tokenised:
                text, back = tokenise_with_offsets(text)
            article = Article(rec["id"], text, _dct(rec.get("dct")))
            t0, c0 = time.perf_counter(), time.process_time()
            read_as, view = view_article(article)
            timexes = tag_times(read_as)
            spans = [view.span(t.start, t.end) for t in timexes]
            elapsed += time.perf_counter() - t0
            cpu += time.process_time() - c0
            pred = []
            for t, (start, end) in zip(timexes, spans):
                if back is not None:  # offsets in the plain text the gold indexes
                    start, end = back[start], back[end - 1] + 1
                pred.append({"start": start, "end": end, "text": rec["text"][start:end], "type": t.type,
                             "value": t.value})
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
    ap.add_argument("--plain-only", action="store_true", help="skip the tokenised rendering")
    args = ap.parse_args(argv)
    if not (args.eval / "temporal").is_dir():
        print(f"skipped: {args.eval}/temporal is not present", file=sys.stderr)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"{'set':16s} {'text':9s} {'types':6s} {'gold':>5s} {'pred':>5s} | {'strict F1':>9s} {'relax P':>8s} "
          f"{'relax R':>8s} {'relax F1':>8s} | {'val acc':>7s} {'val F1':>7s} | {'sent/s':>7s} {'CPU s/s':>7s}")
    renderings = (False,) if args.plain_only else (False, True)
    for name, types in SETS:
        gold = args.eval / "temporal" / name
        for tokenised in renderings:
            pred = args.out / name.replace("dev_", "pred_tok_" if tokenised else "pred_")
            sentences, seconds, cpu = run(gold, pred, tokenised)
            m = score(args.eval, gold, pred, types)
            c, r = m["counts"], m["relaxed"]
            print(f"{name:16s} {'tokenised' if tokenised else 'plain':9s} {types or 'all':6s} {c['gold']:5d} "
                  f"{c['pred']:5d} | {m['strict']['f1']:9.3f} {r['precision']:8.3f} {r['recall']:8.3f} "
                  f"{r['f1']:8.3f} | {m['value_accuracy']:7.3f} {m['value_f1']:7.3f} | "
                  f"{sentences / seconds:7.0f} {sentences / cpu:7.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
