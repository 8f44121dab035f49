"""How the map scales: build a map of 50,000 synthetic events and time it in headless Chromium.

Reports build time (layers + render + write), HTML size (target: at most 300 bytes an event),
time to first paint and to the map being drawn, and the time a range change takes
(target: at most 2 s and 100 ms), measured in Debian's Chromium through Playwright.

    python benchmarks/map_scale.py [--events 50000] [--out /tmp/karamap-scale] [--offline]

The synthetic documents are generated from a seeded random source: places scattered over
the South Caucasus, three years of dates (80 % day, 10 % week, 10 % month precision),
every event type, sentences of news-like length (about 20 words).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

from karamap.events.types import EVENT_TYPES
from karamap.layers import build_layers
from karamap.model import Article, Document, Event, Mention, Place, Resolution, TimeSpan
from karamap.render import write_map

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

_SUBJECTS = ("Troops", "Officials", "Residents", "Monitors", "Police", "Witnesses", "The ministry",
             "Local authorities", "Peacekeepers", "Observers")
_VERBS = ("reported", "said", "confirmed", "described", "denied", "announced")
_WHATS = ("heavy shelling", "a meeting of commanders", "the handover of several villages", "a protest",
          "new positions along the line", "talks on the return of displaced people", "a ceasefire violation",
          "the arrival of a convoy", "damage to the water supply", "the opening of a checkpoint")
_TAILS = ("late on Tuesday", "after a week of tension", "according to a statement", "near the main road",
          "in the early morning", "despite earlier promises", "as talks continued", "for the second time")


def synthetic_documents(n_events: int, *, seed: int = 7, per_doc: int = 5) -> list[Document]:
    """``n_events`` events in documents of ``per_doc``, reproducible from ``seed``."""
    rng = random.Random(seed)
    places = [Place(f"synthetic:{k}", f"Place {k}", "city", "AZ", round(rng.uniform(38.5, 42.0), 4),
                    round(rng.uniform(43.5, 50.0), 4)) for k in range(400)]
    types = list(EVENT_TYPES)
    start = dt.date(2019, 1, 1)
    docs = []
    for d in range(0, n_events, per_doc):
        published = start + dt.timedelta(days=rng.randrange(0, 3 * 365))
        doc_id = f"doc-{d // per_doc:06d}"
        events = []
        resolutions = []
        for k in range(min(per_doc, n_events - d)):
            place = rng.choice(places)
            roll = rng.random()
            day = published - dt.timedelta(days=rng.randrange(0, 10))
            if roll < 0.8:
                when, tp = TimeSpan(day, day, "day"), 1
            elif roll < 0.9:
                monday = day - dt.timedelta(days=day.weekday())
                when, tp = TimeSpan(monday, monday + dt.timedelta(days=6), "week"), 2
            else:
                first = day.replace(day=1)
                last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
                when, tp = TimeSpan(first, last, "month"), 3
            quote = (f"{rng.choice(_SUBJECTS)} in {place.name} {rng.choice(_VERBS)} {rng.choice(_WHATS)} "
                     f"{rng.choice(_TAILS)}, {rng.choice(_SUBJECTS).lower()} {rng.choice(_VERBS)}.")
            events.append(Event(f"{doc_id}-{k}", doc_id, rng.choice(types), "reported", quote, 0, len(quote),
                                when, tp, rng.random() < 0.3, (place.id,), place.lat, place.lon,
                                rng.choice((1, 1, 1, 2, 3)), rng.random() < 0.8,
                                tuple(rng.sample(("Azerbaijan", "Armenia", "Russia", "Turkey"), rng.randrange(0, 3))),
                                rng.choice((None, None, "the defence ministry", "local media")), 0.6))
            resolutions.append(Resolution(Mention(0, len(place.name), place.name), place, 0.9))
        article = Article(doc_id, "", published, f"Synthetic report {doc_id}", "Synthetic Wire",
                          f"https://example.org/news/{doc_id}")
        docs.append(Document(article, tuple(resolutions), (), tuple(events)))
    return docs


def measure_browser(path: Path, runs: int = 10) -> dict[str, float]:
    """First paint, drawn-and-ready time and range-change times of the map at ``path``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
                      else r.abort())
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_function("window.karamapReady === true", timeout=60000)
        timing = page.evaluate("""() => {
            const paint = performance.getEntriesByName('first-contentful-paint')[0];
            const ready = performance.getEntriesByName('karamap-ready')[0];
            return {fcp: paint ? paint.startTime : null, ready: ready ? ready.startTime : null};
        }""")
        lo, hi = page.evaluate("karamap.domain()")
        changes = page.evaluate("""async ([lo, hi, runs]) => {
            const a = Date.parse(lo), b = Date.parse(hi), out = [];
            const iso = t => new Date(t).toISOString().slice(0, 10);
            for (let k = 0; k < runs; k++) {
                const from = a + (b - a) * (k / (2 * runs)), to = from + (b - a) / 3;
                const t0 = performance.now();
                karamap.setRange(iso(from), iso(to));
                const sync = performance.now() - t0;
                await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
                out.push([sync, performance.now() - t0, karamap.visibleCount()]);
            }
            return out;
        }""", [lo, hi, runs])
        browser.close()
    return {
        "first_contentful_paint_ms": timing["fcp"],
        "ready_ms": timing["ready"],
        "range_change_script_ms": statistics.median(c[0] for c in changes),
        "range_change_frame_ms": statistics.median(c[1] for c in changes),
        "range_change_frame_max_ms": max(c[1] for c in changes),
        "visible_in_last_range": changes[-1][2],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/karamap-scale"))
    parser.add_argument("--offline", action="store_true", help="inline Leaflet (the browser run is offline anyway)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    docs = synthetic_documents(args.events)
    t0 = time.perf_counter()
    layers = build_layers(docs)
    t1 = time.perf_counter()
    path = write_map(layers, args.out / "scale.html", title=f"{args.events} synthetic events", offline=True)
    t2 = time.perf_counter()
    size = path.stat().st_size
    print(f"events:           {len(layers.events)} in {len(docs)} documents, {len(layers.places)} places")
    print(f"build time:       {t2 - t0:.2f} s (layers {t1 - t0:.2f} s, render + write {t2 - t1:.2f} s)")
    print(f"HTML size:        {size / 1e6:.2f} MB = {size / len(layers.events):.0f} bytes an event "
          f"(target <= 300; includes Leaflet and the world basemap)")
    if not CHROMIUM.exists():
        print("browser:          skipped (/usr/bin/chromium is not installed)")
        return 0
    m = measure_browser(path)
    print(f"first paint:      {m['first_contentful_paint_ms']:.0f} ms (first contentful paint)")
    print(f"map drawn:        {m['ready_ms']:.0f} ms (all {len(layers.events)} events on the canvas; target <= 2000)")
    print(f"range change:     {m['range_change_frame_ms']:.1f} ms median to the next frame "
          f"(max {m['range_change_frame_max_ms']:.1f}; script {m['range_change_script_ms']:.1f}; target <= 100)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
