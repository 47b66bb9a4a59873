"""The dashboard's aggregate reads: selections, facets that add up, map groups, weeks, units."""

from __future__ import annotations

import pytest

from frontwire.errors import ConfigError
from frontwire.store import Store
from frontwire.store import dashboard as d
from frontwire.store.dashboard import Selection
from tests.cli.incident_records import DESERTION_DOCS, MUD, UNIT
from tests.serve.records import HOSTILE


@pytest.fixture()
def store(web_db):
    with Store.open(web_db, readonly=True) as opened:
        yield opened


def ids(store: Store, selection: Selection) -> set[str]:
    return {row["type"] for row in d.page(store, d.resolve(store, selection), limit=200)}


@pytest.mark.parametrize(
    "selection, expected",
    [
        (Selection(), {"desertion", "equipment_loss", "surrender"}),
        (Selection(types=("desertion",)), {"desertion"}),
        (Selection(types=("desertion", "surrender")), {"desertion", "surrender"}),
        (Selection(sides=("russia",)), {"desertion", "surrender"}),  # any case
        (Selection(sides=("Ukraine", "Russia")), {"desertion", "equipment_loss", "surrender"}),
        (Selection(sides=("unknown",)), set()),
        (Selection(evidence=("asserted",)), {"equipment_loss"}),
        (Selection(unit="112th"), {"desertion"}),
        (Selection(unit="AIRBORNE"), {"equipment_loss"}),
        (Selection(place="kharkiv"), {"equipment_loss"}),
        (Selection(place="ukraine"), {"desertion", "equipment_loss", "surrender"}),
        (Selection(place="kherson oblast"), {"surrender"}),  # admin1
        (Selection(since="2024-04"), {"desertion"}),
        (Selection(until="2024-03-02"), {"equipment_loss"}),  # undated: its first report, 2024-02-02
        (Selection(since="2024-03-03", until="2024-03-03"), {"surrender"}),
        (Selection(min_origins=2), {"desertion"}),
        (Selection(q="chaplain"), {"desertion"}),
        (Selection(q="flooded"), {"equipment_loss"}),
        (Selection(q="zeppelin"), set()),
        (Selection(types=("desertion",), place="kharkiv"), set()),
    ],
)
def test_selection_keeps_what_it_names(store, selection, expected):
    assert ids(store, selection) == expected


def test_unit_key_selects_every_wording_of_the_unit(store):
    units = d.unit_counts(store, Selection())
    regiment = next(u for u in units if "112" in u["value"])
    assert regiment["value"].startswith("unit:") and regiment["count"] == 1
    assert ids(store, Selection(unit=regiment["value"])) == {"desertion"}
    assert ids(store, Selection(unit="unit:no-such-unit")) == set()


def test_text_filters_resolve_once_to_values(store):
    resolved = d.resolve(store, Selection(place="oblast", unit="brigade", q="chaplain"))
    assert set(resolved.place_names) == {"Kharkiv Oblast", "Kherson Oblast", "Zaporizhzhia Oblast"}
    assert all("brigade" in name.casefold() for name in resolved.unit_names) and len(resolved.unit_names) == 2
    assert len(resolved.found) == 1
    assert d.resolve(store, resolved) is resolved


def test_facets_add_up_and_leave_their_own_facet_open(store):
    selection = d.resolve(store, Selection(types=("desertion",)))
    facets, total, unplaced = d.facets(store, selection)
    assert total == 1 and unplaced == 0
    # the type facet ignores the type filter, so every type stays choosable
    assert {f["value"]: f["count"] for f in facets["type"]} == {"desertion": 1, "equipment_loss": 1, "surrender": 1}
    # the other facets count what the type filter keeps
    assert {f["value"]: f["count"] for f in facets["side"]} == {"Russia": 1}
    assert sum(f["count"] for f in facets["evidence"]) == total
    assert [f["count"] for f in facets["unit"]] == [1]


def test_facets_count_sides_and_evidence_over_everything(store):
    facets, total, _ = d.facets(store, Selection())
    assert total == 3 == sum(f["count"] for f in facets["side"]) == sum(f["count"] for f in facets["evidence"])
    assert facets["side"][0] == {"value": "Russia", "label": "Russia", "count": 2}


def test_map_groups_are_by_point_and_type(store):
    groups = d.map_groups(store, Selection())
    assert {(g["location"], g["type"]) for g in groups} == {("Robotyne", "desertion"), ("Kharkiv Oblast", "equipment_loss"),
                                                            ("Krynky", "surrender")}  # fmt: skip
    robotyne = next(g for g in groups if g["location"] == "Robotyne")
    assert robotyne["reports"] == len(DESERTION_DOCS) and robotyne["incidents"] == 1 and groups[0] is robotyne


def test_timeline_counts_by_monday_of_the_incident_week(store):
    weeks = d.timeline(store, Selection())
    assert {(w["week"], w["type"]) for w in weeks} == {
        ("2024-04-08", "desertion"),  # dated 8 April, a Monday
        ("2024-01-29", "equipment_loss"),  # undated: first report 2 February
        ("2024-02-26", "surrender"),  # 3 March is a Sunday
    }


def test_units_list_each_unit_with_its_incidents_in_date_order(store):
    found, total = d.units(store, Selection())
    assert total == 3
    names = {u["name"] for u in found}
    assert UNIT in names or any("112th" in n for n in names)
    for unit in found:
        assert unit["incidents"] == len(unit["items"]) == 1
        assert unit["first"] == unit["last"] == unit["items"][0]["day"]
    paged, _ = d.units(store, Selection(), limit=1, offset=1)
    assert len(paged) == 1 and paged[0]["key"] == found[1]["key"]
    assert d.units(store, Selection(), offset=10) == ([], 3)


@pytest.mark.parametrize("sort", list(d.SORTS))
def test_every_sort_order_lists_everything_once(store, sort):
    rows = d.page(store, Selection(), sort=sort)
    assert sorted(r["id"] for r in rows) == sorted(r["id"] for r in d.page(store, Selection()))


def test_sorts_put_what_they_say_first(store):
    assert d.page(store, Selection(), sort="corroboration")[0]["type"] == "desertion"
    assert d.page(store, Selection(), sort="recent")[0]["type"] == "desertion"
    assert d.page(store, Selection(), sort="oldest")[0]["type"] == "equipment_loss"


def test_bad_date_bound_is_a_config_error(store):
    with pytest.raises(ConfigError, match="no month 13"):
        d.where(Selection(since="2024-13"))


def test_unparsable_search_is_a_config_error(store):
    with pytest.raises(ConfigError, match="bad search query"):
        d.resolve(store, Selection(q='"unclosed'))


def test_article_meta_and_copies_read_only_the_docs_asked_for(store):
    meta = d.article_meta(store, [MUD, HOSTILE, "absent"])
    assert set(meta) == {MUD, HOSTILE} and "text" not in meta[MUD]
    copies = d.copies_of(store, list(DESERTION_DOCS))
    assert list(copies) == ["relay-3"] and copies["relay-3"] == "ledger-1"
    assert d.count_all(store) == 3
