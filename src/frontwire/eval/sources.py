"""Where predictions come from: a fresh pipeline run on the corpus, or a store."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from frontwire.errors import InputError
from frontwire.eval.gold import Record
from frontwire.export.rows import event_row, quote_row
from frontwire.model import Article, DateRange, Event, Extraction, Place, Problem

if TYPE_CHECKING:
    from spacy.language import Language


def default_corpus(gold_path: str | Path) -> Path:
    """The corpus beside a gold file: ``<gold dir>/../corpus``."""
    return Path(gold_path).resolve().parent.parent / "corpus"


def record(extraction: Extraction, *, doc: str | None = None) -> Record:
    """One extraction as a per-document record of export rows (``doc`` overrides the id)."""
    doc = doc or extraction.article.id
    return {
        "doc": doc,
        "events": [dict(event_row(ev), doc=doc) for ev in extraction.events],
        "quotes": [dict(quote_row(q), doc=doc) for q in extraction.quotes],
    }


def articles(gold: Iterable[Record], corpus: str | Path) -> list[tuple[str, Article]]:
    """Read the article of every gold document from ``<corpus>/<doc>.txt`` (and its ``.json``)."""
    from frontwire import ingest

    corpus = Path(corpus)
    docs = [r["doc"] for r in gold]
    paths = [corpus / f"{doc}.txt" for doc in docs]
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        raise InputError(f"no corpus file for {', '.join(missing)}", where=str(corpus), code="missing")
    by_stem: dict[str, Article] = {}
    for item in ingest.read(paths):
        if isinstance(item, Problem):
            raise InputError(item.message, where=item.path, code=item.code)
        stem = Path(item.path).stem if item.path else item.id
        by_stem[stem] = item
    lost = [doc for doc in docs if doc not in by_stem]
    if lost:
        raise InputError(f"ingest returned no article for {', '.join(lost)}", where=str(corpus), code="missing")
    return [(doc, by_stem[doc]) for doc in docs]


def from_corpus(gold: Iterable[Record], corpus: str | Path, *, nlp: Language | None = None) -> list[Record]:
    """Run the whole pipeline on the gold's documents, link them, and return their records.

    Each event row carries its ``incident``; a syndicated copy's record carries ``copy_of``.
    """
    from frontwire import nlp as nlp_stage, pipeline
    from frontwire.link import Linker

    pairs = articles(gold, corpus)
    nlp = nlp or nlp_stage.load()
    extractions = list(pipeline.process_many([a for _, a in pairs], nlp))  # in input order
    linker = Linker()
    for extraction in extractions:
        linker.add(extraction.article, extraction.events)
    records = []
    for (doc, _), extraction in zip(pairs, extractions):
        rec = record(extraction, doc=doc)
        for row, event in zip(rec["events"], extraction.events):
            row["incident"] = linker.incident_id(event.id)
        copy = linker.syndication.copy(extraction.article.id)
        if copy is not None:
            rec["copy_of"] = next((d for d, a in pairs if a.id == copy.original), copy.original)
        records.append(rec)
    return records


def from_store(gold: Iterable[Record], path: str | Path) -> list[Record]:
    """What a store holds for each gold document, as records of export rows (with incidents and copies)."""
    from frontwire.store import Store
    from frontwire.store.incident_reads import copies, incident_of

    out = []
    with Store.open(path, readonly=True) as store:
        copy_of = copies(store)
        for rec in gold:
            doc = rec["doc"]
            stored = list(store.events(doc=doc))
            found = incident_of(store, [ev.id for ev in stored])
            events = [dict(event_row(ev, incident=found.get(ev.id)), doc=doc) for ev in stored]
            quotes = [dict(quote_row(q), doc=doc) for q in store.quotes(doc=doc)]
            out.append({"doc": doc, "events": events, "quotes": quotes, "copy_of": copy_of.get(doc)})
    return out


def from_gold_events(gold: Iterable[Record], corpus: str | Path) -> list[Record]:
    """Link the gold's own events (no extraction): records whose events carry the incident found.

    Scores the linker alone; gold places are geocoded with the gazetteer,
    gold dates become intervals.
    """
    from frontwire.link import Linker

    gold = list(gold)
    pairs = articles(gold, corpus)
    linker = Linker()
    records = []
    for (doc, article), rec in zip(pairs, gold):
        events = [_gold_event(row, article.id) for row in rec["events"]]
        linker.add(article, events)
        records.append((doc, article, rec, events))
    out = []
    for doc, article, rec, events in records:
        rows = [dict(row, incident=linker.incident_id(event.id)) for row, event in zip(rec["events"], events)]
        copy = linker.syndication.copy(article.id)
        original = next((d for d, a, _, _ in records if a.id == copy.original), None) if copy else None
        out.append({"doc": doc, "events": rows, "quotes": [], "copy_of": original})
    return out


def _gold_event(row: Record, doc: str) -> Event:
    from frontwire.eval.score import interval, width
    from frontwire.extract.places import resolve

    date = None
    if row.get("date") and (found := interval(row["date"])) is not None:
        days = width(found)
        precision = "day" if days == 1 else "week" if days <= 7 else "month" if days <= 31 else "range"
        date = DateRange(found[0].isoformat(), found[1].isoformat(), precision, row["date"])
    place = None
    if row.get("location"):
        place = resolve(row["location"]) or Place(row["location"], (0, 0), country=row.get("country"))
    return Event(
        doc=doc, type=row["type"], span=tuple(row["span"]), text=row["text"], side=row.get("side"),
        actor=row.get("actor"), unit=row.get("unit"), location=place, date=date, count=row.get("count"),
        count_unit=row.get("count_unit"), source=row.get("source"), origin=row.get("origin"),
        evidence=row.get("evidence") or "asserted",
    )  # fmt: skip
