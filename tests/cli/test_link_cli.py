"""`frontwire entities` and `frontwire link`: canonical names with their wordings, alias files that rename,
merge or split, relinking, and clean errors for a bad alias file."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from frontwire.cli import cli
from tests.cli.incident_records import DESERTION_DOCS, LEDGER, RELAY, STEPPE, UNIT, UNIT_SHORT, build

CANONICAL = "112th Separate Motor Rifle Regiment"
MERGE = f"# both wordings, one name\n\nunit\t{UNIT}\t{CANONICAL}\nunit\t{UNIT_SHORT}\t{CANONICAL}\n"
SPLIT = f"unit\t{UNIT_SHORT}\tVolga Rifles\n"  # the user says the short wording is another, unnumbered force


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    return str(build(tmp_path_factory.mktemp("entities") / "t.db"))


@pytest.fixture
def db(tmp_path):
    """A linked store of one's own, for the tests that write."""
    return str(build(tmp_path / "t.db"))


def run(db, *args):
    return CliRunner().invoke(cli, [*args, "--db", db])


def entities(db, *args) -> list[dict]:
    result = run(db, "entities", "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def incidents(db) -> list[dict]:
    return [json.loads(line) for line in run(db, "incidents", "--format", "jsonl").stdout.splitlines()]


def desertions(db) -> list[list[str]]:
    """The docs of each desertion incident."""
    return [r["docs"] for r in incidents(db) if r["type"] == "desertion"]


def aliases_file(tmp_path, text: str, *, encoding: str = "utf-8"):
    path = tmp_path / "aliases.tsv"
    path.write_bytes(text.encode(encoding))
    return str(path)


# -- frontwire entities ------------------------------------------------------


def test_units_list_the_canonical_name_with_every_wording(linked):
    found = entities(linked, "--kind", "unit")
    assert [e["key"] for e in found] == ["unit:112-regiment", "unit:25-brigade"]  # most mentioned first
    regiment = found[0]
    assert (regiment["name"], regiment["user"], regiment["events"]) == (UNIT, False, 3)
    assert regiment["aliases"] == {UNIT: 2, UNIT_SHORT: 1}


@pytest.mark.parametrize(
    "args, names",
    [
        (["--kind", "place"], {"Robotyne", "Kharkiv Oblast"}),
        (["--kind", "outlet"], {"Dnipro Ledger", "Steppe Herald", "Relay Daily", "Mud Courier"}),
        (["--kind", "unit", "--q", "the 112th regiment"], {UNIT}),  # a wording finds its entity
        (["--q", "AIRBORNE"], {"25th Airborne Brigade"}),
        (["--kind", "person"], set()),
    ],
)
def test_entity_filters(linked, args, names):
    assert {e["name"] for e in entities(linked, *args)} == names


def test_limit_keeps_the_most_mentioned(linked):
    assert [e["name"] for e in entities(linked, "--kind", "unit", "--limit", "1")] == [UNIT]


def test_table_shows_wordings_with_counts(linked):
    result = run(linked, "entities", "--kind", "unit", "--format", "table")
    line = next(x for x in result.stdout.splitlines() if x.startswith("unit:112-regiment"))
    assert UNIT in line and f"{UNIT_SHORT} (1)" in line
    assert result.stderr.strip().endswith("2 entities")


@pytest.mark.parametrize("args", [["--kind", "brigade"], ["--limit", "0"], ["--format", "csv"]])
def test_entity_usage_errors(linked, args):
    assert run(linked, "entities", *args).exit_code == 2


# -- frontwire link ----------------------------------------------------------


def test_an_up_to_date_store_links_nothing(db):
    before = incidents(db)
    result = run(db, "link")
    assert result.exit_code == 0, result.output
    assert "0 articles linked; 2 incidents" in result.stderr
    assert incidents(db) == before


def test_link_brings_an_unlinked_store_up_to_date(tmp_path):
    db = str(build(tmp_path / "raw.db", link=False))
    assert incidents(db) == [] and entities(db) == []
    result = run(db, "link")
    assert result.exit_code == 0, result.output
    assert "4 articles linked; 2 incidents" in result.stderr
    assert desertions(db) == [list(DESERTION_DOCS)]
    assert entities(db, "--kind", "unit")[0]["aliases"] == {UNIT: 2, UNIT_SHORT: 1}
    assert "0 articles linked" in run(db, "link").stderr


def test_relink_gives_the_same_incidents(db):
    before = incidents(db)
    result = run(db, "link", "--relink")
    assert result.exit_code == 0, result.output
    assert "4 articles linked; 2 incidents" in result.stderr
    assert incidents(db) == before


def test_an_alias_file_names_the_unit_and_keeps_the_incident(db, tmp_path):
    before = incidents(db)
    result = run(db, "link", "--aliases", aliases_file(tmp_path, MERGE))
    assert result.exit_code == 0, result.output
    assert "2 aliases stored" in result.stderr and "4 articles linked; 2 incidents" in result.stderr
    (regiment, _) = entities(db, "--kind", "unit")
    assert (regiment["name"], regiment["user"]) == (CANONICAL, True)
    assert regiment["aliases"] == {UNIT: 2, UNIT_SHORT: 1}
    assert [r["id"] for r in incidents(db)] == [r["id"] for r in before]
    assert desertions(db) == [list(DESERTION_DOCS)]
    # the stored file outlives later runs, until it is cleared
    assert "0 articles linked" in run(db, "link").stderr
    assert entities(db, "--kind", "unit")[0]["name"] == CANONICAL
    cleared = run(db, "link", "--clear-aliases")
    assert cleared.exit_code == 0 and "0 aliases stored" in cleared.stderr
    assert entities(db, "--kind", "unit")[0]["name"] == UNIT


def test_an_alias_that_names_another_force_splits_the_incident(db, tmp_path):
    result = run(db, "link", "--aliases", aliases_file(tmp_path, SPLIT))
    assert result.exit_code == 0, result.output
    assert "1 aliases stored" in result.stderr and "3 incidents" in result.stderr
    assert sorted(desertions(db)) == [[LEDGER, RELAY], [STEPPE]]
    volga = [e for e in entities(db, "--kind", "unit") if e["name"] == "Volga Rifles"]
    assert len(volga) == 1 and volga[0]["user"] and volga[0]["aliases"] == {UNIT_SHORT: 1}
    assert "2 incidents" in run(db, "link", "--clear-aliases").stderr
    assert desertions(db) == [list(DESERTION_DOCS)]


@pytest.mark.parametrize(
    "line, message",
    [
        ("unit\tonly two columns", "expected kind<TAB>wording<TAB>canonical name"),
        ("unit\ta\tb\tc", "expected kind<TAB>wording<TAB>canonical name"),
        ("unit\t\tNamed", "expected kind<TAB>wording<TAB>canonical name"),
        (f"unit {UNIT} {CANONICAL}", "expected kind<TAB>wording<TAB>canonical name"),  # spaces, not tabs
        (f"brigade\t{UNIT}\t{CANONICAL}", "unknown kind 'brigade'"),
        (f"Unit\t{UNIT}\t{CANONICAL}", "unknown kind 'Unit'"),
    ],
)
def test_a_bad_alias_file_names_file_and_line(db, tmp_path, line, message):
    path = aliases_file(tmp_path, f"# my names\n\n{line}\nplace\tRobotyne\tRobotyne village\n")
    before = incidents(db)
    result = run(db, "link", "--aliases", path)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"frontwire: {path}:3: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert "aliases stored" not in result.stderr
    assert incidents(db) == before and entities(db, "--kind", "unit")[0]["user"] is False


def test_an_alias_file_that_is_not_text_is_one_clean_line(db, tmp_path):
    path = aliases_file(tmp_path, f"unit\t{UNIT}\tNamé\n", encoding="latin-1")
    result = run(db, "link", "--aliases", path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"frontwire: {path}: ") and "cannot read alias file" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["--aliases", "{missing}"], ["--aliases", "{file}", "--clear-aliases"], ["--relink", "extra"]],
)
def test_link_usage_errors(db, tmp_path, args):
    path = aliases_file(tmp_path, MERGE)
    args = [a.format(missing=str(tmp_path / "none.tsv"), file=path) for a in args]
    result = run(db, "link", *args)
    assert result.exit_code == 2
    assert entities(db, "--kind", "unit")[0]["name"] == UNIT  # nothing stored
