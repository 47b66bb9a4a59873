"""What the incident and article pages show, read from the store as plain dicts (the JSON twins' bodies)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from frontwire.export import event_row, incident_row, quote_row
from frontwire.export.chains import chain_tree
from frontwire.model import Article, Event, Quote
from frontwire.serve.charts import chain_graph
from frontwire.serve.highlight import Mark, Segment, segments
from frontwire.store import Store
from frontwire.store import dashboard
from frontwire.store.dashboard import Selection, article_meta, copies_of
from frontwire.store.incident_reads import incident, incident_events, incident_links, incident_of

MAX_REPORTS = 100  # reports shown on an incident page; the figures count them all
MAX_LINKS = 100
RESOLVED = frozenset({"found", "place_names", "unit_names"})  # Selection fields resolve() fills in


def field_marks(event: Event) -> list[Mark]:
    """The extracted fields of an event as marks on the article text."""
    return [Mark(p.start, p.end, f"field:{p.field}") for p in event.provenance]


def paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the paragraph (between newlines) around ``start``..``end``."""
    return text.rfind("\n", 0, start) + 1, (text.find("\n", end) if text.find("\n", end) >= 0 else len(text))


def incident_view(store: Store, id: str, *, reports: int = MAX_REPORTS, links: int = MAX_LINKS) -> dict[str, Any] | None:
    """One incident: its figures, its reports in time order with fields and nearby quotes, the source chains, the links.

    At most ``reports`` reports and ``links`` links are listed; ``shown`` says how many of each.
    """
    found = incident(store, id)
    if found is None:
        return None
    events = incident_events(store, id)
    shown = events[:reports]
    docs = list(dict.fromkeys(e.doc for e in events))
    texts = {doc: store.article(doc) for doc in dict.fromkeys(e.doc for e in shown)}  # the shown reports' whole articles
    unshown = [doc for doc in docs if doc not in texts]
    articles = {doc: a for doc, a in texts.items() if a is not None}
    articles.update((doc, _stub(m)) for doc, m in article_meta(store, unshown).items())  # the rest: metadata only
    copies = copies_of(store, docs)
    chains = chain_tree(events, articles, copies)
    quotes: dict[str, list[Quote]] = {doc: list(store.quotes(doc=doc)) for doc in texts}
    out_reports = []
    for event in shown:
        article = articles.get(event.doc)
        near: list[Quote] = []
        if article is not None:
            lo, hi = paragraph(article.text, *event.span)
            near = [q for q in quotes[event.doc] if q.span[0] < max(hi, event.span[1]) and q.span[1] > min(lo, event.span[0])]
        out_reports.append({
            "event": event_row(event, incident=id),
            "outlet": article.outlet if article else None, "published": article.published if article else None,
            "title": article.title if article else None, "copy_of": copies.get(event.doc),
            "segments": [_segment_row(s) for s in segments(event.text, field_marks(event), offset=event.span[0])],
            "quotes": [quote_row(q) for q in near],
        })  # fmt: skip
    found_links = incident_links(store, id, limit=links)
    return {
        "incident": incident_row(found),
        "reports": out_reports,
        "shown": {"reports": len(shown), "of_reports": len(events), "links": len(found_links)},
        "chains": chain_graph(chains),
        "links": [{"a": x.a, "b": x.b, "kind": x.kind, "score": x.score, "reasons": list(x.reasons)} for x in found_links],
    }


def article_view(store: Store, doc: str) -> dict[str, Any] | None:
    """One article's text with every event and quote marked, each event with its incident."""
    extraction = store.extraction(doc)
    if extraction is None:
        return None
    article = extraction.article
    incidents = incident_of(store, [e.id for e in extraction.events])
    marks = [Mark(*e.span, f"event:{n}") for n, e in enumerate(extraction.events)]
    marks += [Mark(*q.span, f"quote:{n}") for n, q in enumerate(extraction.quotes)]
    marks += [m for e in extraction.events for m in field_marks(e)]
    copy = copies_of(store, [doc]).get(doc)
    return {
        "article": {"id": article.id, "outlet": article.outlet, "published": article.published, "title": article.title,
                    "url": article.url, "fmt": article.fmt, "copy_of": copy, "chars": len(article.text), "text": article.text},
        "events": [event_row(e, incident=incidents.get(e.id)) for e in extraction.events],
        "quotes": [quote_row(q) for q in extraction.quotes],
        "segments": [_segment_row(s) for s in segments(article.text, marks)],
        "warnings": list(extraction.warnings),
    }  # fmt: skip


def _segment_row(segment: Segment) -> dict[str, Any]:
    return {"text": segment.text, "start": segment.start, "tags": list(segment.tags), "opens": segment.opens, "closes": segment.closes}


def _stub(meta: dict[str, Any]) -> Article:
    """Article metadata as an Article without text (the chain tree needs only the outlet)."""
    return Article(meta["id"], "", outlet=meta["outlet"], published=meta["published"], title=meta["title"], url=meta["url"])


def overview_view(store: Store, selection: Selection, *, sort: str, limit: int, offset: int) -> dict[str, Any]:
    """The overview's body: the incidents under the selection as facets, map groups, weekly counts and one page."""
    resolved = dashboard.resolve(store, selection)
    facets, total, unplaced = dashboard.facets(store, resolved)
    return {
        "filters": selection_dict(selection),
        "total": total,
        "all_incidents": dashboard.count_all(store),
        "facets": facets,
        "map": dashboard.map_groups(store, resolved),
        "unplaced": unplaced,
        "timeline": dashboard.timeline(store, resolved),
        "incidents": dashboard.page(store, resolved, sort=sort, limit=limit, offset=offset),
        "page": {"total": total, "limit": limit, "offset": offset, "sort": sort},
    }


def units_view(store: Store, selection: Selection, *, limit: int, offset: int) -> dict[str, Any]:
    """Units with their incidents over time, under the selection."""
    found, total = dashboard.units(store, dashboard.resolve(store, selection), limit=limit, offset=offset)
    return {"filters": selection_dict(selection), "total": total, "limit": limit, "offset": offset, "units": found}


def selection_dict(selection: Selection) -> dict[str, Any]:
    """The filters in force as the user gave them (not what :func:`dashboard.resolve` matched), without the empty ones."""
    given = asdict(selection)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in given.items() if v not in (None, ()) and k not in RESOLVED}
