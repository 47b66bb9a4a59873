"""Links and incidents in the store: persisted, filtered, rewritten on replace and delete, never stale."""

from __future__ import annotations

import dataclasses

import pytest

from frontwire.link.linker import incident_id
from frontwire.model import Extraction
from frontwire.store import Store
from frontwire.store import incident_reads as reads
from frontwire.store import incidents as links
from frontwire.store.incidents import IncidentFilter
from tests.link import KUPIANSK, VUHLEDAR, article, bridge, day, event, reports
from tests.link.test_syndication import EDITED, WIRE

X = incident_id("a:0:desertion")  # a (lead and restatement) and b
C = incident_id("c:0:desertion")  # the same unit months later
B = incident_id("p:0:refusal_to_fight")  # p, q, r through the bridge q


def save_all(store: Store, pairs) -> None:
    for art, events in pairs:
        store.save(Extraction(art, tuple(events)))


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "links.db") as opened:
        save_all(opened, reports()[:3] + bridge())
        yield opened


@pytest.fixture
def linker(store):
    found = links.load_linker(store)
    assert links.link_pending(store, found) == 6
    return found


def rows(store: Store, sql: str, params=()) -> list[tuple]:
    return [tuple(r) for r in store.conn.execute(sql, params)]


def check_integrity(store: Store) -> None:
    """Every incident row has events, every membership row points to a stored incident and event."""
    assert rows(store, "SELECT ie.event FROM incident_events ie LEFT JOIN incidents i ON i.id = ie.incident WHERE i.id IS NULL") == []
    assert rows(store, "SELECT ie.event FROM incident_events ie LEFT JOIN events e ON e.id = ie.event WHERE e.id IS NULL") == []
    assert rows(store, "SELECT i.id FROM incidents i LEFT JOIN incident_events ie ON ie.incident = i.id WHERE ie.event IS NULL") == []
    assert rows(store, "SELECT e.id FROM events e LEFT JOIN incident_events ie ON ie.event = e.id WHERE ie.event IS NULL") == []
    for found in reads.incidents(store):
        docs = {r[0] for r in rows(store, "SELECT doc FROM incident_events WHERE incident = ?", (found.id,))}
        assert set(found.docs) == docs and found.reports == len(docs)
        assert set(found.events) == {r[0] for r in rows(store, "SELECT event FROM incident_events WHERE incident = ?", (found.id,))}
    same = "SELECT l.a, l.b FROM links l JOIN incident_events x ON x.event = l.a JOIN incident_events y ON y.event = l.b WHERE x.incident != y.incident"
    assert rows(store, same) == []
    assert rows(store, "SELECT a FROM links WHERE a NOT IN (SELECT id FROM events) OR b NOT IN (SELECT id FROM events)") == []


def ids(found) -> list[str]:
    return [i.id for i in found]


def test_linking_persists_incidents(store, linker):
    assert sorted(ids(reads.incidents(store))) == sorted([X, C, B])
    x = reads.incident(store, X)
    assert x is not None
    assert x.events == ("a:0:desertion", "a:80:desertion", "b:0:desertion")
    assert (x.docs, x.reports, x.outlets, x.origins, x.copies) == (("a", "b"), 2, 2, 2, 0)
    assert (x.first_report, x.last_report) == ("2024-03-05", "2024-03-06")
    assert x.date is not None and x.date.start == "2024-03-02"
    assert x.location is not None and x.location.name == "Vuhledar"
    assert x.outlet_names == ("Kyiv Independent", "Meduza")
    assert reads.incident(store, "inc-missing") is None
    assert links.pending(store) == []
    check_integrity(store)


def test_incident_events_and_links_read_back(store, linker):
    assert [e.id for e in reads.incident_events(store, X)] == ["a:0:desertion", "a:80:desertion", "b:0:desertion"]
    found = reads.incident_links(store, X)
    kinds = {(x.a, x.b): x.kind for x in found}
    assert kinds[("a:0:desertion", "a:80:desertion")] == "article"
    assert kinds[("a:0:desertion", "b:0:desertion")] == "cross"
    cross = next(x for x in found if (x.a, x.b) == ("a:0:desertion", "b:0:desertion"))
    assert "same place (Vuhledar)" in cross.reasons
    assert reads.incident_links(store, C) == []
    assert reads.incident_of(store, ["a:80:desertion", "c:0:desertion", "nope"]) == {"a:80:desertion": X, "c:0:desertion": C}


