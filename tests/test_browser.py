"""The map in headless Chromium: time filter, playback, event list, popups, offline, hostile text."""

from __future__ import annotations

import pytest
from map_support import PAYLOADS, hostile_documents, local_assets, open_page, sample_documents

from karamap.layers import build_layers
from karamap.render import write_map

pytestmark = pytest.mark.browser

WAR = "Fighting raged in Fuzuli for 44 days."          # 27 Sep - 10 Nov 2020, an interval
LACHIN = "Lachin was handed over on 1 December."       # 1 Dec 2020
TALKS = "Officials met in Shusha during the week."     # 8 - 14 Mar 2021


@pytest.fixture(scope="module")
def maps(tmp_path_factory):
    folder = tmp_path_factory.mktemp("maps")
    layers = build_layers(sample_documents())
    return {
        "offline": write_map(layers, folder / "offline.html", title="Sample", offline=True).as_uri(),
        "online": write_map(layers, folder / "online.html", title="Sample").as_uri(),
        "hostile": write_map(build_layers(hostile_documents()), folder / "hostile.html",
                             title="Hostile " + PAYLOADS[0], offline=True).as_uri(),
    }


@pytest.fixture
def page(chromium, maps):
    page = open_page(chromium, maps["offline"])
    yield page
    page.context.close()


def _list(page) -> list[str]:
    return page.locator(".km-item .km-item-quote").all_inner_texts()


def _day_x(page, iso: str) -> float:
    """The x (in the page) of the left edge of day ``iso`` on the histogram."""
    lo, hi = page.evaluate("karamap.domain()")
    box = page.locator("#km-hist").bounding_box()
    days = page.evaluate("([a, b, c]) => [Date.parse(a), Date.parse(b), Date.parse(c)].map(t => t / 864e5)",
                         [lo, hi, iso])
    return box["x"] + (days[2] - days[0]) / (days[1] - days[0] + 1) * box["width"]


def _drag(page, handle: str, to_x: float) -> None:
    box = page.locator(handle).bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(to_x, y, steps=8)
    page.mouse.up()
    page.wait_for_timeout(50)


def test_the_histogram_and_both_handles_are_shown(page):
    assert page.locator(".km-bar").count() >= 20  # weekly bins over six months
    assert page.evaluate("karamap.unit") == "week"
    for handle in ("#km-from", "#km-to"):
        assert page.locator(handle).is_visible()
        assert page.locator(handle).get_attribute("role") == "slider"
    assert page.inner_text("#km-range") == "From 21 September 2020 to 14 March 2021 (all dates)"
    assert page.inner_text("#km-count") == "6 of 6 events"
    assert len(_list(page)) == 6
    assert page.karamap_errors == []


def test_dragging_the_from_handle_hides_earlier_events_from_map_and_list(page):
    war_x, war_y = page.evaluate("q => karamap.pointOf(q)", WAR)
    assert page.evaluate("([x, y]) => karamap.alphaAt(x, y)", [war_x, war_y]) > 0
    _drag(page, "#km-from", _day_x(page, "2020-12-15") + 1)
    start, end = page.evaluate("karamap.range()")
    assert "2020-12-12" <= start <= "2020-12-18" and end == "2021-03-14"
    assert page.evaluate("karamap.visibleCount()") == 3
    assert _list(page)[0].startswith("In January, officials")
    assert WAR not in " ".join(_list(page))
    assert page.evaluate("([x, y]) => karamap.alphaAt(x, y)", [war_x, war_y]) == 0  # gone from the canvas
    assert page.inner_text("#km-count") == "3 of 6 events"


def test_arrow_keys_move_a_handle_one_bin_and_shift_one_day(page):
    page.focus("#km-to")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("karamap.range()") == ["2020-09-21", "2021-03-07"]
    assert TALKS not in _list(page) and page.evaluate("karamap.visibleCount()") == 5
    page.keyboard.press("Shift+ArrowRight")
    assert page.evaluate("karamap.range()") == ["2020-09-21", "2021-03-08"]
    assert page.evaluate("karamap.visibleCount()") == 6  # the week of talks starts on 8 March
    page.focus("#km-from")
    page.keyboard.press("End")
    assert page.evaluate("karamap.range()") == ["2021-03-08", "2021-03-08"]
    assert _list(page) == [TALKS]
    assert page.inner_text("#km-range") == "On 8 March 2021"


