"""A corpus of short news items written for the tests, as many as asked, the same for a seed."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

__all__ = ["write_corpus", "corpus_records"]

_PLACES = ["Aghdam", "Shusha", "Baku", "Yerevan", "Ganja", "Tbilisi", "Kharkiv", "Odesa",
           "Mogadishu", "Khartoum", "Kabul", "Mandalay", "Ouagadougou", "Goma", "Aleppo"]
_WHO = ["Local officials", "A police spokesman", "Residents", "The defence ministry",
        "Witnesses", "A regional governor"]
_WHAT = [
    "said artillery fire hit the outskirts of {place} {when}.",
    "reported that several hundred people marched through central {place} {when} to demand higher wages.",
    "said troops clashed with armed men near {place} {when}, and two soldiers were killed.",
    "announced that a new hospital opened in {place} {when}.",
    "said a car bomb exploded at a market in {place} {when}, wounding five people.",
    "told reporters that talks between the two delegations took place in {place} {when}.",
]
_WHEN = ["on Monday", "last week", "on March 3", "in early May", "yesterday", "on 12 June 2020",
         "two days ago", "this morning"]


def corpus_records(n: int, *, seed: int = 14, prefix: str = "item") -> list[dict[str, object]]:
    """``n`` JSONL records ``{"id", "text", "date", "title"}`` of one to three sentences each."""
    rng = random.Random(seed)
    records = []
    for i in range(n):
        sentences = []
        for _ in range(rng.randint(1, 3)):
            what = rng.choice(_WHAT).format(place=rng.choice(_PLACES), when=rng.choice(_WHEN))
            sentences.append(f"{rng.choice(_WHO)} {what}")
        published = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 1500))
        records.append({"id": f"{prefix}-{i:05d}", "text": " ".join(sentences),
                        "date": published.isoformat(), "title": f"Report {i}"})
    return records


def write_corpus(path: Path, n: int, *, seed: int = 14, prefix: str = "item",
                 extra_lines: tuple[str, ...] = ()) -> Path:
    """Write ``n`` records (then ``extra_lines`` as they are) to the JSONL file ``path``."""
    with open(path, "w", encoding="utf-8") as fh:
        for record in corpus_records(n, seed=seed, prefix=prefix):
            fh.write(json.dumps(record) + "\n")
        for line in extra_lines:
            fh.write(line + "\n")
    return path
