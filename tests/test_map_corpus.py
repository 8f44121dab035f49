"""A map of a corpus in headless Chromium: clusters that follow the time filter when zoomed out,
single events when zoomed in, and an event list that keeps only the rows on screen."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from map_support import event, open_page, sample_documents, span

from karamap.layers import build_layers
from karamap.model import Article, Document, Place
from karamap.render import write_map

pytestmark = pytest.mark.browser

#: events per year; the west of the map has its events in 2020, the east in 2021
PER_YEAR = 3000
TYPES = ("armed_clash", "protest", "arrest")


def _places(prefix: str, lon0: float, rng: random.Random) -> list[Place]:
    return [Place(f"test:{prefix}{k}", f"{prefix.title()} town {k}", "city", "AZ",
                  round(rng.uniform(39.6, 41.0), 4), round(rng.uniform(lon0, lon0 + 1.2), 4))
            for k in range(20)]


def corpus_documents() -> list[Document]:
    """6,000 events at 40 towns: the western towns' in 2020, the eastern towns' in 2021."""
    rng = random.Random(11)
    docs = []
    for year, places in ((2020, _places("west", 44.2, rng)), (2021, _places("east", 47.6, rng))):
        for d in range(PER_YEAR // 10):
            published = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 365))
            doc_id = f"d{year}-{d}"
            events = []
            for k in range(10):
                place = rng.choice(places)
                quote = f"Report {doc_id}-{k}: crowds gathered in {place.name} and police watched them."
                events.append(event(f"{doc_id}-{k}", doc_id, TYPES[(d + k) % 3], quote,
                                    span(published.isoformat()), place))
            article = Article(doc_id, "", published, f"Dispatch {doc_id}", "Test Wire", None)
            docs.append(Document(article, (), (), tuple(events)))
    return docs


@pytest.fixture(scope="module")
def corpus_map(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "corpus.html"
    return write_map(build_layers(corpus_documents()), path, title="A corpus", offline=True).as_uri()


@pytest.fixture
def page(chromium, corpus_map):
    page = open_page(chromium, corpus_map)
    # The whole corpus in view, zoomed out.
    page.evaluate("karamap.map.setView([40.3, 46.6], 6, {animate: false}) && 0")
    yield page
    page.context.close()


def _clusters(page) -> list[list]:
    return page.evaluate("karamap.clusters()")


def _map_x(page) -> float:
    return page.locator(".folium-map").bounding_box()["x"]


def test_zoomed_out_the_events_are_counted_in_clusters_that_hold_every_event_shown(page):
    assert page.evaluate("karamap.mode()") == "clusters"
    clusters = _clusters(page)
    assert 2 <= len(clusters) < 100
    assert sum(c[2] for c in clusters) == page.evaluate("karamap.visibleCount()") == 2 * PER_YEAR
    for _, _, count, parts in clusters:
        assert sum(parts) == count


def test_the_legend_says_what_a_cluster_is_on_a_map_that_has_them(page, chromium, tmp_path):
    assert "cluster" in page.locator(".km-legend-key").inner_text()
    small = write_map(build_layers(sample_documents()), tmp_path / "small.html", offline=True)
    few = open_page(chromium, small.as_uri())
    try:
        assert few.evaluate("karamap.mode()") == "events"
        assert "cluster" not in few.locator(".km-legend-key").inner_text()
    finally:
        few.context.close()


def test_clusters_follow_the_time_filter(page):
    middle = page.evaluate("karamap.map.latLngToContainerPoint([40.3, 46.6]).x")
    page.evaluate("karamap.setRange('2020-01-01', '2020-12-31')")
    west = _clusters(page)
    assert sum(c[2] for c in west) == page.evaluate("karamap.visibleCount()") == PER_YEAR
    assert all(c[0] < middle for c in west)
    page.evaluate("karamap.setRange('2021-01-01', '2021-12-31')")
    east = _clusters(page)
    assert sum(c[2] for c in east) == PER_YEAR
    assert all(c[0] > middle for c in east)
    # The second half of 2020 and the first of 2021: clusters on both sides, fewer events in each.
    page.evaluate("karamap.setRange('2020-07-01', '2021-06-30')")
    both = _clusters(page)
    assert sum(c[2] for c in both) == page.evaluate("karamap.visibleCount()")
    assert 0 < sum(c[2] for c in both if c[0] < middle) < PER_YEAR
    assert 0 < sum(c[2] for c in both if c[0] > middle) < PER_YEAR


def test_clusters_follow_the_legend(page):
    before = _clusters(page)
    page.locator(".km-legend-item", has_text="Protest").click()
    after = _clusters(page)
    assert sum(c[2] for c in after) == page.evaluate("karamap.visibleCount()")
    assert sum(c[2] for c in after) == sum(c[2] for c in before) - sum(c[3][1] for c in before)
    assert all(c[3][1] == 0 for c in after)   # the legend's order: armed clash, protest, arrest


def test_clicking_a_cluster_zooms_in_until_single_events_show(page):
    single = page.evaluate("karamap.aggregation.singleZoom")
    for _ in range(single):
        if page.evaluate("karamap.mode()") == "events":
            break
        zoom = page.evaluate("karamap.map.getZoom()")
        left = _map_x(page)
        # The biggest cluster not under the legend or a button.
        free = [c for c in _clusters(page) if page.evaluate(
            "([x, y]) => !document.elementFromPoint(x, y).closest('.leaflet-control')", [left + c[0], c[1]])]
        x, y, _, _ = max(free, key=lambda c: c[2])
        page.mouse.click(left + x, y)
        page.wait_for_function(f"karamap.map.getZoom() > {zoom}", timeout=3000)
        page.wait_for_timeout(400)   # the zoom's animation ends, the clusters are drawn again
    assert page.evaluate("karamap.mode()") == "events"
    assert page.evaluate("karamap.map.getZoom()") <= single


def test_zoomed_in_every_event_is_drawn_and_opens_its_popup(page):
    single = page.evaluate("karamap.aggregation.singleZoom")
    quote = page.evaluate("karamap.visibleQuotes()[1234]")
    page.evaluate("([q, z]) => { const m = karamap.map; m.setView(m.containerPointToLatLng(karamap.pointOf(q)), z, "
                  "{animate: false}); return 0; }", [quote, single])
    assert page.evaluate("karamap.mode()") == "events"
    assert _clusters(page) == []
    x, y = page.evaluate("q => karamap.pointOf(q)", quote)
    assert page.evaluate("([x, y]) => karamap.alphaAt(x, y)", [x, y]) > 200
    page.mouse.click(_map_x(page) + x, y)
    popup = page.locator(".leaflet-popup-content").inner_text()
    assert "events here" in popup            # the town's events are stepped through in one popup


def test_zoomed_out_a_narrow_range_draws_single_events_again(page):
    aggregate_from = page.evaluate("karamap.aggregation.from")
    page.evaluate("karamap.setRange('2020-03-01', '2020-03-31')")
    shown = page.evaluate("karamap.visibleCount()")
    assert 0 < shown < aggregate_from
    assert page.evaluate("karamap.mode()") == "events"
    assert len(page.evaluate("karamap.visibleQuotes()")) == shown


def test_the_event_list_keeps_only_the_rows_on_screen(page):
    assert page.evaluate("karamap.visibleCount()") == 2 * PER_YEAR
    rows = page.locator(".km-item")
    assert 0 < rows.count() <= 40
    quotes = page.evaluate("karamap.visibleQuotes()")
    page.evaluate("document.getElementById('km-list').scrollTop = 66 * 4000")
    page.wait_for_timeout(100)
    assert 0 < rows.count() <= 40
    shown = page.locator(".km-item .km-item-quote").all_inner_texts()
    # The rows on screen are those at the scroll position, in date order.
    firsts = page.evaluate("[...document.querySelectorAll('.km-item')].map(r => +r.style.top.slice(0, -2) / 66)")
    assert min(firsts) <= 4000 <= max(firsts)
    for row_index, text in zip(firsts, shown):
        assert quotes[int(row_index)].startswith(text.rstrip("…"))
