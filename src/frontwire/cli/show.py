"""`frontwire show`: one event, its sentence with the extracted fields marked."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

import click

from frontwire.cli.common import global_options, open_store, settings, stdout_is_tty
from frontwire.errors import FrontwireError
from frontwire.export import article_row, event_row, quote_row
from frontwire.model import Article, Event, Quote
from frontwire.store.incident_reads import incident_of

SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n+")
Mark = tuple[str, int, int]


def marks(event: Event) -> list[Mark]:
    """Field spans inside the sentence, relative to it, outermost first, overlaps dropped."""
    found = [(p.field, p.start, p.end) for p in event.provenance]
    fields = {f for f, _, _ in found}
    if event.location and "location" not in fields:
        found.append(("location", *event.location.span))
    if event.date and event.date.span and "date" not in fields:
        found.append(("date", *event.date.span))
    start, end = event.span
    inside = sorted(
        ((f, s - start, e - start) for f, s, e in found if start <= s < e <= end),
        key=lambda m: (m[1], -m[2]),
    )
    kept: list[Mark] = []
    for mark in inside:
        if not kept or mark[1] >= kept[-1][2]:
            kept.append(mark)
    return kept


def marked(text: str, spans: Iterable[Mark], *, style: Callable[[str, str], str] | None = None) -> str:
    """``text`` with each span written ``[field: words]``, or styled by ``style(field, words)``."""
    style = style or (lambda field, words: f"[{field}: {words}]")
    out, pos = [], 0
    for field, start, end in spans:
        out.append(text[pos:start])
        out.append(style(field, text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def ansi(field: str, words: str) -> str:
    return click.style(words, bold=True) + click.style(f"[{field}]", dim=True)


def chain(event: Event, outlet: str | None) -> str:
    """The path of the claim, from origin to the outlet."""
    steps = list(event.chain) or [s for s in (event.origin, event.source) if s]
    if outlet and (not steps or steps[-1] != outlet):
        steps.append(outlet)
    deduped = [s for i, s in enumerate(steps) if i == 0 or s != steps[i - 1]]
    return " -> ".join(deduped) if deduped else "-"


def nearby(text: str, span: tuple[int, int], quotes: Iterable[Quote]) -> list[Quote]:
    """Quotes overlapping the sentence or the one before or after it."""
    starts = [0] + [m.end() for m in SENTENCE_END.finditer(text)]
    here = max(bisect.bisect_right(starts, span[0]) - 1, 0)
    low = starts[max(here - 1, 0)]
    after = bisect.bisect_left(starts, span[1])
    high = starts[after + 1] if after + 1 < len(starts) else len(text)
    return [q for q in quotes if q.span[0] < high and q.span[1] > low]


def place_text(event: Event) -> str:
    place = event.location
    if place is None:
        return "-"
    parts = [place.name] + [p for p in (place.admin1, place.country) if p and p != place.name]
    where = ", ".join(parts)
    if place.lat is not None and place.lon is not None:
        where += f" ({place.lat:.4f}, {place.lon:.4f})"
    return where + (f" [{place.gazetteer_id}]" if place.gazetteer_id else "")


def date_text(event: Event) -> str:
    date = event.date
    if date is None:
        return "-"
    detail = date.precision + (f", {date.text!r}" if date.text else "")
    return f"{date.value} ({detail})"


def report(event: Event, article: Article | None, quotes: list[Quote], *, tty: bool) -> str:
    """The human-readable view of one event."""
    count = "-" if event.count is None else f"{event.count:g} {event.count_unit or ''}".rstrip()
    lines = [
        f"{event.id}",
        f"{event.type}  ({event.evidence}, confidence {event.confidence:.2f})",
        "",
        marked(event.text, marks(event), style=ansi if tty else None),
        "",
        f"side      {event.side or '-'}",
        f"actor     {event.actor or '-'}",
        f"unit      {event.unit or '-'}",
        f"place     {place_text(event)}",
        f"date      {date_text(event)}",
        f"count     {count}",
        f"cue       {event.cue or '-'}",
        f"source    {event.source or '-'}",
        f"chain     {chain(event, article.outlet if article else None)}",
    ]
    if article is not None:
        published = article.published or "undated"
        lines.append(f"article   {article.id}  {article.outlet or '-'}  {published}  {article.title or ''}".rstrip())
    if quotes:
        lines += ["", "quotes nearby"]
        for quote in quotes:
            who = f"{quote.speaker} ({quote.speaker_type})" if quote.speaker else f"unattributed ({quote.speaker_type})"
            lines.append(f"  “{' '.join(quote.text.split())}” — {who}")
    return "\n".join(lines)


def json_report(event: Event, article: Article | None, quotes: list[Quote], incident: str | None = None) -> dict[str, Any]:
    return {
        "event": event_row(event, incident=incident),
        "marks": [{"field": f, "start": s + event.span[0], "end": e + event.span[0]} for f, s, e in marks(event)],
        "chain": chain(event, article.outlet if article else None).split(" -> "),
        "article": article_row(article, text=False) if article else None,
        "quotes": [quote_row(q) for q in quotes],
    }


@click.command("show")
@click.argument("what", metavar="[event|incident] ID")
@click.argument("ident", required=False, metavar="")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@global_options
@click.pass_context
def command(ctx: click.Context, what: str, ident: str | None, fmt: str) -> None:
    """Show one event (doc:offset:type, as `frontwire events` lists it) or one incident.

    `frontwire show incident ID` gives the incident's reports in time order,
    the chains of sources as a tree and the reasons for each link.
    """
    options = settings(ctx)
    if ident is None:
        what, ident = "event", what
    elif what not in ("event", "incident"):
        raise click.UsageError(f"show what? 'event' or 'incident', not {what!r}")
    if what == "incident":
        show_incident(options, ident, fmt)
    else:
        show_event(options, ident, fmt)


def show_incident(options, incident_id: str, fmt: str) -> None:
    from frontwire.cli import incident_view
    from frontwire.store import incident_reads

    with open_store(options) as store:
        incident = incident_reads.incident(store, incident_id)
        if incident is None:
            raise FrontwireError(f"no incident with id {incident_id!r}; `frontwire incidents` lists them", code="not-found")
        events = incident_reads.incident_events(store, incident_id)
        articles = {doc: store.article(doc) for doc in incident.docs}
        articles = {doc: a for doc, a in articles.items() if a is not None}
        copies = incident_reads.copies(store)
        links = incident_reads.incident_links(store, incident_id)
    if fmt == "json":
        report_json = incident_view.json_report(incident, events, articles, copies, links)
        click.echo(json.dumps(report_json, ensure_ascii=False, indent=2))
    else:
        click.echo(incident_view.report(incident, events, articles, copies, links))


def show_event(options, event_id: str, fmt: str) -> None:
    with open_store(options) as store:
        event = store.event(event_id)
        if event is None:
            raise FrontwireError(f"no event with id {event_id!r}; `frontwire events` lists them", code="not-found")
        article = store.article(event.doc)
        quotes = nearby(article.text, event.span, store.quotes(doc=event.doc)) if article else []
        incident = incident_of(store, [event.id]).get(event.id)
    if fmt == "json":
        click.echo(json.dumps(json_report(event, article, quotes, incident), ensure_ascii=False, indent=2))
    else:
        text = report(event, article, quotes, tty=stdout_is_tty())
        click.echo(text + (f"\nincident  {incident}  (frontwire show incident {incident})" if incident else ""))
