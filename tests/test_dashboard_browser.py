"""End-to-end: the dashboard in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)
against a uvicorn server on 127.0.0.1 started here, over a store of hand-made records.

Outside CI these tests skip when Chromium is absent; in CI (env CI set) a missing Chromium fails
(`make test` installs it through tools/services.sh). Screenshots go to artifacts/ (git-ignored).
Every request the page makes to anything but the test server is refused and reported: the
dashboard must work with no network.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from server_records import sample_records

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def _chromium() -> str:
    path = os.environ.get("EVENTWIRE_CHROMIUM") or shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail("Chromium is missing in CI: `make test` should have installed it (tools/services.sh)")
    pytest.skip("needs Debian's chromium (/usr/bin/chromium): `apt-get install chromium` or `make services`")


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    uvicorn = pytest.importorskip("uvicorn")
    from eventwire.server.app import create_app
    from eventwire.store import open_store

    db = tmp_path_factory.mktemp("dash") / "events.duckdb"
    with open_store(db) as store:
        store.write(sample_records())
    app = create_app(db)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    executable = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture()
def page(browser_context, server_url):
    """A fresh page on the dashboard, with console errors and off-server requests recorded."""
    page = browser_context.new_page()
    page.errors = []
    page.outside = []
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    host = urlparse(server_url).netloc

    def guard(route):
        if urlparse(route.request.url).netloc == host:
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(server_url + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)
    yield page
    page.close()


def _screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _settled(page) -> None:
    """Wait until the dashboard has drawn the result of the last change (filters are debounced)."""
    page.wait_for_selector("body:not([data-loading])", timeout=20_000)


def _rows(page) -> list[str]:
    return page.locator("#events-table tbody tr[data-event-id]").evaluate_all("rows => rows.map(r => r.dataset.eventId)")


def test_page_loads_without_errors_and_map_draws_points(page):
    assert page.errors == [], page.errors
    assert page.outside == [], "the dashboard reached outside the server"
    # every event with coordinates is a point; the one without (a statement) is only in the table
    points = page.locator("#map circle.point")
    assert points.count() == 3
    assert sorted(points.evaluate_all("cs => cs.map(c => c.dataset.eventId)")) == ["t-protest-e1", "t-shelling-e1", "t-strike-e1"]
    assert len(_rows(page)) == 4
    assert "4 of 4 events" in page.locator("#summary").inner_text()
    assert page.locator("#timeline rect.bar").count() == 3
    outlines = page.locator("#map path.country").count()
    assert outlines == 0 or outlines > 100  # Natural Earth countries when world-atlas is installed
    _screenshot(page, "dashboard.png")


def test_filter_narrows_table_and_map(page):
    page.fill("#filters [name='country']", "KEN")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr[data-event-id]').length === 1")
    assert _rows(page) == ["t-protest-e1"]
    assert page.locator("#map circle.point").count() == 1
    page.select_option("#filters [name='type']", "ASSAULT")
    page.wait_for_selector("#events-table td.empty")
    assert _rows(page) == []
    assert page.errors == [], page.errors


def test_clicking_an_event_shows_its_evidence_highlighted(page):
    page.click("#events-table tr[data-event-id='t-strike-e1']")
    view = page.locator("#event-view")
    view.wait_for(state="visible")
    evidence = page.locator("#ev-text mark.hl-evidence").evaluate_all("ms => ms.map(m => m.textContent).join('')")
    assert evidence.startswith("Pakistan's air force struck suspected militant hideouts")
    marked = {field: page.locator(f"#ev-text mark.hl-{field}").evaluate_all("ms => ms.map(m => m.textContent).join('')")
              for field in ("actor1", "actor2", "location", "date", "fatalities", "trigger", "attribution")}
    assert marked == {
        "actor1": "Pakistan's air force", "actor2": "suspected militant hideouts", "location": "Sistan and Baluchestan",
        "date": "early Thursday", "fatalities": "killing at least nine people", "trigger": "struck",
        "attribution": "an Iranian provincial official",
    }
    assert "Pakistan Air Force (PAK)" in page.locator("#ev-fields").inner_text()
    _screenshot(page, "event_view.png")
    # the article's other event is one click away
    page.click("#ev-others li[data-event-id='t-strike-e2']")
    page.wait_for_function("document.querySelector('#ev-text mark.hl-trigger') && "
                           "document.querySelector('#ev-text mark.hl-trigger').textContent === 'would defend'")
    page.click("#ev-close")
    view.wait_for(state="hidden")
    # a map point opens the same view
    page.locator("#map circle.point[data-event-id='t-shelling-e1']").dispatch_event("click")
    view.wait_for(state="visible")
    fatalities = page.locator("#ev-text mark.hl-fatalities").evaluate_all("ms => ms.map(m => m.textContent).join('')")
    assert fatalities == "killing three civilians"
    assert page.errors == [], page.errors


def test_timeline_brush_selects_dates(page):
    box = page.locator("#timeline").bounding_box()
    # the three dated buckets are 2024-01-18, 2024-02-10 and 2024-06-25: brush the first ~third
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 31, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=5)
    page.mouse.up()
    page.wait_for_function("document.querySelector(\"#filters [name='since']\").value !== ''")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr[data-event-id]').length === 3")
    assert sorted(_rows(page)) == ["t-shelling-e1", "t-strike-e1", "t-strike-e2"]
    assert page.errors == [], page.errors


def test_actor_pair_view(page):
    page.click(".tab[data-tab='dyads-tab']")
    pair = page.locator("#dyads-table tr[data-pair='IRN-PAK']")
    pair.wait_for()
    pair.click()
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr[data-event-id]').length === 2")
    assert sorted(_rows(page)) == ["t-strike-e1", "t-strike-e2"]
    assert "pair IRN–PAK" in page.locator("#chips").inner_text()
    # the exchange, in order, by direction
    page.wait_for_selector("#pair-view:not([hidden])")
    assert page.locator("#pair-sequence li").count() == 2
    directions = page.locator("#pair-directions").inner_text()
    assert "PAK→IRN 2 events, 9 killed" in directions and "IRN→PAK 0 events" in directions
    # read from /api/dyads/interactions: each step's role in the escalation and the episode
    assert page.locator("#pair-sequence li[data-event-id='t-strike-e2'] .role-threat").inner_text() == "threat"
    assert "Episode 2024-01-18: 2 steps, 9 killed" in directions
    _screenshot(page, "actor_pair.png")
    page.locator("#pair-sequence li[data-event-id='t-strike-e1']").click()
    page.locator("#event-view").wait_for(state="visible")
    assert page.errors == [], page.errors


def test_api_docs_render_offline(browser_context, server_url):
    from eventwire.server.outlines import find_installed

    if find_installed("swagger-ui-dist", "swagger-ui-bundle.js") is None:
        pytest.skip("swagger-ui-dist is not installed (make install runs npm ci)")
    page = browser_context.new_page()
    outside, errors = [], []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    host = urlparse(server_url).netloc
    page.route("**/*", lambda route: route.continue_() if urlparse(route.request.url).netloc == host
               else (outside.append(route.request.url), route.abort()))
    page.goto(server_url + "/docs")
    page.get_by_text("/api/events.geojson", exact=True).first.wait_for(timeout=20_000)
    assert outside == [] and errors == []
    page.close()


def test_map_area_filter(page):
    page.fill("#filters [name='country']", "IRN")
    _settled(page)
    assert _rows(page) == ["t-strike-e1"]
    page.click("#use-map-area")  # the map fitted itself around Iran's event: keep only events in view
    page.wait_for_selector("#chips .chip")
    assert "area" in page.locator("#chips").inner_text()
    page.fill("#filters [name='country']", "")
    _settled(page)
    assert _rows(page) == ["t-strike-e1"], page.locator("#chips").inner_text()
    assert page.locator("#map rect.bbox").count() == 1
    page.click("#chips .chip button")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr[data-event-id]').length === 4")
    assert page.errors == [], page.errors


def test_pair_over_a_month_from_the_url(page, server_url):
    page.goto(server_url + "/?pair=IRN-PAK&since=2024-01-01&until=2024-01-31")
    page.wait_for_selector("body[data-ready='1'][data-pairs='ready']", timeout=20_000)
    assert page.locator("#pair-title").inner_text() == "IRN–PAK: 2 events · 2024-01-01 to 2024-01-31, in order"
    assert page.locator("#filters [name='since']").input_value() == "2024-01-01"
    assert sorted(_rows(page)) == ["t-strike-e1", "t-strike-e2"]
    assert page.locator("#timeline rect.brush").count() == 1
    assert page.errors == [], page.errors


def test_sub_event_and_text_filters(page):
    page.select_option("#filters [name='acled_sub_event_type']", "Air/drone strike")
    _settled(page)
    assert _rows(page) == ["t-strike-e1"]
    page.select_option("#filters [name='acled_sub_event_type']", "")
    page.fill("#filters [name='q']", "tear gas")
    _settled(page)
    assert _rows(page) == ["t-protest-e1"]
    assert page.errors == [], page.errors