@pytest.mark.parametrize(
    "filters, expected",
    [
        (IncidentFilter(), [B, X, C]),  # most origins first
        (IncidentFilter(type="refusal_to_fight"), [B]),
        (IncidentFilter(type="surrender"), []),
        (IncidentFilter(min_origins=2), [B, X]),
        (IncidentFilter(min_origins=3), [B]),
        (IncidentFilter(doc="b"), [X]),
        (IncidentFilter(doc="q"), [B]),
        (IncidentFilter(since="2024-05-01"), [B, C]),
        (IncidentFilter(until="2024-03-31"), [X]),
        (IncidentFilter(since="2024-05", until="2024-05"), [B]),
        (IncidentFilter(side="RUSSIA"), [X, C]),
        (IncidentFilter(unit="155th"), [X, C]),
        (IncidentFilter(place="pavlivka"), [B]),
        (IncidentFilter(place="Donetsk"), [B, X, C]),
        (IncidentFilter(evidence="asserted"), [B, X, C]),
        (IncidentFilter(q="Vuhledar sector"), [X]),
        (IncidentFilter(type="desertion", min_origins=2, since="2024-03"), [X]),
    ],
)
def test_incident_filters(store, linker, filters, expected):
    assert ids(reads.incidents(store, filters)) == expected


def test_limit_and_offset(store, linker):
    assert ids(reads.incidents(store, limit=1)) == [B]
    assert ids(reads.incidents(store, limit=1, offset=1)) == [X]


def test_replacing_an_article_rewrites_its_incidents(store, linker):
    (b, [old]) = reports()[1]
    moved = dataclasses.replace(old, location=KUPIANSK, date=day("2024-08-10"), text="A dozen servicemen fled near Kupiansk.")
    assert store.save(Extraction(b, (moved,))) == "replaced"
    assert links.pending(store) == ["b"]
    assert links.link_pending(store, linker) == 1
    x = reads.incident(store, X)
    assert x is not None and x.docs == ("a",) and x.reports == 1
    alone = reads.incident(store, incident_id("b:0:desertion"))
    assert alone is not None and alone.location is not None and alone.location.name == "Kupiansk"
    assert rows(store, "SELECT count(*) FROM links WHERE doc_a = 'b' OR doc_b = 'b'") == [(0,)]
    check_integrity(store)


def test_replacing_the_bridge_splits_the_incident(store, linker):
    (q, [old]) = bridge()[1]
    unrelated = dataclasses.replace(old, type="supply_shortage", text="The brigade ran short of shells.")
    store.save(Extraction(q, (unrelated,)))
    links.link_pending(store, linker)
    assert reads.incident(store, B).docs == ("p",)
    assert reads.incident(store, incident_id("r:0:refusal_to_fight")).docs == ("r",)
    assert reads.incident(store, incident_id("q:0:supply_shortage")).type == "supply_shortage"
    assert len(ids(reads.incidents(store))) == 5
    check_integrity(store)


def test_deleting_an_article_forgets_it(store, linker):
    assert store.delete("q")
    assert links.orphans(store, linker) == ["q"]
    links.link_pending(store, linker)
    assert reads.incident(store, B).docs == ("p",)
    assert reads.incident(store, incident_id("r:0:refusal_to_fight")).docs == ("r",)
    for table, column in (("links", "doc_a"), ("links", "doc_b"), ("incident_events", "doc"), ("linked", "doc")):
        assert rows(store, f"SELECT count(*) FROM {table} WHERE {column} = 'q'") == [(0,)]
    assert not linker.has("q")
    check_integrity(store)


def test_deleting_an_article_alone_in_its_incident_drops_the_incident(store, linker):
    assert store.delete("c")
    links.link_pending(store, linker)
    assert reads.incident(store, C) is None
    check_integrity(store)


def test_link_article_of_an_unknown_doc(store, linker):
    assert links.link_article(store, linker, "nowhere") is None


def test_load_linker_restores_the_same_incidents(store, linker):
    restored = links.load_linker(store)
    assert {r: sorted(m) for r, m in restored.groups().items()} == {r: sorted(m) for r, m in linker.groups().items()}
    assert links.link_pending(store, restored) == 0


def test_relink_gives_the_same_incidents(store, linker):
    before = {i.id: i for i in reads.incidents(store)}
    links.relink(store)
    after = {i.id: i for i in reads.incidents(store)}
    assert after == before
    check_integrity(store)


def test_incremental_linking_equals_batch_linking(tmp_path):
    pairs = reports()[:3] + bridge()
    with Store.open(tmp_path / "batch.db") as batch:
        save_all(batch, pairs)
        links.link_pending(batch, links.load_linker(batch))
        expected = {i.id: i for i in reads.incidents(batch)}
    with Store.open(tmp_path / "one.db") as one:
        for pair in reversed(pairs):  # newest first, a fresh linker from the store each time
            save_all(one, [pair])
            links.link_pending(one, links.load_linker(one))
        assert {i.id: i for i in reads.incidents(one)} == expected
        check_integrity(one)


