"""The dashboard in real headless Chromium (Debian's, driven by Playwright): load the overview, filter
by a type, open an incident and its article, the units page; screenshots go to ``build/screenshots``.

``make test`` installs Chromium and sets ``FRONTWIRE_CHROMIUM``; then a missing browser fails the
run instead of skipping it.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest

from frontwire.serve.app import missing_assets
from tests.cli.incident_records import DESERTION_DOCS
from tests.serve.records import HOSTILE

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("FRONTWIRE_SCREENSHOTS", ROOT / "build" / "screenshots"))
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
]  # fmt: skip


def chromium_path() -> str:
    wanted = os.environ.get("FRONTWIRE_CHROMIUM")
    path = wanted or "/usr/bin/chromium"
    if not Path(path).is_file():
        if wanted:
            pytest.fail(f"FRONTWIRE_CHROMIUM={wanted} is not a file; `make browser` installs Debian's chromium")
        pytest.skip("no Chromium at /usr/bin/chromium (`make test` installs it)")
    return path


@pytest.fixture(scope="module")
def server(web_db):
    """The app served by uvicorn on a free local port, in a thread, for the module."""
    import uvicorn

    from frontwire.serve import create_app

    if missing_assets():
        pytest.fail(f"map files missing ({', '.join(missing_assets())}): run `make assets`")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser, server):
    """A fresh page that records every request, console error and dialog."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    opened = context.new_page()
    opened.requests, opened.errors, opened.dialogs = [], [], []
    opened.on("request", lambda request: opened.requests.append(request.url))
    opened.on("console", lambda message: opened.errors.append(message.text) if message.type == "error" else None)
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    outside = [url for url in opened.requests if not url.startswith((server, "data:"))]
    assert outside == [], f"requests outside the server: {outside}"
    assert opened.errors == [], opened.errors
    assert opened.dialogs == [], f"a script from the data ran: {opened.dialogs}"
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def wait_for_map(page, markers: int) -> None:
    page.wait_for_selector(f"#map[data-markers='{markers}'][data-borders='ready']", timeout=15_000)


def test_overview_filter_open_an_incident_and_its_article(page, server):
    page.goto(server + "/")
    wait_for_map(page, 3)
    assert page.inner_text("#total") == "3"
    assert page.locator("path.leaflet-interactive").count() == 3  # one circle a place and type
    assert page.locator("#map path").count() > 100  # country borders drawn from the vendored atlas
    assert page.locator("svg.timeline rect").count() == 3
    assert page.locator("#incident-list tbody tr").count() == 3
    shot(page, "overview")

    with page.expect_navigation():
        page.check("#facet-type input[value='desertion']")  # the facet applies itself
    wait_for_map(page, 1)
    assert "type=desertion" in page.url
    assert page.inner_text("#total") == "1"
    assert page.locator("#incident-list tbody tr").count() == 1
    assert page.locator("path.leaflet-interactive").count() == 1
    assert page.locator("svg.timeline rect").count() == 1
    assert page.is_checked("#facet-type input[value='desertion']")
    shot(page, "overview-desertion")

    page.click("#incident-list a.incident-link")
    page.wait_for_selector("#figures")
    assert re.search(r"/incidents/inc-[0-9a-f]+$", page.url)
    assert page.inner_text("#fig-reports") == "3 reports"
    assert page.inner_text("#fig-origins") == "2 independent origins"
    assert page.locator("#chains g.node.article").count() == len(DESERTION_DOCS)
    assert page.locator("article.report").count() == len(DESERTION_DOCS)
    assert [page.locator("article.report a.doc").nth(n).get_attribute("data-doc") for n in range(3)] == list(DESERTION_DOCS)
    assert page.locator("article.report .f-unit").first.is_visible()
    shot(page, "incident")

    page.locator("article.report a.doc").first.click()
    page.wait_for_selector("#article-text")
    assert "/articles/" + DESERTION_DOCS[0] in page.url
    assert page.locator("#article-text span.ev").count() >= 1
    assert page.locator("#article-text a.badge").first.get_attribute("href").startswith("/incidents/inc-")
    shot(page, "article")


def test_map_popup_lists_the_place(page, server):
    page.goto(server + "/?type=surrender")
    wait_for_map(page, 1)
    page.locator("path.leaflet-interactive").first.click()
    popup = page.wait_for_selector(".leaflet-popup-content")
    assert "Krynky" in popup.inner_text() and "1 surrender incident" in popup.inner_text()
    href = page.locator(".leaflet-popup-content a").get_attribute("href")
    assert "place=Krynky" in href and "type=surrender" in href


def test_markup_in_the_data_never_runs(page, server):
    page.goto(f"{server}/articles/{HOSTILE}")
    page.wait_for_selector("#article-text")
    assert "<script>" in page.inner_text("h1")  # shown as text
    assert page.locator("#article-text img").count() == 0
    page.goto(server + "/?type=surrender")
    wait_for_map(page, 1)
    page.locator("path.leaflet-interactive").first.click()
    page.wait_for_selector(".leaflet-popup-content")
    assert page.locator(".leaflet-popup-content img").count() == 0
    # the page fixture fails the test if any alert() was called


def test_units_page(page, server):
    page.goto(server + "/units")
    page.wait_for_selector("#unit-list")
    assert page.locator("#unit-list tbody tr").count() == 3
    assert page.locator("svg.strip circle").count() == 3
    shot(page, "units")
