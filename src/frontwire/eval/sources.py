"""Where predictions come from: a fresh pipeline run on the corpus, or a store."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from frontwire.errors import InputError
from frontwire.eval.gold import Record
from frontwire.export.rows import event_row, quote_row
from frontwire.model import Article, Extraction, Problem

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
    """Run the whole pipeline on the gold's documents and return their records."""
    from frontwire import nlp as nlp_stage, pipeline

    pairs = articles(gold, corpus)
    nlp = nlp or nlp_stage.load()
    extractions = pipeline.process_many([a for _, a in pairs], nlp)  # in input order
    return [record(extraction, doc=doc) for (doc, _), extraction in zip(pairs, extractions)]


def from_store(gold: Iterable[Record], path: str | Path) -> list[Record]:
    """What a store holds for each gold document, as records of export rows."""
    from frontwire.store import Store

    out = []
    with Store.open(path, readonly=True) as store:
        for rec in gold:
            doc = rec["doc"]
            events = [dict(event_row(ev), doc=doc) for ev in store.events(doc=doc)]
            quotes = [dict(quote_row(q), doc=doc) for q in store.quotes(doc=doc)]
            out.append({"doc": doc, "events": events, "quotes": quotes})
    return out