@pytest.mark.parametrize(("start", "end", "shown"), [
    ("2020-09-21", "2020-09-26", False),   # ends the day before the war starts
    ("2020-09-21", "2020-09-27", True),    # touches its first day
    ("2020-10-10", "2020-10-12", True),    # inside it
    ("2020-11-10", "2020-11-30", True),    # touches its last day
    ("2020-11-11", "2020-11-30", False),   # starts the day after it ended
])
def test_an_interval_event_shows_exactly_while_its_span_overlaps_the_range(page, start, end, shown):
    page.evaluate("([a, b]) => karamap.setRange(a, b)", [start, end])
    assert (WAR in page.evaluate("karamap.visibleQuotes()")) is shown
    assert (WAR in _list(page)) is shown


def test_playback_moves_a_window_of_constant_width(page):
    page.evaluate("karamap.setRange('2020-09-21', '2020-10-18')")
    page.select_option("#km-speed", "4")
    page.click("#km-play")
    assert page.evaluate("karamap.playing()")
    page.wait_for_function("karamap.range()[0] > '2020-10-10'", timeout=5000)
    start, end = page.evaluate("karamap.range()")
    width = page.evaluate("([a, b]) => (Date.parse(b) - Date.parse(a)) / 864e5", [start, end])
    assert width == 27
    page.click("#km-play")
    assert not page.evaluate("karamap.playing()")
    paused = page.evaluate("karamap.range()")
    page.wait_for_timeout(500)
    assert page.evaluate("karamap.range()") == paused
    page.click("#km-reset")
    assert page.evaluate("karamap.range()") == ["2020-09-21", "2021-03-14"]


def test_a_legend_entry_hides_its_type_from_map_list_and_histogram(page):
    def binned() -> int:
        return sum(int(t.rsplit(": ", 1)[1].split()[0]) for t in
                   page.eval_on_selector_all(".km-bar", "bars => bars.map(b => b.title)"))

    assert binned() == 6
    page.locator(".km-legend-item", has_text="Meeting").click()
    assert page.locator(".km-legend-item", has_text="Meeting").get_attribute("aria-pressed") == "false"
    assert page.evaluate("karamap.visibleCount()") == 5 and TALKS not in _list(page)
    assert binned() == 5
    page.click("#km-reset")
    assert page.evaluate("karamap.visibleCount()") == 6 and binned() == 6


def test_coarse_dates_are_drawn_hollow_or_faded_not_pinned_to_a_false_day(page):
    def alpha(quote: str, within: float | None = None) -> int:
        x, y = page.evaluate("q => karamap.pointOf(q)", quote)
        return page.evaluate("([x, y, w]) => karamap.alphaAt(x, y, w === null ? undefined : w)", [x, y, within])

    month = "In January, officials described the work of the center."
    day = "The Joint Monitoring Center opened in Aghdam on Saturday."
    assert alpha(month, 0) == 0 and alpha(month) > 200          # a hollow ring
    assert alpha(day, 0) > 200                                  # a day: solid
    page.evaluate("karamap.setRange('2021-03-01', '2021-03-31')")  # alone at Shusha now
    assert 80 < alpha(TALKS, 0) < 160                           # a week: faded


def test_the_histogram_zooms_to_the_selected_range_and_back(page):
    page.evaluate("karamap.setRange('2020-11-02', '2020-12-06')")
    page.click("#km-zoom")
    assert page.evaluate("karamap.domain()") == ["2020-11-02", "2020-12-06"]
    assert page.evaluate("karamap.unit") == "day"
    assert page.locator(".km-bar").count() == 35
    assert page.inner_text("#km-zoom") == "Full span"
    page.focus("#km-from")
    page.keyboard.press("ArrowRight")  # a bin is now a day
    assert page.evaluate("karamap.range()") == ["2020-11-03", "2020-12-06"]
    page.click("#km-zoom")
    assert page.evaluate("karamap.domain()") == ["2020-09-21", "2021-03-14"]
    assert page.evaluate("karamap.range()") == ["2020-11-03", "2020-12-06"]
    assert page.locator(".km-bar").count() == 25


