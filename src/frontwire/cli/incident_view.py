"""`frontwire show incident ID`: the reports in time order, the source chains as a tree, the links' reasons."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from frontwire.cli.render import truncate
from frontwire.export import event_row, incident_row
from frontwire.export.chains import Tree, chain_tree
from frontwire.export.incidents import plural
from frontwire.link import Link
from frontwire.model import Article, Event, Incident


def tree_lines(tree: Tree, prefix: str = "") -> list[str]:
    """A tree drawn with box characters, one node per line."""
    lines = []
    items = list(tree.items())
    for i, (name, children) in enumerate(items):
        last = i == len(items) - 1
        lines.append(prefix + ("└─ " if last else "├─ ") + name)
        lines.extend(tree_lines(children, prefix + ("   " if last else "│  ")))
    return lines


def report(incident: Incident, events: list[Event], articles: Mapping[str, Article], copies: Mapping[str, str],
           links: list[Link]) -> str:  # fmt: skip
    """The human-readable view of one incident."""
    place = incident.location
    where = "-"
    if place is not None:
        where = ", ".join([place.name] + [p for p in (place.admin1, place.country) if p and p != place.name])
        if place.lat is not None and place.lon is not None:
            where += f" ({place.lat:.4f}, {place.lon:.4f})"
    date = f"{incident.date.value} ({incident.date.precision})" if incident.date else "-"
    lines = [
        f"{incident.id}  {incident.type}",
        f"{plural(incident.reports, 'report')} by {plural(incident.outlets, 'outlet')},"
        f" {plural(incident.origins, 'independent origin')} ({plural(incident.copies, 'syndicated copy')});"
        f" strongest evidence: {incident.evidence}"
        + ("; denied in some reports" if incident.denied else ""),
        f"date      {date}",
        f"side      {incident.side or '-'}",
        f"unit      {incident.unit or '-'}",
        f"place     {where}",
        f"origins   {', '.join(incident.origin_names) or '-'}",
        "",
        "reports",
    ]
    for event in events:
        article = articles.get(event.doc)
        published = (article.published if article else None) or "undated"
        outlet = (article.outlet if article else None) or "-"
        copy = f" (copy of {copies[event.doc]})" if event.doc in copies else ""
        lines.append(f"  {published}  {truncate(outlet, 24):24}  {event.id}{copy}  [{event.evidence}]")
        lines.append(f"      {truncate(event.text, 150)}")
    lines += ["", "source chains (origin -> ... -> outlet -> article)"]
    lines += ["  " + line for line in tree_lines(chain_tree(events, articles, copies))]
    if links:
        lines += ["", "why these reports are linked"]
        for found in links:
            lines.append(f"  {found.a}  ~  {found.b}  ({found.kind}, score {found.score:g})")
            lines.append(f"      {'; '.join(found.reasons)}")
    return "\n".join(lines)


def json_report(incident: Incident, events: list[Event], articles: Mapping[str, Article], copies: Mapping[str, str],
                links: list[Link]) -> dict[str, Any]:  # fmt: skip
    return {
        "incident": incident_row(incident),
        "reports": [
            dict(event_row(e, incident=incident.id), outlet=articles[e.doc].outlet if e.doc in articles else None,
                 published=articles[e.doc].published if e.doc in articles else None, copy_of=copies.get(e.doc))
            for e in events
        ],  # fmt: skip
        "chains": chain_tree(events, articles, copies),
        "links": [{"a": x.a, "b": x.b, "kind": x.kind, "score": x.score, "reasons": list(x.reasons)} for x in links],
    }
