"""The JSON API in process: bodies, the OpenAPI schema, errors, limits and headers."""

from __future__ import annotations

import sqlite3
import time

import pytest

from frontwire.serve import create_app
from frontwire.serve.params import MAX_PAGE
from tests.cli.incident_records import DESERTION_DOCS, LEDGER, MUD, RELAY
from tests.serve.records import HOSTILE, SCRIPT


def incident_id(client, type_: str) -> str:
    rows = client.get("/api/overview", params={"type": type_}).json()["incidents"]
    assert len(rows) == 1
    return rows[0]["id"]


def test_overview_has_every_part_under_one_set_of_filters(client):
    body = client.get("/api/overview").json()
    assert body["total"] == body["all_incidents"] == 3 == len(body["incidents"])
    assert {f["value"] for f in body["facets"]["type"]} == {"desertion", "equipment_loss", "surrender"}
    assert set(body["facets"]) == {"type", "side", "evidence", "unit"}
    assert len(body["map"]) == 3 and body["unplaced"] == 0
    assert sum(w["count"] for w in body["timeline"]) == 3
    assert body["page"] == {"total": 3, "limit": 50, "offset": 0, "sort": "corroboration"}
    assert body["incidents"][0]["type"] == "desertion" and body["incidents"][0]["reports"] == len(DESERTION_DOCS)


def test_overview_filters_map_timeline_and_list_together(client):
    body = client.get("/api/overview", params={"type": "equipment_loss"}).json()
    assert body["total"] == 1 and body["all_incidents"] == 3
    assert [g["type"] for g in body["map"]] == ["equipment_loss"]
    assert [w["type"] for w in body["timeline"]] == ["equipment_loss"]
    assert [i["type"] for i in body["incidents"]] == ["equipment_loss"]
    assert body["filters"] == {"types": ["equipment_loss"]}


def test_overview_takes_repeated_values_and_ignores_blank_fields(client):
    body = client.get("/api/overview?type=desertion&type=surrender&q=&unit=&since=&min_origins=").json()
    assert body["total"] == 2 and body["filters"] == {"types": ["desertion", "surrender"]}


def test_paging_and_sorting(client):
    first = client.get("/api/overview", params={"limit": 1, "sort": "oldest"}).json()
    second = client.get("/api/overview", params={"limit": 1, "offset": 1, "sort": "oldest"}).json()
    assert first["incidents"][0]["type"] == "equipment_loss" and second["incidents"][0]["type"] == "surrender"
    assert first["total"] == second["total"] == 3


def test_incident_has_reports_in_time_order_with_fields_chains_and_links(client):
    body = client.get(f"/api/incidents/{incident_id(client, 'desertion')}").json()
    assert body["incident"]["origins"] == 2 and body["incident"]["copies"] == 1
    assert [r["event"]["doc"] for r in body["reports"]] == list(DESERTION_DOCS)
    relay = next(r for r in body["reports"] if r["event"]["doc"] == RELAY)
    assert relay["copy_of"] == LEDGER and relay["outlet"] == "Relay Daily"
    assert "".join(s["text"] for s in relay["segments"]) == relay["event"]["text"]
    kinds = {n["kind"] for n in body["chains"]["nodes"]}
    assert kinds == {"origin", "relay", "article"}
    labels = {n["label"] for n in body["chains"]["nodes"]}
    assert {"a regimental chaplain", "Dnipro Ledger", "[relay-3, copy of ledger-1]"} <= labels
    assert body["links"] and all(link["reasons"] for link in body["links"])
    assert body["shown"] == {"reports": 3, "of_reports": 3, "links": len(body["links"])}


def test_incident_report_marks_the_extracted_fields_and_nearby_quotes(client):
    body = client.get(f"/api/incidents/{incident_id(client, 'surrender')}").json()
    report = body["reports"][0]
    marked = {tag for s in report["segments"] for tag in s["tags"]}
    assert marked == {"field:unit", "field:location"}
    unit = next(s for s in report["segments"] if "field:unit" in s["tags"])
    assert unit["text"] == "36th Marine Brigade"
    # the quotes sit in the next paragraph: only those around the sentence are shown
    assert report["quotes"] == []


def test_article_has_text_events_quotes_and_segments_covering_the_text(client):
    body = client.get(f"/api/articles/{HOSTILE}").json()
    assert body["article"]["outlet"] == SCRIPT and body["article"]["chars"] == len(body["article"]["text"])
    assert "".join(s["text"] for s in body["segments"]) == body["article"]["text"]
    assert len(body["events"]) == 1 and body["events"][0]["incident"].startswith("inc-")
    assert [q["speaker"] for q in body["quotes"]][0] == "the officer"
    opened = [tag for s in body["segments"] for tag in s["opens"]]
    assert {"event:0", "quote:0", "quote:1", "field:unit", "field:location"} <= set(opened)


