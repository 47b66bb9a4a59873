"""The one place that wires the stages together: ingest -> nlp -> extract -> store."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from frontwire import extract, ingest, nlp as nlp_stage
from frontwire.errors import InputError
from frontwire.model import Article, Extraction, Problem

log = logging.getLogger(__name__)


def _check_length(article: Article, nlp: Language) -> Article:
    if len(article.text) > nlp.max_length:
        raise InputError(
            f"article of {len(article.text):,} characters is longer than the NLP stage takes ({nlp.max_length:,}); split it",
            where=article.path or article.id,
            code="too-long",
        )
    return article


def process(article: Article, nlp: Language) -> Extraction:
    """Run the NLP and extraction stages on one article."""
    doc = nlp_stage.parse(nlp, _check_length(article, nlp))
    return extract.article(doc, article)


def process_many(articles: Iterable[Article], nlp: Language, *, batch_size: int = 16) -> Iterator[Extraction]:
    """Like :func:`process` over a stream, batching the spaCy work."""
    checked = (_check_length(article, nlp) for article in articles)
    for article, doc in nlp_stage.parse_many(nlp, checked, batch_size=batch_size):
        yield extract.article(doc, article)


@dataclass(slots=True)
class Summary:
    """What one ingest run did, per outcome, and which inputs failed and why."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    events: int = 0
    quotes: int = 0
    linked: int = 0  # articles whose events were linked into incidents
    incidents: int = 0  # incidents in the store after the run
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.added + self.replaced + self.unchanged


def run(
    paths: Iterable[str | Path],
    store,
    *,
    nlp: Language | None = None,
    on_article: Callable[[Article | Problem], None] | None = None,
    force: bool = False,
    link: bool = True,
) -> Summary:
    """Read every input, extract and store it, one transaction per article.

    A bad input becomes a :class:`Problem` in the summary; the batch goes on.
    An article stored with the same content is skipped unless ``force``.
    With ``link``, each stored article is then linked into the store's
    incidents (its own transaction); articles a crash left unlinked are
    linked first, and the entity tables are rebuilt at the end.
    """
    from frontwire.store import incident_reads, incidents as store_links

    nlp = nlp or nlp_stage.load()
    summary = Summary()
    linker = None
    if link:
        linker = store_links.load_linker(store)
        summary.linked += store_links.link_pending(store, linker)
    for item in ingest.read(paths):
        if isinstance(item, Problem):
            summary.problems.append(item)
            log.warning("%s", item)
            if on_article:
                on_article(item)
            continue
        if not item.published:
            summary.warnings.append(f"{item.path or item.id}: no publication date; relative dates stay unresolved")
        if not force and store.is_current(item):
            summary.unchanged += 1
        else:
            try:
                result = process(item, nlp)
            except Exception as exc:  # noqa: BLE001 - the batch boundary: one article's failure must not stop the rest
                if isinstance(exc, InputError):
                    code, message = exc.code, exc.message
                else:
                    log.debug("extraction failed on %s", item.id, exc_info=True)
                    code, message = "extract", f"extraction failed: {type(exc).__name__}: {exc}"
                problem = Problem(item.path or item.id, code, message, item=item.id)
                summary.problems.append(problem)
                if on_article:
                    on_article(problem)
                continue
            status = store.save(result)
            if linker is not None and status != "unchanged":
                store_links.link_article(store, linker, item.id, events=result.events)
                summary.linked += 1
            if status == "replaced":
                summary.replaced += 1
            elif status == "unchanged":
                summary.unchanged += 1
            else:
                summary.added += 1
            summary.events += len(result.events)
            summary.quotes += len(result.quotes)
        if on_article:
            on_article(item)
    if linker is not None:
        incident_reads.refresh_entities(store)
        summary.incidents = len(linker.members)
    return summary
