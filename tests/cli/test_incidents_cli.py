"""`frontwire incidents`, `show incident`, `export --what incidents` and the incident key of event rows,
on a linked store: one incident reported by two outlets and a reprint, one unrelated report."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from frontwire.cli import cli
from frontwire.export import ACLED_COLUMNS
from tests.cli.incident_records import CHAPLAIN, DESERTION_DOCS, LEDGER, MUD, RELATIVES, RELAY, STEPPE, build, event_id

INCIDENT_KEYS = {
    "id": str, "type": str, "reports": int, "outlets": int, "origins": int, "copies": int, "evidence": str,
    "denied": bool, "first_report": str, "last_report": str, "unit": (str, type(None)),
    "location": (str, type(None)), "lat": (float, type(None)), "lon": (float, type(None)), "origin_names": list,
    "outlet_names": list, "docs": list, "events": list, "text": str,
}  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return str(build(tmp_path_factory.mktemp("incidents") / "t.db"))


def run(db, *args):
    return CliRunner().invoke(cli, [*args, "--db", db])


def listed(db, *args) -> list[dict]:
    result = run(db, "incidents", "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def ids(db) -> dict[str, str]:
    """Incident type -> its id, as `frontwire incidents` lists it."""
    return {row["type"]: row["id"] for row in listed(db)}


# -- frontwire incidents -----------------------------------------------------


def test_the_linked_incident_counts_reports_outlets_origins_and_copies(db):
    rows = listed(db)
    assert [r["type"] for r in rows] == ["desertion", "equipment_loss"]  # most origins first
    desertion, loss = rows
    expected = {"reports": 3, "outlets": 3, "origins": 2, "copies": 1, "evidence": "attributed", "denied": False,
                "first_report": "2024-04-10", "last_report": "2024-04-12", "date": "2024-04-08",
                "date_precision": "day", "unit": "112th Motor Rifle Regiment", "location": "Robotyne", "count": 9}  # fmt: skip
    assert {k: desertion[k] for k in expected} == expected
    assert desertion["docs"] == list(DESERTION_DOCS)
    assert desertion["events"] == [event_id(d) for d in DESERTION_DOCS]
    assert desertion["origin_names"] == [CHAPLAIN, RELATIVES]  # the reprint adds no origin
    assert desertion["outlet_names"] == ["Dnipro Ledger", "Relay Daily", "Steppe Herald"]
    assert (loss["reports"], loss["origins"], loss["copies"], loss["docs"]) == (1, 1, 0, [MUD])
    assert loss["date"] is None


def test_jsonl_rows_have_the_documented_keys(db):
    for row in listed(db):
        for key, kind in INCIDENT_KEYS.items():
            assert isinstance(row[key], kind), (key, row[key])
        assert row["id"].startswith("inc-")


@pytest.mark.parametrize(
    "args, expected",
    [
        ([], ["desertion", "equipment_loss"]),
        (["--type", "desertion"], ["desertion"]),
        (["--type", "surrender"], []),
        (["--min-origins", "2"], ["desertion"]),
        (["--min-origins", "3"], []),
        (["--doc", RELAY], ["desertion"]),  # a reprint finds the incident it joined
        (["--doc", MUD], ["equipment_loss"]),
        (["--doc", "nowhere"], []),
        (["--unit", "motor rifle"], ["desertion"]),
        (["--unit", "AIRBORNE"], ["equipment_loss"]),
        (["--since", "2024-04"], ["desertion"]),
        (["--since", "2024-02"], ["desertion", "equipment_loss"]),  # undated: its report date counts
        (["--until", "2024-03"], ["equipment_loss"]),
        (["--side", "russia"], ["desertion"]),
        (["--place", "kharkiv"], ["equipment_loss"]),
        (["--evidence", "asserted"], ["equipment_loss"]),
        (["--q", "flooded"], ["equipment_loss"]),
        (["--type", "desertion", "--min-origins", "2", "--doc", STEPPE], ["desertion"]),
        (["--type", "desertion", "--doc", MUD], []),
        (["--limit", "1"], ["desertion"]),
    ],
)
def test_filters_select_incidents(db, args, expected):
    assert [r["type"] for r in listed(db, *args)] == expected


def test_unit_filter_finds_an_incident_by_any_reports_wording(db, ids):
    events = [json.loads(line) for line in run(db, "export", "--unit", "the 112th Regiment").stdout.splitlines()]
    assert [e["incident"] for e in events] == [ids["desertion"]]
    assert [r["id"] for r in listed(db, "--unit", "the 112th Regiment")] == [ids["desertion"]]


def test_csv_header_is_the_row_keys(db):
    result = run(db, "incidents", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(table[0]) == list(listed(db)[0])
    assert [r["type"] for r in table] == ["desertion", "equipment_loss"]
    assert json.loads(table[0]["docs"]) == list(DESERTION_DOCS) and table[0]["denied"] == "false"


def test_json_is_one_array(db):
    result = run(db, "incidents", "--format", "json")
    assert json.loads(result.stdout) == listed(db)
    assert result.stderr.strip().endswith("2 incidents")


def test_table_lists_ids_and_figures(db, ids):
    out = run(db, "incidents", "--format", "table").stdout
    header, first, second = out.splitlines()
    assert header.split()[:6] == ["id", "type", "reports", "outlets", "origins", "evidence"]
    assert first.split()[:6] == [ids["desertion"], "desertion", "3", "3", "2", "attributed"]
    assert second.split()[:2] == [ids["equipment_loss"], "equipment_loss"]


def test_an_unlinked_store_lists_no_incidents(tmp_path):
    db = str(build(tmp_path / "raw.db", link=False))
    assert listed(db) == []


# -- frontwire show incident -------------------------------------------------

TREE = [
    "  ├─ a regimental chaplain",
    "  │  └─ Dnipro Ledger",
    f"  │     ├─ [{LEDGER}]",
    "  │     └─ Relay Daily",
    f"  │        └─ [{RELAY}, copy of {LEDGER}]",
    "  └─ relatives of the soldiers",
    "     └─ Steppe Herald",
    f"        └─ [{STEPPE}]",
]


def test_show_incident_text(db, ids):
    result = run(db, "show", "incident", ids["desertion"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"{ids['desertion']}  desertion\n")
    assert "3 reports by 3 outlets, 2 independent origins (1 syndicated copy)" in out
    reports = out.split("\nreports\n")[1].split("\nsource chains")[0]
    positions = [reports.index(event_id(doc)) for doc in DESERTION_DOCS]
    assert positions == sorted(positions)  # earliest report first
    assert f"{event_id(RELAY)} (copy of {LEDGER})" in reports
    chains = out.split("source chains (origin -> ... -> outlet -> article)\n")[1].split("\n\n")[0]
    assert chains.splitlines() == TREE
    why = out.split("why these reports are linked\n")[1]
    assert f"{event_id(LEDGER)}  ~  {event_id(RELAY)}  (copy" in why
    for reason in ("syndicated copy", "same unit (112-regiment)", "same place (Robotyne)", "dates overlap"):
        assert reason in why


def test_show_incident_json(db, ids):
    result = run(db, "show", "incident", ids["desertion"], "--format", "json")
    data = json.loads(result.stdout)
    assert set(data) == {"incident", "reports", "chains", "links"}
    assert data["incident"]["id"] == ids["desertion"] and data["incident"]["origins"] == 2
    assert [r["doc"] for r in data["reports"]] == list(DESERTION_DOCS)
    assert [r["copy_of"] for r in data["reports"]] == [None, None, LEDGER]
    assert {r["incident"] for r in data["reports"]} == {ids["desertion"]}
    assert data["chains"] == {
        CHAPLAIN: {"Dnipro Ledger": {f"[{LEDGER}]": {}, "Relay Daily": {f"[{RELAY}, copy of {LEDGER}]": {}}}},
        RELATIVES: {"Steppe Herald": {f"[{STEPPE}]": {}}},
    }
    pairs = {frozenset((x["a"], x["b"])): x for x in data["links"]}
    assert pairs[frozenset((event_id(LEDGER), event_id(RELAY)))]["kind"] == "copy"
    cross = pairs[frozenset((event_id(LEDGER), event_id(STEPPE)))]
    assert cross["kind"] == "cross" and cross["score"] >= 3 and "same unit (112-regiment)" in cross["reasons"]


def test_a_single_report_incident_shows_without_links(db, ids):
    out = run(db, "show", "incident", ids["equipment_loss"]).stdout
    assert "1 report by 1 outlet, 1 independent origin" in out and event_id(MUD) in out
    assert "why these reports are linked" not in out


@pytest.mark.parametrize("args", [["show", "incident", "inc-000000000000"], ["show", "incident", event_id(LEDGER)]])
def test_unknown_incident_is_one_clean_line(db, args):
    result = run(db, *args)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("frontwire: ") and f"no incident with id {args[2]!r}" in result.stderr
    assert "frontwire incidents" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("args", [["show", "bogus", "x"], ["show", "incidents", "inc-1"], ["show"]])
def test_show_what_is_a_usage_error(db, args):
    result = run(db, *args)
    assert result.exit_code == 2 and result.stdout == ""


@pytest.mark.parametrize("args", [["show", event_id(STEPPE)], ["show", "event", event_id(STEPPE)]])
def test_show_event_names_its_incident(db, ids, args):
    result = run(db, *args)
    assert result.exit_code == 0, result.output
    assert f"incident  {ids['desertion']}  (frontwire show incident {ids['desertion']})" in result.stdout
    data = json.loads(run(db, *args, "--format", "json").stdout)
    assert data["event"]["incident"] == ids["desertion"]


# -- frontwire export --what incidents ---------------------------------------


def acled(db, *args) -> list[dict]:
    result = run(db, "export", "--what", "incidents", "--format", "acled", *args)
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(io.StringIO(result.stdout))
    rows = list(reader)
    assert tuple(reader.fieldnames) == ACLED_COLUMNS
    return rows


def test_acled_columns_and_values(db, ids):
    desertion, loss = acled(db)
    assert desertion["event_id_cnty"] == ids["desertion"]
    expected = {"event_date": "2024-04-08", "year": "2024", "time_precision": "1", "geo_precision": "1",
                "location": "Robotyne", "country": "Ukraine", "assoc_actor_1": "112th Motor Rifle Regiment",
                "source": "Dnipro Ledger; Relay Daily; Steppe Herald", "fatalities": "0"}  # fmt: skip
    assert {k: desertion[k] for k in expected} == expected
    assert "Russia" in desertion["actor1"]
    assert desertion["notes"].startswith("Nine soldiers of the 112th Motor Rifle Regiment")
    assert "3 reports by 3 outlets, 2 independent origins" in desertion["notes"]
    # undated: the first report's date, the loosest time precision; a region is a loose place
    assert (loss["event_date"], loss["time_precision"], loss["geo_precision"]) == ("2024-02-02", "3", "3")
    assert "Undated" in loss["notes"] and loss["source"] == "Mud Courier"
    assert all(row[c] for row in (desertion, loss) for c in ("disorder_type", "event_type", "sub_event_type", "tags"))


def test_acled_takes_the_incident_filters(db, ids):
    assert [r["event_id_cnty"] for r in acled(db, "--min-origins", "2")] == [ids["desertion"]]
    assert [r["event_id_cnty"] for r in acled(db, "--type", "equipment_loss")] == [ids["equipment_loss"]]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_incidents_matches_the_listing(db, fmt):
    result = run(db, "export", "--what", "incidents", "--format", fmt)
    text = result.stdout
    rows = [json.loads(x) for x in text.splitlines()] if fmt == "jsonl" else list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == [r["id"] for r in listed(db)]
    assert "exported 2 incidents" in result.stderr


def test_geojson_of_incidents_is_a_feature_collection(db, ids):
    data = json.loads(run(db, "export", "--what", "incidents", "--format", "geojson").stdout)
    assert data["type"] == "FeatureCollection"
    by_id = {f["properties"]["id"]: f for f in data["features"]}
    assert set(by_id) == set(ids.values())
    assert by_id[ids["desertion"]]["geometry"] == {"type": "Point", "coordinates": [35.84, 47.45]}
    assert by_id[ids["desertion"]]["properties"]["origins"] == 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "acled"], "--format acled"),
        (["--what", "events", "--format", "acled"], "--format acled"),
        (["--what", "quotes", "--format", "acled"], "acled"),
        (["--what", "events", "--min-origins", "2"], "--min-origins"),
        (["--what", "articles", "--min-origins", "2"], "--min-origins"),
        (["--what", "incidents", "--min-origins", "0"], "--min-origins"),
    ],
)
def test_incident_only_options_are_usage_errors(db, args, message):
    result = run(db, "export", *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert message in result.stderr


@pytest.mark.parametrize("command", [["export", "--what", "events"], ["events", "--format", "jsonl"]])
def test_event_rows_carry_their_incident(db, ids, command):
    rows = [json.loads(line) for line in run(db, *command).stdout.splitlines()]
    assert {r["doc"]: r["incident"] for r in rows} == {
        LEDGER: ids["desertion"], STEPPE: ids["desertion"], RELAY: ids["desertion"], MUD: ids["equipment_loss"],
    }  # fmt: skip


def test_event_rows_of_an_unlinked_store_have_no_incident(tmp_path):
    db = str(build(tmp_path / "raw.db", link=False))
    rows = [json.loads(line) for line in run(db, "export").stdout.splitlines()]
    assert len(rows) == 4 and all(r["incident"] is None for r in rows)


def test_stats_count_incidents_and_copies(db):
    stats = json.loads(run(db, "stats", "--format", "json").stdout)
    assert stats["incidents"] == len(listed(db)) and stats["syndicated_copies"] == 1
