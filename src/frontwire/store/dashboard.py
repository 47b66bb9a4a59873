"""Aggregate reads for the dashboard: facet counts, map groups, a weekly timeline, units over time.

A :class:`Selection` matches each incident's own summary (its type, side,
evidence, unit and dates), so every count on a page adds up to the list
beside it. (``frontwire incidents`` matches any report instead.) Full-text
search keeps incidents with a report whose article matches.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Any

from frontwire.store.db import Store
from frontwire.store.reads import date_bound, like

FACETS: tuple[str, ...] = ("type", "side", "evidence", "unit")
MATCHED = (  # incidents with a report in an article that matches the full-text query
    "SELECT DISTINCT i.pk FROM incidents i JOIN incident_events ie ON ie.incident = i.id JOIN articles a ON a.id = ie.doc"
    " WHERE a.pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
)
UNKNOWN = "unknown"  # the facet value of an incident without a side
UNIT_KEY_PREFIX = "unit:"
PLACE_COLUMNS = ("location", "admin1", "country")
DAY = "coalesce(i.date_start, i.first_report)"
WEEK = f"date({DAY}, 'weekday 0', '-6 days')"  # the Monday of the week
MONTH = f"substr({DAY}, 1, 7)"
SORTS: dict[str, str] = {
    "corroboration": "i.origins DESC, i.reports DESC, i.first_report DESC, i.id",
    "recent": f"{DAY} DESC, i.origins DESC, i.id",
    "oldest": f"{DAY}, i.origins DESC, i.id",
    "reports": "i.reports DESC, i.origins DESC, i.first_report DESC, i.id",
}
LIST_COLUMNS = (
    "i.id, i.type, i.reports, i.outlets, i.origins, i.copies, i.evidence, i.denied, i.first_report, i.last_report,"
    " i.date_start, i.date_end, i.date_precision, i.side, i.unit, i.location, i.country, i.admin1, i.lat, i.lon,"
    " i.text"
)


@dataclass(frozen=True, slots=True)
class Selection:
    """What the dashboard shows; every field optional. Values within a facet are alternatives."""

    types: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()  # exact, any case; "unknown" is an incident without a side
    evidence: tuple[str, ...] = ()
    unit: str | None = None  # a unit entity key ("unit:155-brigade") or words in the unit's name
    place: str | None = None  # words in the location, admin1 or country
    since: str | None = None  # YYYY[-MM[-DD]]
    until: str | None = None
    min_origins: int | None = None
    q: str | None = None  # an FTS5 query over the reports' articles
    # filled in by :func:`resolve`, so that each query of a page does not redo the matching
    found: tuple[int, ...] | None = None  # the incidents ``q`` matched (row keys)
    place_names: tuple[str, ...] | None = None  # the location, admin1 and country values ``place`` matches
    unit_names: tuple[str, ...] | None = None  # the unit wordings ``unit`` (as words) matches

    def without(self, facet: str) -> Selection:
        """The same selection with one facet open, for counting that facet's values."""
        field = {"type": "types", "side": "sides", "evidence": "evidence", "unit": "unit"}[facet]
        return replace(self, **{field: None if facet == "unit" else ()})


