"""Reading incidents, their links and the canonical entities back from the store."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from frontwire.link import Aliases, Link
from frontwire.link.entities import fold, outlet_key, party_kind
from frontwire.link.incidents import origin_key
from frontwire.model import Event, Incident
from frontwire.store import codec
from frontwire.store.db import Store
from frontwire.store.incidents import IncidentFilter, incident_from, link_from, user_aliases
from frontwire.store.reads import date_bound, like


def incident_where(filters: IncidentFilter) -> tuple[str, list]:
    """WHERE clause and parameters over ``incidents i``.

    ``unit``, ``place``, ``since`` and ``until`` match the incident's summary
    or any of its reports, so they find what ``events`` finds.
    """
    clauses: list[str] = []
    params: list = []

    def add(clause: str, *values: object) -> None:
        clauses.append(clause)
        params.extend(values)

    if filters.type is not None:
        add("i.type = ?", filters.type)
    if filters.evidence is not None:
        add("i.evidence = ?", filters.evidence)
    if filters.side is not None:
        add("fold(i.side) = ?", filters.side.casefold())
    member = "i.id IN (SELECT ie.incident FROM incident_events ie JOIN events e ON e.id = ie.event WHERE {})"
    if filters.unit is not None:
        term = like(filters.unit)
        add(r"(fold(i.unit) LIKE ? ESCAPE '\' OR " + member.format(r"fold(e.unit) LIKE ? ESCAPE '\'") + ")", term, term)
    if filters.place is not None:
        term = like(filters.place)
        where = r"fold({0}.location) LIKE ? ESCAPE '\' OR fold({0}.country) LIKE ? ESCAPE '\' OR fold({0}.admin1) LIKE ? ESCAPE '\'"
        add(f"({where.format('i')} OR {member.format(where.format('e'))})", *[term] * 6)
    if filters.since is not None:
        bound = date_bound(filters.since)
        add("(coalesce(i.date_end, i.last_report) >= ? OR " + member.format("e.date_end >= ?") + ")", bound, bound)
    if filters.until is not None:
        bound = date_bound(filters.until, end=True)
        add("(coalesce(i.date_start, i.first_report) <= ? OR " + member.format("e.date_start <= ?") + ")", bound, bound)
    if filters.min_origins is not None:
        add("i.origins >= ?", filters.min_origins)
    if filters.doc is not None:
        add("i.id IN (SELECT incident FROM incident_events WHERE doc = ?)", filters.doc)
    if filters.q is not None:
        add(
            r"i.id IN (SELECT ie.incident FROM incident_events ie JOIN events e ON e.id = ie.event"
            r" WHERE fold(e.text) LIKE ? ESCAPE '\' OR e.doc IN (SELECT a.id FROM articles a"
            " JOIN articles_fts ON articles_fts.rowid = a.pk WHERE articles_fts MATCH ?))",
            like(filters.q), filters.q,
        )  # fmt: skip
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def incidents(store: Store, filters: IncidentFilter = IncidentFilter(), *, limit: int | None = None, offset: int = 0) -> Iterator[Incident]:
    """Incidents matching every filter, the most independently corroborated first, then by first report."""
    if filters.q is not None:
        store._check_search(filters.q)
    where, params = incident_where(filters)
    sql = f"SELECT i.* FROM incidents i{where} ORDER BY i.origins DESC, i.reports DESC, i.first_report, i.id LIMIT ? OFFSET ?"
    rows = store._query(sql, [*params, -1 if limit is None else limit, offset]).fetchall()
    return iter([incident_from(row, _event_ids(store, row["id"])) for row in rows])


def _event_ids(store: Store, incident: str) -> tuple[str, ...]:
    sql = (
        "SELECT ie.event FROM incident_events ie LEFT JOIN articles a ON a.id = ie.doc"
        " LEFT JOIN events e ON e.id = ie.event WHERE ie.incident = ? ORDER BY a.published, ie.doc, e.span_start, ie.event"
    )
    return tuple(r["event"] for r in store._query(sql, (incident,)))


def incident(store: Store, id: str) -> Incident | None:
    row = store._query("SELECT * FROM incidents WHERE id = ?", (id,)).fetchone()
    return incident_from(row, _event_ids(store, id)) if row else None


def incident_events(store: Store, id: str) -> list[Event]:
    """The events of one incident, earliest report first."""
    sql = (
        "SELECT e.* FROM incident_events ie JOIN events e ON e.id = ie.event JOIN articles a ON a.id = e.doc"
        " WHERE ie.incident = ? ORDER BY a.published, e.doc, e.seq"
    )
    return [codec.event_from(r) for r in store._query(sql, (id,))]


def incident_links(store: Store, id: str, *, limit: int | None = None) -> list[Link]:
    """The links inside one incident, with their reasons, by kind and then the strongest first."""
    sql = (
        "SELECT l.* FROM links l JOIN incident_events ie ON ie.event = l.a WHERE ie.incident = ?"
        " ORDER BY l.kind, l.score DESC, l.a, l.b LIMIT ?"
    )
    return [link_from(r) for r in store._query(sql, (id, -1 if limit is None else limit))]


def incident_of(store: Store, event_ids: list[str]) -> dict[str, str]:
    """Event id -> incident id, for the events that have one."""
    rows = store._query_in("SELECT event, incident FROM incident_events WHERE event IN ({marks})", event_ids)
    return {r["event"]: r["incident"] for r in rows}


def copies(store: Store) -> dict[str, str]:
    """Syndicated copy doc -> its original doc."""
    return {r["doc"]: r["original"] for r in store._query("SELECT doc, original FROM copies")}


def _gather_entities(store: Store) -> list[dict]:
    """Canonical entities from the stored events and articles, the user's aliases applied."""
    aliases = user_aliases(store)
    seen: dict[str, Counter] = defaultdict(Counter)
    outlets = {outlet_key(r["outlet"]) for r in store._query("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL")}
    not_people = {fold(r["text"]) for r in store._query("SELECT DISTINCT text FROM mentions WHERE label IN ('PLACE', 'MEDIA', 'ORG', 'UNIT')")}
    for row in store._query("SELECT unit, location, gazetteer_id, origin, source FROM events"):
        if row["unit"]:
            seen[aliases.key("unit", row["unit"])][row["unit"]] += 1
        if row["location"]:
            seen[aliases.key("place", row["location"], gazetteer_id=row["gazetteer_id"])][row["location"]] += 1
        for party in {row["origin"], row["source"]} - {None}:
            seen[_party_key(aliases, party, outlets=outlets, not_people=not_people)][party] += 1
    for row in store._query("SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL GROUP BY outlet"):
        seen[aliases.key("outlet", row["outlet"])][row["outlet"]] += row["n"]
    out = []
    for key, wordings in seen.items():
        kind = key.split(":", 1)[0]
        user = next((aliases.canonical(kind, w) for w in wordings if aliases.canonical(kind, w)), None)
        name = user or max(wordings.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
        out.append({"key": key, "kind": kind, "name": name, "user": user is not None,
                    "events": sum(wordings.values()), "aliases": dict(wordings.most_common())})  # fmt: skip
    return out


def _party_key(aliases: Aliases, party: str, *, outlets: set[str], not_people: set[str]) -> str:
    """A source or origin as an entity: an outlet, a person by name, else a channel or body.

    The user's alias file decides first.
    """
    for kind in ("person", "channel", "outlet"):
        if aliases.canonical(kind, party):
            return aliases.key(kind, party)
    if outlet_key(party) in outlets:
        return outlet_key(party)
    if party_kind(party) == "person" and fold(party) not in not_people:
        return aliases.key("person", party)
    return "channel:" + (origin_key(party) or fold(party))


def refresh_entities(store: Store) -> int:
    """Rebuild the stored entity tables from the events and articles; the number of entities."""
    found = _gather_entities(store)
    with store._transaction() as conn:
        conn.execute("DELETE FROM entity_aliases")
        conn.execute("DELETE FROM entities")
        conn.executemany(
            "INSERT INTO entities (key, kind, name, user, events) VALUES (?, ?, ?, ?, ?)",
            [(e["key"], e["kind"], e["name"], int(e["user"]), e["events"]) for e in found],
        )
        conn.executemany(
            "INSERT INTO entity_aliases (entity, alias, events) VALUES (?, ?, ?)",
            [(e["key"], alias, n) for e in found for alias, n in e["aliases"].items()],
        )
    return len(found)


def entities(store: Store, *, kind: str | None = None, q: str | None = None, limit: int | None = None) -> list[dict]:
    """Stored entities, most frequent first: ``{"key", "kind", "name", "user", "events", "aliases": {wording: n}}``.

    ``q`` keeps those whose name or any wording contains it (any case).
    """
    clauses, params = [], []
    if kind is not None:
        clauses.append("e.kind = ?")
        params.append(kind)
    if q is not None:
        clauses.append(r"(fold(e.name) LIKE ? ESCAPE '\' OR e.key IN (SELECT entity FROM entity_aliases WHERE fold(alias) LIKE ? ESCAPE '\'))")
        params.extend([like(q), like(q)])
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = f"SELECT e.* FROM entities e{where} ORDER BY e.events DESC, e.key LIMIT ?"
    rows = store._query(sql, [*params, -1 if limit is None else limit]).fetchall()
    out = []
    for row in rows:
        wordings = store._query("SELECT alias, events FROM entity_aliases WHERE entity = ? ORDER BY events DESC, alias", (row["key"],))
        out.append({"key": row["key"], "kind": row["kind"], "name": row["name"], "user": bool(row["user"]),
                    "events": row["events"], "aliases": {w["alias"]: w["events"] for w in wordings}})  # fmt: skip
    return out
