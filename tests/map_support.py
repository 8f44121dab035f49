"""Hand-built documents for the layers, render, export and browser tests, and browser helpers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from karamap.model import Article, Document, Event, Mention, Place, Resolution, TimeSpan

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

AGHDAM = Place("geonames:148618", "Aghdam", "admin2", "AZ", 39.9937, 46.9295, geonameid=148618)
FUZULI = Place("geonames:147622", "Fuzuli", "admin2", "AZ", 39.6003, 47.1431, geonameid=147622)
LACHIN = Place("geonames:147271", "Lachin", "admin2", "AZ", 39.6383, 46.5461, geonameid=147271)
AZERBAIJAN = Place("geonames:587116", "Azerbaijan", "country", "AZ", 40.5, 47.5, geonameid=587116)
ARMENIA = Place("geonames:174982", "Armenia", "country", "AM", 40.25, 45.0, geonameid=174982)
SHUSHA = Place("geonames:584923", "Shusha", "city", "AZ", 39.7580, 46.7500, geonameid=584923)
CENTER = Place("karamap:joint-monitoring-center", "Turkish-Russian Joint Monitoring Center", "facility",
               "AZ", 40.026, 46.915, source="karamap", approximate=True)
DISTRICTS = Place("karamap:seven-districts", "the seven adjacent districts", "group", "AZ", 39.8, 46.8,
                  source="karamap", members=(AGHDAM.id, FUZULI.id, LACHIN.id))


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def span(start: str, end: str | None = None, precision: str = "day") -> TimeSpan:
    return TimeSpan(day(start), day(end or start), precision)  # type: ignore[arg-type]


def res(place: Place, surface: str, at: int = 0, members: tuple[Place, ...] = ()) -> Resolution:
    kind = "group" if place.feature == "group" else "toponym"
    return Resolution(Mention(at, at + len(surface), surface, kind), place, 0.9, (place,), members)


def event(eid: str, doc: str, type: str, quote: str, when: TimeSpan | None, place: Place, *,
          time_precision: int = 1, inferred: bool = False, geo: int = 1, stated: bool = True,
          actors: tuple[str, ...] = (), attribution: str | None = None) -> Event:
    return Event(eid, doc, type, quote.split()[1] if len(quote.split()) > 1 else quote, quote, 0, len(quote),
                 when, time_precision, inferred, (place.id,), place.lat, place.lon, geo, stated, actors,
                 attribution, 0.8)


def sample_documents() -> list[Document]:
    """Three articles: a war-time interval, a deployment, month- and week-precision events."""
    a1 = Article("war", "Fighting raged in Fuzuli and Lachin.", day("2020-11-12"),
                 "The 44-day war ends", "Wire", "https://example.org/war")
    a2 = Article("center", "The Joint Monitoring Center opened in Aghdam.", day("2021-01-30"),
                 "Joint center opens in Aghdam", "Wire", "https://example.org/center")
    a3 = Article("talks", "Officials met in Shusha.", day("2021-03-15"), "Talks in Shusha", "Daily", None)
    war = span("2020-09-27", "2020-11-10", "range")
    d1 = Document(a1, (res(FUZULI, "Fuzuli"), res(LACHIN, "Lachin"), res(AZERBAIJAN, "Azerbaijan"),
                       res(ARMENIA, "Armenia"), res(DISTRICTS, "the seven adjacent districts",
                                                    members=(AGHDAM, FUZULI, LACHIN))),
                  (), (
        event("ev-war", "war", "armed_clash", "Fighting raged in Fuzuli for 44 days.", war, FUZULI,
              time_precision=3, actors=("Azerbaijan", "Armenia")),
        event("ev-lachin", "war", "territory_handed_over", "Lachin was handed over on 1 December.",
              span("2020-12-01"), LACHIN, attribution="the Kremlin"),
        event("ev-shusha", "war", "territory_taken", "Shusha was taken on 8 November.",
              span("2020-11-08"), SHUSHA, actors=("Azerbaijan",)),
    ))
    d2 = Document(a2, (res(AGHDAM, "Aghdam"), res(CENTER, "Joint Monitoring Center"), res(AZERBAIJAN, "Azerbaijan")),
                  (), (
        event("ev-center", "center", "deployment", "The Joint Monitoring Center opened in Aghdam on Saturday.",
              span("2021-01-30"), CENTER, actors=("Turkey", "Russia"), attribution="the Turkish defence ministry"),
        event("ev-jan", "center", "other_development", "In January, officials described the work of the center.",
              span("2021-01-01", "2021-01-31", "month"), AGHDAM, time_precision=3, inferred=True, geo=2,
              stated=False),
    ))
    d3 = Document(a3, (res(SHUSHA, "Shusha"),), (), (
        event("ev-talks", "talks", "meeting", "Officials met in Shusha during the week.",
              span("2021-03-08", "2021-03-14", "week"), SHUSHA, time_precision=2),
    ))
    return [d1, d2, d3]


#: payloads a hostile article carries; each would set ``window.pwned`` if it ever ran
PAYLOADS = (
    "<script>window.pwned=1</script>",
    "<img src=x onerror=\"window.pwned=2\">",
    "</script><script>window.pwned=3</script>",
    "{{ 7*7 }}<svg onload=window.pwned=4>",
)


def hostile_documents() -> list[Document]:
    """An article whose title, URL, quote, actors and place alias all carry script payloads."""
    title = "Breaking " + PAYLOADS[0] + PAYLOADS[1]
    url = "javascript:window.pwned=5"
    quote = "Clashes near " + PAYLOADS[2] + " and " + PAYLOADS[3] + " \u2028 were reported."
    alias = "Aghdam" + PAYLOADS[1]
    evil_place = Place("user:evil", "Evil " + PAYLOADS[2], "city", "AZ", 40.1, 47.0,
                       aliases=(alias,), source="user")
    article = Article("hostile", quote, day("2021-02-01"), title, PAYLOADS[3], url)
    ev = event("ev-hostile", "hostile", "armed_clash", quote, span("2021-02-01"), evil_place,
               actors=(PAYLOADS[0],), attribution=PAYLOADS[1])
    return [Document(article, (res(evil_place, alias),), (), (ev,))]


def open_page(browser, url: str, *, timezone_id: str = "UTC", routes: dict[str, Path] | None = None,
              width: int = 1280, height: int = 800):
    """Open ``url`` in a fresh context of ``browser`` and wait until the map has drawn.

    Every request that is not ``file:``/``data:`` and not served from ``routes`` (URL ->
    local file) is aborted and recorded in ``page.karamap_blocked``; console errors and
    page errors are recorded in ``page.karamap_errors``.
    """
    context = browser.new_context(timezone_id=timezone_id, viewport={"width": width, "height": height})
    page = context.new_page()
    blocked: list[str] = []
    errors: list[str] = []
    routes = routes or {}

    def route(r) -> None:  # noqa: ANN001 - playwright's Route
        url = r.request.url
        if url.startswith(("file:", "data:")):
            r.continue_()
        elif url in routes:
            r.fulfill(path=str(routes[url]))
        elif "tile.openstreetmap.org" in url and "*tiles*" in routes:
            r.fulfill(path=str(routes["*tiles*"]))
        else:
            blocked.append(url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.karamap_blocked = blocked
    page.karamap_errors = errors
    page.goto(url)
    page.wait_for_function("window.karamapReady === true", timeout=15000)
    return page


def local_assets() -> dict[str, Path]:
    """The online map's CDN files and tiles, served from the installed XStatic-Leaflet package."""
    from karamap.render.assets import cdn_files

    files = cdn_files()
    return {**files, "*tiles*": files[next(u for u in files if u.endswith("/layers.png"))]}