def test_clicking_a_list_entry_opens_that_events_popup(page):
    page.locator(".km-item", has_text=LACHIN).click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Territory handed over" in text
    assert "1 December 2020 (day precision; stated)" in text
    assert "Lachin (the place itself; named in the sentence)" in text
    assert "According to the Kremlin" in text
    assert LACHIN in text
    assert popup.locator("a").get_attribute("href") == "https://example.org/war"
    assert page.evaluate("karamap.selected()") == LACHIN
    assert page.locator(".km-item-selected").inner_text().endswith(LACHIN)


def test_clicking_an_event_on_the_map_opens_its_popup(page):
    page.locator(".km-item", has_text=TALKS).click()  # fly there first: Shusha is crowded at this zoom
    page.wait_for_timeout(900)
    page.keyboard.press("Escape")
    page.evaluate("karamap.map.closePopup(), null")
    x, y = page.evaluate("q => karamap.pointOf(q)", TALKS)
    box = page.locator(".folium-map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    assert "Meeting" in page.locator(".leaflet-popup-content").inner_text()
    assert "8 March 2021 – 14 March 2021 (week precision" in page.locator(".leaflet-popup-content").inner_text()


def test_events_sharing_a_place_are_stepped_through_in_one_popup(chromium, maps):
    page = open_page(chromium, maps["offline"])
    try:
        # 8 November (taken) and 8-14 March (talks) both lie at Shusha.
        page.locator(".km-item", has_text=TALKS).click()
        page.wait_for_timeout(900)
        page.evaluate("karamap.map.closePopup(), null")
        x, y = page.evaluate("q => karamap.pointOf(q)", TALKS)
        box = page.locator(".folium-map").bounding_box()
        page.mouse.click(box["x"] + x, box["y"] + y)
        popup = page.locator(".leaflet-popup-content")
        assert "1 of 2 events here" in popup.inner_text()
        first = page.evaluate("karamap.selected()")
        page.get_by_label("Next event here").click()
        assert "2 of 2 events here" in popup.inner_text()
        second = page.evaluate("karamap.selected()")
        assert {first, second} == {TALKS, "Shusha was taken on 8 November."}
        assert second in popup.inner_text()
    finally:
        page.context.close()


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Baku", "Pacific/Kiritimati"])
def test_dates_read_the_same_in_every_time_zone(chromium, maps, zone):
    page = open_page(chromium, maps["offline"], timezone_id=zone)
    try:
        assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == zone
        assert page.inner_text("#km-range") == "From 21 September 2020 to 14 March 2021 (all dates)"
        dates = page.locator(".km-item-date").all_inner_texts()
        assert dates == ["27 September 2020 – 10 November 2020", "8 November 2020", "1 December 2020",
                         "January 2021", "30 January 2021", "8 March 2021 – 14 March 2021"]
        page.evaluate("karamap.setRange('2020-12-01', '2020-12-01')")
        assert _list(page) == [LACHIN]
    finally:
        page.context.close()


def test_offline_map_works_with_every_request_blocked(chromium, maps):
    page = open_page(chromium, maps["offline"])
    try:
        assert page.evaluate("karamap.placeCount()") == 8
        x, y = page.evaluate("q => karamap.pointOf(q)", TALKS)
        assert page.evaluate("([x, y]) => karamap.alphaAt(x, y)", [x, y]) > 0  # events are painted
        # A place answers the pointer: its tooltip names it.
        lat, lon = 39.6383, 46.5461  # Lachin
        px, py = page.evaluate("([a, b]) => { const p = karamap.map.latLngToContainerPoint([a, b]); return [p.x, p.y]; }",
                               [lat, lon])
        box = page.locator(".folium-map").bounding_box()
        page.mouse.move(box["x"] + px, box["y"] + py)
        page.locator(".leaflet-tooltip").first.wait_for(timeout=3000)
        assert "Lachin" in page.locator(".leaflet-tooltip").first.inner_text()
        _drag(page, "#km-to", _day_x(page, "2020-11-01"))
        assert page.evaluate("karamap.visibleCount()") == 1
        assert page.evaluate("([x, y]) => karamap.alphaAt(x, y)", [x, y]) == 0
        assert page.locator(".leaflet-control-layers").count() == 1
        assert page.karamap_blocked == [] and page.karamap_errors == []
    finally:
        page.context.close()


def test_online_map_with_its_assets_served_locally(chromium, maps):
    page = open_page(chromium, maps["online"], routes=local_assets())
    try:
        assert page.evaluate("karamap.placeCount()") == 8
        assert page.locator(".leaflet-tile").count() > 0  # OSM tiles above the country basemap
        before = page.evaluate("karamap.visibleCount()")
        _drag(page, "#km-from", _day_x(page, "2021-01-15"))
        assert page.evaluate("karamap.visibleCount()") < before
        assert page.karamap_blocked == [] and page.karamap_errors == []
    finally:
        page.context.close()


def test_hostile_article_text_never_runs_and_shows_literally(chromium, maps):
    page = open_page(chromium, maps["hostile"])
    try:
        assert page.title() == "Hostile " + PAYLOADS[0]
        assert page.inner_text("#km-title") == "Hostile " + PAYLOADS[0]
        page.locator(".km-item").first.click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        assert PAYLOADS[2] in text and PAYLOADS[3] in text       # the quote, literally
        assert "Breaking " + PAYLOADS[0] + PAYLOADS[1] in text    # the title, literally
        assert "Actors " + PAYLOADS[0] in text
        assert "According to " + PAYLOADS[1] in text
        assert "javascript:window.pwned=5" in text                # shown as text ...
        assert popup.locator("a").count() == 0                    # ... never as a link
        assert popup.locator("script, img, svg").count() == 0
        # the place: its popup and tooltip show the name as text
        page.evaluate("karamap.map.closePopup(), null")
        page.wait_for_timeout(900)  # the fly-to animation ends
        x, y = page.evaluate("q => karamap.pointOf(q)", page.evaluate("karamap.visibleQuotes()[0]"))
        box = page.locator(".folium-map").bounding_box()
        page.mouse.move(box["x"] + x, box["y"] + y)
        page.locator(".leaflet-tooltip").first.wait_for(timeout=3000)
        assert page.locator(".leaflet-tooltip").first.inner_text() == "Evil " + PAYLOADS[2]
        # hide the event (legend toggle) so the click reaches the place under it
        page.locator(".km-legend-item", has_text="Armed clash").click()
        assert page.evaluate("karamap.visibleCount()") == 0 and page.locator(".km-item").count() == 0
        page.mouse.click(box["x"] + x, box["y"] + y)
        place = page.locator(".leaflet-popup-content").last
        place.wait_for()
        assert "Named as Aghdam" + PAYLOADS[1] in place.inner_text()   # the alias, literally
        assert place.locator("img, script, svg").count() == 0
        page.wait_for_timeout(200)
        assert page.evaluate("window.pwned") is None
        assert page.karamap_errors == [] and page.karamap_blocked == []
    finally:
        page.context.close()


@pytest.mark.parametrize("offline", [False, True], ids=["online-assets-served-locally", "offline-all-blocked"])
def test_the_example_map_shows_its_places_and_events_and_filters_them(chromium, example_document, tmp_path,
                                                                      offline):
    layers = build_layers([example_document])
    path = write_map(layers, tmp_path / "example.html", title=example_document.article.title, offline=offline)
    page = open_page(chromium, path.as_uri(), routes=None if offline else local_assets())
    try:
        assert page.evaluate("karamap.placeCount()") == len(layers.places) >= 5
        total = page.evaluate("karamap.visibleCount()")
        assert total >= 5
        _drag(page, "#km-to", _day_x(page, "2020-12-31"))  # drop the publication day, 30 January 2021
        assert 0 < page.evaluate("karamap.visibleCount()") < total
        page.evaluate("karamap.setRange('2021-01-30', '2021-01-30')")
        assert 0 < page.evaluate("karamap.visibleCount()") < total
        assert page.locator(".km-item").count() == page.evaluate("karamap.visibleCount()")
        assert page.karamap_blocked == [] and page.karamap_errors == []
    finally:
        page.context.close()


def _painted_events(page) -> int:
    """How many visible events have their marker painted on the events canvas."""
    return page.evaluate("""() => karamap.visibleQuotes().filter(q => {
        const p = karamap.pointOf(q); return p && karamap.alphaAt(p[0], p[1]) > 0; }).length""")


@pytest.mark.parametrize("which", ["default", "committed"])
def test_the_default_map_opens_fully_with_all_network_blocked(chromium, maps, repo_root, which):
    # No route is served: Leaflet, the app, the basemap and its names must all be in the file.
    url = maps["online"] if which == "default" else (repo_root / "maps" / "karabakh-joint-center.html").as_uri()
    page = open_page(chromium, url)
    try:
        assert page.evaluate("typeof L") == "object" and page.locator(".folium-map").is_visible()
        assert _painted_events(page) >= 1                              # markers
        assert page.locator("#km-hist .km-bar").count() > 0             # the filter
        assert page.locator("#km-from").is_visible() and page.locator("#km-to").is_visible()
        assert page.locator(".km-item").count() == page.evaluate("karamap.visibleCount()") > 0  # the list
        assert "Azerbaijan" in page.evaluate("karamap.basemapLabels()")  # the named basemap
        # the only requests made were for the optional online tiles
        assert all("tile.openstreetmap.org" in u for u in page.karamap_blocked)
        assert [e for e in page.karamap_errors if not e.startswith("Failed to load resource")] == []
    finally:
        page.context.close()


def test_statements_are_a_layer_of_their_own_hidden_until_switched_on(chromium, tmp_path):
    from map_support import AGHDAM, FUZULI, day, event, span

    from karamap.model import Article, Document

    clash = event("ev-clash", "d", "armed_clash", "Troops clashed near Fuzuli on Monday.", span("2021-01-25"), FUZULI)
    said = event("ev-said", "d", "statement", "The governor said the roads were safe.", span("2021-01-26"), AGHDAM)
    doc = Document(Article("d", "x", day("2021-01-27")), (), (), (clash, said))
    url = write_map(build_layers([doc]), tmp_path / "said.html", title="Said", offline=True).as_uri()
    page = open_page(chromium, url)
    try:
        statement = page.locator(".km-legend-item", has_text="Statement")
        assert statement.get_attribute("aria-pressed") == "false"
        assert _list(page) == ["Troops clashed near Fuzuli on Monday."]
        statement.click()
        assert statement.get_attribute("aria-pressed") == "true"
        assert sorted(_list(page)) == ["The governor said the roads were safe.", "Troops clashed near Fuzuli on Monday."]
        page.click("#km-reset")
        assert statement.get_attribute("aria-pressed") == "false" and len(_list(page)) == 1
        assert page.karamap_errors == []
    finally:
        page.context.close()


# --- usability at a phone's, a laptop's and a 4K screen's width --------------------------------

VIEWPORTS = [(360, 740), (1400, 860), (3840, 2160)]
SIZES = [pytest.param(w, h, id=f"{w}px") for w, h in VIEWPORTS]


@pytest.fixture(scope="module")
def usability_maps(tmp_path_factory, example_document):
    from map_support import AGHDAM, SHUSHA, day, event, span

    from karamap.model import Article, Document

    folder = tmp_path_factory.mktemp("usability")
    # Events in 2001 and 2019 only: seventeen empty years between them.
    early = Document(Article("early", "x", day("2001-05-02")), (), (), (
        event("e1", "early", "armed_clash", "Shelling was reported near Aghdam in May 2001.", span("2001-05-02"),
              AGHDAM),))
    late = Document(Article("late", "x", day("2019-06-10")), (), (), (
        event("e2", "late", "phone_call", "Akar spoke about Shusha in June 2019.", span("2019-06-10"), SHUSHA,
              actors=("Azerbaijan",), attribution="Akar said"),
        event("e3", "late", "armed_clash", "Turkish troops fired on a convoy near Shusha.", span("2019-06-11"),
              SHUSHA, actors=("Turkey", "Armenia"), attribution="according to the defence ministry")))
    gap = build_layers([early, late])
    # The events' actor roles as the event extraction gives them (ACLED style), where it does.
    gap.events["actor1"] = [None, None, "Military Forces of Turkey"]
    gap.events["actor2"] = [None, None, "Civilians (Armenia)"]
    return {
        "example": write_map(build_layers([example_document]), folder / "example.html",
                             title=example_document.article.title).as_uri(),
        "gap": write_map(gap, folder / "gap.html", title="Two years").as_uri(),
    }


def _script_errors(page) -> list[str]:
    """Errors of the page's scripts (the blocked online tiles' failed loads are expected)."""
    return [e for e in page.karamap_errors if not e.startswith("Failed to load resource")]


def _free_map_box(page) -> dict:
    """The part of the map not under the title, the legend or the controls."""
    return page.evaluate("""() => {
        const m = document.querySelector('.folium-map').getBoundingClientRect();
        const lg = document.querySelector('.km-legend');
        const left = lg && lg.open ? lg.getBoundingClientRect().right : m.left;
        return {left: Math.max(m.left, left), top: m.top + 60, right: m.right - 10, bottom: m.bottom - 10};
    }""")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_first_view_centres_the_story_and_stacked_events_show_their_number(chromium, usability_maps,
                                                                             width, height):
    page = open_page(chromium, usability_maps["example"], width=width, height=height)
    try:
        box = _free_map_box(page)
        points = page.evaluate("karamap.visibleQuotes().map(q => karamap.pointOf(q))")
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        assert box["left"] + 8 <= min(xs) and max(xs) <= box["right"] - 8          # none at an edge
        assert box["top"] <= min(ys) and max(ys) <= box["bottom"] - 8
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        width_free, height_free = box["right"] - box["left"], box["bottom"] - box["top"]
        assert abs(cx - (box["left"] + box["right"]) / 2) < 0.25 * width_free       # the story in the middle
        assert abs(cy - (box["top"] + box["bottom"]) / 2) < 0.25 * height_free
        stacks = page.evaluate("karamap.stacks()")
        assert stacks and max(s[2] for s in stacks) >= 5                           # a cluster says how many
        x, y, count = max(stacks, key=lambda s: s[2])
        page.mouse.click(x + page.locator(".folium-map").bounding_box()["x"], y)
        assert f"1 of {count} events here" in page.locator(".leaflet-popup-content").inner_text()
        assert _script_errors(page) == []
    finally:
        page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_playback_skips_empty_years_and_says_so(chromium, usability_maps, width, height):
    page = open_page(chromium, usability_maps["gap"], width=width, height=height)
    try:
        assert page.evaluate("karamap.unit") == "year"
        page.select_option("#km-speed", "4")
        page.click("#km-play")
        seen = []
        for _ in range(40):
            shown, count, playing = page.evaluate("[karamap.range(), karamap.visibleCount(), karamap.playing()]")
            seen.append((shown, count))
            if not playing:
                break
            page.wait_for_timeout(100)
        assert all(count > 0 for _, count in seen), seen                 # never a blank map while playing
        assert any(r[0] >= "2019-01-01" for r, _ in seen), seen          # it reached the later events
        note = page.inner_text("#km-note")
        assert note.startswith("Skipped ") and "empty year" in note and "has no events" in note
    finally:
        page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_an_empty_range_is_stated_in_the_list(chromium, usability_maps, width, height):
    page = open_page(chromium, usability_maps["gap"], width=width, height=height)
    try:
        page.evaluate("karamap.setRange('2005-01-01', '2010-12-31')")
        if not page.evaluate("karamap.listShown()"):
            page.click("#km-list-toggle")
        assert page.locator("#km-empty").is_visible()
        assert page.inner_text("#km-empty").startswith("No events between 1 January 2005 and 31 December 2010")
    finally:
        page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_layout_fits_the_screen_with_a_collapsible_legend_and_list(chromium, usability_maps, width, height):
    page = open_page(chromium, usability_maps["example"], width=width, height=height)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= width          # no sideways scrolling
        m = page.locator(".folium-map").bounding_box()
        assert m["width"] >= 0.6 * width and m["height"] >= 0.6 * height               # the map keeps the room
        rng = page.evaluate("""() => { const e = document.getElementById('km-range');
            return [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).lineHeight) ||
                    parseFloat(getComputedStyle(e).fontSize) * 1.4]; }""")
        assert rng[0] <= 2.2 * rng[1]                                                  # at most two lines
        # the legend folds and unfolds; open, it covers at most a third of the map
        legend = page.locator(".km-legend")
        was_open = legend.evaluate("d => d.open")
        assert was_open == (width >= 700)                                             # folded on a phone
        page.click(".km-legend-title")
        assert legend.evaluate("d => d.open") != was_open
        if not was_open:
            lb = legend.bounding_box()
            assert lb["width"] * lb["height"] <= m["width"] * m["height"] / 3
        # the list folds away, and comes back
        shown = page.evaluate("karamap.listShown()")
        assert shown == (width > 760)
        page.click("#km-list-toggle")
        assert page.evaluate("karamap.listShown()") != shown
        if not shown:
            assert page.locator(".km-item").first.is_visible()
            page.locator(".km-item").first.click()                                     # choose one: the map shows it
            assert not page.evaluate("karamap.listShown()")
            assert page.locator(".leaflet-popup-content").is_visible()
        else:
            assert page.locator(".folium-map").bounding_box()["width"] > m["width"]    # the map takes the room
        assert _script_errors(page) == []
    finally:
        page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_scale_bar_labels_fit_at_every_zoom_and_clear_the_legend(chromium, usability_maps, width, height):
    page = open_page(chromium, usability_maps["example"], width=width, height=height)
    try:
        for zoom in range(2, 13):
            page.evaluate("z => { karamap.map.setZoom(z, {animate: false}); }", zoom)
            lines = page.evaluate("""() => [...document.querySelectorAll('.leaflet-control-scale-line')].map(e =>
                [e.textContent, e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight])""")
            assert lines, zoom
            for text, sw, cw, sh, ch in lines:
                assert sw <= cw and sh <= ch, (zoom, text)
        scale = page.locator(".leaflet-control-scale").bounding_box()
        legend = page.locator(".km-legend").bounding_box()
        apart = (scale["x"] >= legend["x"] + legend["width"] or legend["x"] >= scale["x"] + scale["width"]
                 or scale["y"] >= legend["y"] + legend["height"] or legend["y"] >= scale["y"] + scale["height"])
        assert apart
    finally:
        page.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_popups_name_the_speaker_alone_and_the_actors_who_acted(chromium, usability_maps, width, height):
    page = open_page(chromium, usability_maps["gap"], width=width, height=height)
    try:
        if not page.evaluate("karamap.listShown()"):
            page.click("#km-list-toggle")
        page.locator(".km-item", has_text="Akar spoke").click()
        popup = page.locator(".leaflet-popup-content")
        text = popup.inner_text()
        assert "According to Akar" in text and "Akar said" not in text
        assert "Actors Azerbaijan" in text         # no roles given: the parties the sentence names
        page.evaluate("karamap.map.closePopup(), null")
        if not page.evaluate("karamap.listShown()"):
            page.click("#km-list-toggle")
        page.locator(".km-item", has_text="Turkish troops").click()
        text = popup.inner_text()
        assert "Actor Military Forces of Turkey" in text and "Acted on Civilians (Armenia)" in text
        assert "Actors " not in text               # roles given: who acted, not every name
        assert "According to the defence ministry" in text and "according to according" not in text.lower()
        page.wait_for_timeout(900)  # the fly-to ends, then the popup is panned into view
        box = popup.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width  # the popup fits the screen
    finally:
        page.context.close()
