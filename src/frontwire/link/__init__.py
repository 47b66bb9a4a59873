"""Entities and incidents across articles: syndication, coreference, linking, corroboration.

``incidents(extractions)`` links a batch in memory; :class:`Linker` does the
same one article at a time, and the store keeps what it found
(``frontwire.store.links``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from frontwire.link.entities import Aliases, read_aliases
from frontwire.link.incidents import summarize
from frontwire.link.linker import Linker, Update, incident_id
from frontwire.link.score import Link
from frontwire.link.syndication import Copy
from frontwire.model import Event, Extraction, Incident


def incidents(extractions: Iterable[Extraction], *, aliases: Aliases | None = None) -> list[Incident]:
    """Link every event of these articles into incidents, earliest first report first."""
    linker = Linker(aliases=aliases)
    events: dict[str, Event] = {}
    for extraction in extractions:
        linker.add(extraction.article, extraction.events)
        events.update((e.id, e) for e in extraction.events)
    return summaries(linker, events)


def summaries(linker: Linker, events: Mapping[str, Event]) -> list[Incident]:
    """Every incident the linker holds, summarized from ``events`` (id -> Event)."""
    groups = linker.groups()
    docs = {events[e].doc for members in groups.values() for e in members}
    articles, copies = linker.articles_of(docs), linker.syndication.copies_among(docs)
    found = [summarize(incident_id(root), [events[e] for e in members], articles, copies) for root, members in groups.items()]
    return sorted(found, key=lambda i: (i.first_report or "9999", i.id))


__all__ = ["Aliases", "Copy", "Incident", "Link", "Linker", "Update", "incidents", "read_aliases", "summaries"]
