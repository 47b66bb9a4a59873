"""The HTML pages in process: what each shows, escaping, links that keep the filters, error pages."""

from __future__ import annotations

import html
import json
import re

import pytest

from tests.cli.incident_records import DESERTION_DOCS, LEDGER, RELAY
from tests.serve.records import HOSTILE, HOSTILE_QUOTE, IMG, SCRIPT

PAGES = ("/", "/units", "/?type=surrender", f"/articles/{HOSTILE}")
RAW = (SCRIPT, IMG, "<img", "onerror=alert(1)>")


def get(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def incident_url(client, type_: str) -> str:
    rows = client.get("/api/overview", params={"type": type_}).json()["incidents"]
    return f"/incidents/{rows[0]['id']}"


def test_overview_shows_counts_facets_map_data_timeline_and_list(client):
    page = get(client, "/")
    assert re.search(r'id="total">3<', page)
    for value in ("desertion", "equipment_loss", "surrender", "attributed", "asserted"):
        assert f'value="{value}"' in page
    data = json.loads(re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.S).group(1))
    assert {g["location"] for g in data["groups"]} == {"Robotyne", "Kharkiv Oblast", "Krynky"}
    assert data["world"].startswith("/static/") and set(data["colours"]) >= {"desertion", "surrender"}
    assert page.count("<rect ") == 3  # one bar each: three weeks, one type each
    assert page.count('class="incident-link"') == 3


def test_overview_filter_narrows_everything_and_checks_its_box(client):
    page = get(client, "/?type=surrender")
    assert re.search(r'id="total">1<', page)
    assert re.search(r'value="surrender"\s+checked', page)
    assert page.count('class="incident-link"') == 1 and page.count("<rect ") == 1


def test_pager_links_keep_the_filters(client):
    page = get(client, "/?type=desertion&type=surrender&limit=1")
    nxt = html.unescape(re.search(r'href="([^"]+)" rel="next"', page).group(1))
    assert "type=desertion" in nxt and "type=surrender" in nxt and "offset=1" in nxt and "limit=1" in nxt
    second = get(client, nxt)
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_json_twin_link_carries_the_same_query(client):
    page = get(client, "/?type=surrender")
    twin = html.unescape(re.search(r'class="twin" href="([^"]+)"', page).group(1))
    assert twin == "/api/overview?type=surrender"
    assert client.get(twin).json()["total"] == 1


def test_incident_page_shows_figures_chains_reports_and_links(client):
    page = get(client, incident_url(client, "desertion"))
    assert "3 reports" in page and "2 independent origins" in page and "1 syndicated copy" in page
    assert page.count('class="node origin"') == 2 and page.count('class="node article"') == len(DESERTION_DOCS)
    positions = [page.index(f'data-doc="{doc}"') for doc in DESERTION_DOCS]
    assert positions == sorted(positions)  # earliest report first
    assert f"copy of {LEDGER}" in page and f"/articles/{RELAY}#" in page
    assert "Why these reports are linked" in page


def test_incident_page_highlights_fields_in_the_sentence(client):
    page = get(client, incident_url(client, "surrender"))
    assert re.search(r'<span class="f f-unit"[^>]*>36th Marine Brigade</span>', page)
    assert re.search(r'<span class="f f-location"[^>]*>Krynky</span>', page)


def test_article_page_highlights_events_and_quotes_and_links_to_incidents(client):
    page = get(client, f"/articles/{HOSTILE}")
    assert re.search(r'<span class="qt"[^>]*>' + HOSTILE_QUOTE, page)
    assert re.search(r'<span class="ev"[^>]*>Eleven marines', page)
    event_id = client.get(f"/api/articles/{HOSTILE}").json()["events"][0]["id"]
    assert f'id="{event_id}"' in page
    assert re.search(r'class="badge" href="/incidents/inc-[0-9a-f]+"', page)
    assert "— the officer" in page


@pytest.mark.parametrize("url", PAGES)
def test_markup_in_the_data_is_shown_as_text(client, url):
    page = get(client, url)
    for raw in RAW:
        assert raw not in page, raw


def test_markup_in_the_data_is_escaped_where_it_appears(client):
    page = get(client, f"/articles/{HOSTILE}")
    assert html.escape(SCRIPT).replace("&#x27;", "&#39;") in page  # outlet, title, quote
    incident = get(client, incident_url(client, "surrender"))
    assert "&lt;script&gt;" in incident and SCRIPT not in incident


def test_markup_in_the_query_is_escaped_in_the_form(client):
    page = get(client, "/?place=" + SCRIPT)
    assert SCRIPT not in page and "&lt;script&gt;" in page


def test_units_page_draws_each_unit_with_dots_linking_to_incidents(client):
    page = get(client, "/units")
    assert page.count('<svg class="strip"') == 3
    assert len(re.findall(r'<a href="/incidents/inc-[0-9a-f]+"><circle', page)) == 3
    assert "/?unit=unit%3A" in page


@pytest.mark.parametrize("url, status, text", [
    ("/incidents/inc-000000000000", 404, "no incident"),
    ("/articles/nothing-here", 404, "no article"),
    ("/?type=bogus", 422, "bad query parameter"),
    ("/?since=2024-13", 422, "no month 13"),
    ('/?q="open', 422, "bad search query"),
])  # fmt: skip
def test_errors_are_pages_with_a_clear_message(client, url, status, text):
    page = get(client, url, status)
    assert text in html.unescape(re.search(r'id="error-message">(.*?)</p>', page, re.S).group(1))


def test_overview_says_how_to_install_missing_map_files(client, monkeypatch):
    import frontwire.serve.pages as pages

    monkeypatch.setattr(pages, "missing_assets", lambda: ["leaflet/leaflet.js"])
    page = get(client, "/")
    assert "make assets" in page and 'id="map"' not in page


def test_pages_load_nothing_from_outside_the_server(client):
    for url in PAGES:
        page = get(client, url)
        for attribute in re.findall(r'(?:src|href)="([^"]+)"', page):
            assert attribute.startswith(("/", "#", "data:")) or attribute == "https://example.org/marines", attribute


def test_static_files_are_served(client):
    assert "L.map" in client.get("/static/overview.js").text
    assert client.get("/static/app.css").status_code == 200


@pytest.mark.parametrize("param", ["type", "side", "evidence", "unit", "place", "since", "until", "min_origins", "q", "sort",
                                   "limit", "offset"])  # fmt: skip
@pytest.mark.parametrize("path", ["/", "/units", "/api/overview", "/api/units"])
def test_hostile_values_in_every_parameter_fail_safely(client, path, param):
    for value in (SCRIPT, IMG, "' OR '1'='1' --", "1; DROP TABLE incidents"):
        response = client.get(path, params={param: value})
        assert response.status_code in (200, 422), (param, value, response.status_code)
        if path.startswith("/api/"):  # data as JSON, which a browser will not run as a page
            assert response.headers["content-type"] == "application/json"
            assert response.headers["x-content-type-options"] == "nosniff"
        else:
            assert not any(raw in response.text for raw in RAW), (param, value)
    assert client.get("/api/overview").json()["total"] == 3  # nothing was dropped