def _wire_pairs():
    text = "Relatives of mobilized men demanded that their husbands and sons be rotated home."
    return [
        (article("w1", "Agency", "2024-03-05", WIRE), [event("w1", 0, text, type="collective_complaint")]),
        (article("w2", "Reprinter", "2024-03-06", EDITED), [event("w2", 0, text, type="collective_complaint")]),
    ]


def test_a_copy_is_stored_with_its_original(tmp_path):
    with Store.open(tmp_path / "copy.db") as store:
        save_all(store, _wire_pairs())
        links.link_pending(store, links.load_linker(store))
        assert reads.copies(store) == {"w2": "w1"}
        (found,) = reads.incidents(store)
        assert (found.reports, found.copies, found.origins) == (2, 1, 1)


def test_a_copy_linked_before_its_original_is_stored(tmp_path):
    first, second = _wire_pairs()[1], _wire_pairs()[0]
    with Store.open(tmp_path / "copy.db") as store:
        for pair in (first, second):
            save_all(store, [pair])
            links.link_pending(store, links.load_linker(store))
        assert reads.copies(store) == {"w2": "w1"}


def test_entities_merge_wordings(store, linker):
    assert reads.refresh_entities(store) > 0
    (unit,) = reads.entities(store, kind="unit", q="155th")
    assert unit["key"] == "unit:155-brigade"
    assert set(unit["aliases"]) == {"155th Brigade", "155th Separate Guards Marine Brigade", "155th Marine Brigade"}
    assert unit["events"] == 4
    assert not unit["user"]
    places = {e["key"] for e in reads.entities(store, kind="place")}
    assert {"place:geonames:1", "place:geonames:2"} <= places
    outlets = {e["name"] for e in reads.entities(store, kind="outlet")}
    assert {"Meduza", "Kyiv Independent", "Astra"} <= outlets
    assert reads.entities(store, limit=1)[0]["events"] >= 4


def _tables(store: Store) -> dict[str, list[tuple]]:
    queries = {
        "links": "SELECT a, b, doc_a, doc_b, kind, score, reasons FROM links ORDER BY a, b",
        "copies": "SELECT doc, original, containment FROM copies ORDER BY doc",
        "incidents": "SELECT * FROM incidents ORDER BY id",
        "members": "SELECT event, incident, doc FROM incident_events ORDER BY event",
        "linked": "SELECT doc, digest FROM linked ORDER BY doc",
    }
    return {name: rows(store, sql) for name, sql in queries.items()}


def test_deferred_writes_equal_one_transaction_an_article(tmp_path):
    """Linking a batch in memory and writing it once stores what linking each article alone does,
    also when an article of the batch is replaced after others linked to its old events."""
    pairs = reports()[:3] + bridge() + _wire_pairs()
    (a, a_events), (b, b_events) = pairs[:2]
    # b is linked again, to a's two events; then a is replaced by a version that keeps one of them
    changed = [(dataclasses.replace(b, text=b.text + " Updated."), b_events), (a, a_events[1:])]
    found = {}
    for mode in ("alone", "deferred"):
        with Store.open(tmp_path / f"{mode}.db") as store:
            linker = links.load_linker(store)
            deferred = links.Deferred(store, linker)
            for i, (art, events) in enumerate([*pairs, *changed]):
                if i == len(pairs):  # a second batch
                    deferred.flush()
                store.save(Extraction(art, tuple(events)))
                if mode == "alone":
                    links.link_article(store, linker, art.id)
                else:
                    deferred.link(art.id)
            deferred.flush()
            check_integrity(store)
            found[mode] = _tables(store)
    assert found["deferred"] == found["alone"]
    assert found["alone"]["links"] and found["alone"]["copies"] and len(found["alone"]["linked"]) == len(pairs)


def test_an_article_joining_an_incident_writes_only_its_own_membership_rows(store, linker):
    """The rows naming each event's incident are written when they change: another report of X adds
    its own row, and the rows of X's earlier members stay as they were (same rowid), as do the others."""
    before = {event: (rowid, incident) for rowid, event, incident in rows(store, "SELECT rowid, event, incident FROM incident_events")}
    e = article("e", "Suspilne", "2024-03-07")
    joining = event("e", 0, "Servicemen of the 155th Marine Brigade fled the Vuhledar sector on Saturday.",
                    unit="155th Marine Brigade", location=VUHLEDAR, date=day("2024-03-02"), side="russia")  # fmt: skip
    save_all(store, [(e, [joining])])
    assert links.link_pending(store, linker) == 1
    after = {event: (rowid, incident) for rowid, event, incident in rows(store, "SELECT rowid, event, incident FROM incident_events")}
    assert after.pop("e:0:desertion")[1] == X
    assert after == before
    assert reads.incident(store, X).docs == ("a", "b", "e")
    check_integrity(store)