def where(selection: Selection) -> tuple[str, list]:
    """A WHERE clause over ``incidents i`` (with a leading ``WHERE`` when not empty) and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(clause: str, *values: Any) -> None:
        clauses.append(clause)
        params.extend(values)

    def one_of(column: str, values: tuple[str, ...]) -> str:
        return f"{column} IN ({', '.join('?' * len(values))})"

    if selection.types:
        add(one_of("i.type", selection.types), *selection.types)
    if selection.sides:
        named = tuple(s.casefold() for s in selection.sides if s != UNKNOWN)
        parts = [one_of("fold(i.side)", named)] if named else []
        if UNKNOWN in selection.sides:
            parts.append("i.side IS NULL")
        add("(" + " OR ".join(parts) + ")", *named)
    if selection.evidence:
        add(one_of("i.evidence", selection.evidence), *selection.evidence)
    if selection.unit is not None:
        if selection.unit.startswith(UNIT_KEY_PREFIX):
            wording = selection.unit[len(UNIT_KEY_PREFIX) :]  # a unit no entity row covers stands for itself
            add("(i.unit IN (SELECT alias FROM entity_aliases WHERE entity = ?) OR i.unit = ?)", selection.unit, wording)
        elif selection.unit_names is not None:
            add("i.unit IN (SELECT value FROM json_each(?))", json.dumps(selection.unit_names))
        else:
            add(r"fold(i.unit) LIKE ? ESCAPE '\'", like(selection.unit))
    if selection.place is not None:
        if selection.place_names is not None:
            names = json.dumps(selection.place_names)
            add("(" + " OR ".join(f"i.{c} IN (SELECT value FROM json_each(?))" for c in PLACE_COLUMNS) + ")", names, names, names)
        else:
            term = like(selection.place)
            add("(" + " OR ".join(f"fold(i.{c}) LIKE ? ESCAPE '\\'" for c in PLACE_COLUMNS) + ")", term, term, term)
    if selection.since is not None:
        add("coalesce(i.date_end, i.last_report) >= ?", date_bound(selection.since))
    if selection.until is not None:
        add(f"{DAY} <= ?", date_bound(selection.until, end=True))
    if selection.min_origins is not None:
        add("i.origins >= ?", selection.min_origins)
    if selection.found is not None:
        add("i.pk IN (SELECT value FROM json_each(?))", json.dumps(selection.found))
    elif selection.q is not None:
        add(f"i.pk IN ({MATCHED})", selection.q)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def resolve(store: Store, selection: Selection) -> Selection:
    """The selection with its text matching done once: the full-text query's incidents, and the
    place and unit values whose words contain ``place`` and ``unit``. Every query of a page reuses them.
    A full-text query that cannot be parsed raises a ConfigError.
    """
    changes: dict[str, Any] = {}
    if selection.q is not None and selection.found is None:
        store._check_search(selection.q)
        changes["found"] = tuple(row[0] for row in store._query(MATCHED, [selection.q]))
    if selection.place is not None and selection.place_names is None:
        changes["place_names"] = _matching(store, PLACE_COLUMNS, selection.place)
    if selection.unit is not None and not selection.unit.startswith(UNIT_KEY_PREFIX) and selection.unit_names is None:
        changes["unit_names"] = _matching(store, ("unit",), selection.unit)
    return replace(selection, **changes) if changes else selection


def _matching(store: Store, columns: tuple[str, ...], words: str) -> tuple[str, ...]:
    """The distinct incident values of ``columns`` that contain ``words`` in any case (as ``fold(...) LIKE`` would)."""
    term = words.casefold()
    values: set[str] = set()
    for column in columns:
        values.update(row[0] for row in store._query(f"SELECT DISTINCT {column} FROM incidents WHERE {column} IS NOT NULL"))
    return tuple(sorted(v for v in values if term in v.casefold()))


def _rows(store: Store, sql: str, params: list) -> list[dict[str, Any]]:
    return [dict(row) for row in store._query(sql, params)]


def total(store: Store, selection: Selection) -> int:
    clause, params = where(selection)
    return store._query(f"SELECT count(*) FROM incidents i{clause}", params).fetchone()[0]


def page(store: Store, selection: Selection, *, sort: str = "corroboration", limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """One page of incident rows (summary columns, no member lists)."""
    clause, params = where(selection)
    sql = f"SELECT {LIST_COLUMNS} FROM incidents i{clause} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?"
    rows = _rows(store, sql, [*params, limit, offset])
    for row in rows:
        row["denied"] = bool(row["denied"])
    return rows


def facets(store: Store, selection: Selection, *, units: int = 25) -> tuple[dict[str, list[dict[str, Any]]], int, int]:
    """Each facet's values with the incidents they would select, the other facets applied; the total; the unplaced.

    ``{"type": [{"value", "label", "count"}, ...], "side": ..., "evidence": ..., "unit": ...}``, most first;
    ``unit`` has the ``units`` most frequent unit entities. Type, side and evidence come from one
    grouped scan, counted here for each facet; ``unplaced`` counts selected incidents with no point.
    """
    base = replace(selection, types=(), sides=(), evidence=())
    clause, params = where(base)
    # unfiltered, the facets index covers the scan; filtered, reading its rows one by one costs twice a table scan
    hint = " NOT INDEXED" if clause else ""
    sql = f"SELECT i.type, i.side, i.evidence, i.lat IS NULL AS unplaced, count(*) FROM incidents i{hint}{clause} GROUP BY 1, 2, 3, 4"
    cube = [(t, side if side is not None else UNKNOWN, ev, unplaced, n) for t, side, ev, unplaced, n in store._query(sql, params)]
    sides = {s.casefold() for s in selection.sides}
    keep = {
        "type": lambda row: not selection.types or row[0] in selection.types,
        "side": lambda row: not sides or row[1].casefold() in sides,
        "evidence": lambda row: not selection.evidence or row[2] in selection.evidence,
    }
    out: dict[str, list[dict[str, Any]]] = {}
    for position, facet in enumerate(("type", "side", "evidence")):
        others = [test for name, test in keep.items() if name != facet]
        counts: Counter[str] = Counter()
        for row in cube:
            if all(test(row) for test in others):
                counts[row[position]] += row[4]
        out[facet] = [{"value": v, "label": v, "count": n} for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    chosen = [row for row in cube if all(test(row) for test in keep.values())]
    out["unit"] = unit_counts(store, selection.without("unit"))[:units]
    return out, sum(row[4] for row in chosen), sum(row[4] for row in chosen if row[3])


def unit_counts(store: Store, selection: Selection) -> list[dict[str, Any]]:
    """Incidents per unit entity (by the wording of each incident's unit), most first."""
    clause, params = where(selection)
    clause = clause + (" AND" if clause else " WHERE") + " i.unit IS NOT NULL"
    sql = (
        "SELECT coalesce(ea.entity, 'unit:' || i.unit) AS value, coalesce(en.name, i.unit) AS label, count(*) AS n"
        f" FROM incidents i LEFT JOIN entity_aliases ea ON ea.alias = i.unit AND ea.entity >= 'unit:' AND ea.entity < 'unit;'"
        f" LEFT JOIN entities en ON en.key = ea.entity{clause} GROUP BY value ORDER BY n DESC, value"
    )
    return [{"value": r["value"], "label": r["label"], "count": r["n"]} for r in store._query(sql, params)]


def map_groups(store: Store, selection: Selection, *, limit: int = 2000) -> list[dict[str, Any]]:
    """Placed incidents grouped by point and type, the most reported first.

    Each group: ``{"lat", "lon", "location", "type", "incidents", "reports", "origins"}`` (origins: the most
    any of them has).
    """
    clause, params = where(selection)
    placed = clause + (" AND" if clause else " WHERE") + " i.lat IS NOT NULL AND i.lon IS NOT NULL"
    hint = " NOT INDEXED" if where(replace(selection, types=()))[0] else ""  # as in facets: the place index covers types only
    sql = (
        "SELECT i.lat AS lat, i.lon AS lon, min(i.location) AS location, i.type AS type, count(*) AS incidents,"
        f" sum(i.reports) AS reports, max(i.origins) AS origins FROM incidents i{hint}{placed}"
        " GROUP BY i.lat, i.lon, i.type ORDER BY reports DESC, incidents DESC, lat, lon, type LIMIT ?"
    )
    return _rows(store, sql, [*params, limit])


def timeline(store: Store, selection: Selection) -> list[dict[str, Any]]:
    """Incidents per week (the Monday) and type, by the incident's date or else its first report."""
    clause, params = where(selection)
    dated = clause + (" AND" if clause else " WHERE") + f" {DAY} IS NOT NULL"
    sql = f"SELECT {WEEK} AS week, i.type AS type, count(*) AS n FROM incidents i{dated} GROUP BY week, type ORDER BY week, type"
    return [{"week": r["week"], "type": r["type"], "count": r["n"]} for r in store._query(sql, params) if r["week"]]


def units(store: Store, selection: Selection, *, limit: int = 25, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Unit entities with their incidents over time, the most incidents first; and how many units there are.

    Each unit: ``{"key", "name", "aliases", "incidents": n, "reports", "first", "last",
    "items": [{"id", "type", "day", "reports", "origins", "location"}, ...]}`` with items in date order.
    """
    ranked = unit_counts(store, selection)
    chosen = ranked[offset : offset + limit]
    if not chosen:
        return [], len(ranked)
    keys = [u["value"] for u in chosen]
    marks = ", ".join("?" * len(keys))
    wordings: dict[str, list[str]] = defaultdict(list)
    for row in store._query(f"SELECT entity, alias FROM entity_aliases WHERE entity IN ({marks}) ORDER BY events DESC, alias", keys):
        wordings[row["entity"]].append(row["alias"])
    for key in keys:  # a wording no entity row covers stands for itself
        if not wordings[key]:
            wordings[key].append(key[len(UNIT_KEY_PREFIX):])
    owner = {alias: key for key, aliases in wordings.items() for alias in aliases}
    clause, params = where(selection)
    aliases = list(owner)
    found = clause + (" AND" if clause else " WHERE") + f" i.unit IN ({', '.join('?' * len(aliases))})"
    sql = (
        f"SELECT i.id AS id, i.type AS type, {DAY} AS day, i.reports AS reports, i.origins AS origins,"
        f" i.location AS location, i.unit AS unit FROM incidents i{found} ORDER BY day, i.id"
    )
    items: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store._query(sql, [*params, *aliases]):
        item = dict(row)
        items[owner[item.pop("unit")]].append(item)
    out = []
    for unit in chosen:
        mine = items[unit["value"]]
        days = [i["day"] for i in mine if i["day"]]
        out.append({
            "key": unit["value"], "name": unit["label"], "aliases": wordings[unit["value"]], "incidents": len(mine),
            "reports": sum(i["reports"] for i in mine), "first": min(days, default=None), "last": max(days, default=None),
            "items": mine,
        })  # fmt: skip
    return out, len(ranked)


def count_all(store: Store) -> int:
    """Incidents in the store."""
    return store._query("SELECT count(*) FROM incidents").fetchone()[0]


def article_meta(store: Store, docs: list[str]) -> dict[str, dict[str, Any]]:
    """Doc -> ``{"id", "outlet", "published", "title", "url"}`` (no text), for the docs that exist."""
    rows = store._query_in("SELECT id, outlet, published, title, url FROM articles WHERE id IN ({marks})", docs)
    return {row["id"]: dict(row) for row in rows}


def copies_of(store: Store, docs: list[str]) -> dict[str, str]:
    """Copy doc -> its original, for those of ``docs`` that are syndicated copies."""
    return {row["doc"]: row["original"] for row in store._query_in("SELECT doc, original FROM copies WHERE doc IN ({marks})", docs)}
