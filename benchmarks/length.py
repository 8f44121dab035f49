"""Length benchmark: time and memory of one article against its length, from 10 KB to 20 MB.

    python benchmarks/length.py [--sizes 10k 100k 1m 20m] [--shapes prose sentences names]
                                [--stages] [--limit-seconds 600]

Each article is generated at run time: ``prose`` repeats paragraphs of news written for this
benchmark, with places, people, dates and numbers varied from paragraph to paragraph;
``sentences`` is a long run of short sentences ("Troops left Mosul."); ``names`` is one
sentence naming place after place ("Delegates came from Kharkiv, Aleppo, Goma, ..."). Every
article is annotated by the whole pipeline in this process (the gazetteer loaded first, not
timed), and the benchmark prints CPU seconds per MB and the peak resident memory. Issue 15
asks the time per MB to stay flat within 2x from 10 KB to 20 MB: the last column is each size's
seconds per MB over the smallest size's. ``--stages`` adds each stage's share.
Nothing here reads ../shared.
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


SHAPES = {"prose": prose, "sentences": sentences, "names": names}