def test_units_list_units_with_their_incidents(client):
    body = client.get("/api/units").json()
    assert body["total"] == 3 and len(body["units"]) == 3
    assert all(u["items"] and u["key"].startswith("unit:") for u in body["units"])
    one = client.get("/api/units", params={"type": "equipment_loss"}).json()
    assert one["total"] == 1 and one["units"][0]["items"][0]["type"] == "equipment_loss"


@pytest.mark.parametrize(
    "url, param",
    [
        ("/api/overview?type=bogus", "type.0"),
        ("/api/overview?evidence=rumour", "evidence.0"),
        ("/api/overview?limit=0", "limit"),
        (f"/api/overview?limit={MAX_PAGE + 1}", "limit"),
        ("/api/overview?offset=-1", "offset"),
        ("/api/overview?min_origins=abc", "min_origins"),
        ("/api/overview?since=last-week", "since"),
        ("/api/overview?since=2024-13", "since"),
        ("/api/overview?until=2023-02-30", "until"),
        ("/api/overview?sort=random", "sort"),
        ("/api/overview?q=" + "x" * 201, "q"),
        ('/api/overview?q="unclosed', "q"),
        ("/api/overview?" + "&".join(["type=desertion"] * 21), "type"),
        ("/api/units?limit=100000", "limit"),
    ],
)
def test_bad_parameters_are_422_naming_the_parameter(client, url, param):
    response = client.get(url)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] and any(d["param"] == param for d in body["detail"]), body


@pytest.mark.parametrize("url", ["/api/incidents/inc-000000000000", "/api/articles/no-such-doc"])
def test_unknown_ids_are_404(client, url):
    response = client.get(url)
    assert response.status_code == 404 and "no " in response.json()["error"]


@pytest.mark.parametrize(
    "value",
    ["' OR 1=1 --", "x'); DROP TABLE incidents; --", "%", "_", "\\", "unit:' OR '1'='1", SCRIPT, "Ünïcødé"],
)
@pytest.mark.parametrize("param", ["side", "unit", "place"])
def test_injection_attempts_match_nothing_and_break_nothing(client, param, value):
    response = client.get("/api/overview", params={param: value})
    assert response.status_code == 200 and response.json()["total"] == 0
    assert client.get("/api/overview").json()["total"] == 3


def test_search_injection_is_a_clear_422_or_a_plain_search(client):
    assert client.get("/api/overview", params={"q": "x' OR 1=1 --"}).status_code == 422
    assert client.get("/api/overview", params={"q": '"OR 1=1"'}).json()["total"] == 0


def test_openapi_documents_pages_twins_and_their_parameters(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/", "/incidents/{id}", "/articles/{doc}", "/units", "/api/overview", "/api/incidents/{id}",
                 "/api/articles/{doc}", "/api/units"):  # fmt: skip
        assert path in paths, path
    params = {p["name"] for p in paths["/api/overview"]["get"]["parameters"]}
    assert {"type", "side", "evidence", "unit", "place", "since", "until", "min_origins", "q", "sort", "limit", "offset"} <= params
    assert "Overview" in schema["components"]["schemas"]
    assert "text/html" in paths["/"]["get"]["responses"]["200"]["content"]


def test_every_response_carries_security_headers_and_server_time(client):
    response = client.get("/api/overview")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["server-timing"].startswith("app;dur=")


def test_missing_database_is_503_with_its_name(tmp_path):
    from fastapi.testclient import TestClient

    response = TestClient(create_app(tmp_path / "absent.db")).get("/api/overview")
    assert response.status_code == 503 and "absent.db" in response.json()["error"]


def test_the_app_never_writes(web_db, client):
    before = web_db.stat().st_mtime_ns
    for url in ("/api/overview", "/api/units", f"/api/articles/{MUD}", "/"):
        assert client.get(url).status_code == 200
    assert web_db.stat().st_mtime_ns == before


def test_a_query_over_its_time_limit_is_stopped_with_503(web_db, monkeypatch):
    from fastapi.testclient import TestClient

    import frontwire.serve.views as views

    def slow(store, *args, **kwargs):
        start = time.monotonic()
        while time.monotonic() - start < 2:  # a query that would run for a long time
            store._query("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n").fetchone()
        raise AssertionError("the query was not stopped")

    monkeypatch.setattr(views, "units_view", slow)
    response = TestClient(create_app(web_db, query_seconds=0.2)).get("/api/units")
    assert response.status_code == 503 and "narrow the filters" in response.json()["error"]


def test_each_request_opens_the_store_read_only_and_query_only(web_db):
    from types import SimpleNamespace

    from frontwire.serve.app import open_store

    request = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(db=str(web_db), query_seconds=1.0)))
    with open_store(request) as store:
        assert store.readonly and store.conn.execute("PRAGMA query_only").fetchone()[0] == 1
        with pytest.raises(sqlite3.OperationalError):
            store.conn.execute("DELETE FROM incidents")
