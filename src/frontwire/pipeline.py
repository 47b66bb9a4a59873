"""The one place that wires the stages together: ingest -> nlp -> extract -> store."""

from __future__ import annotations

import ctypes
import logging
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language

from frontwire import extract, ingest, nlp as nlp_stage
from frontwire.errors import ConfigError, InputError
from frontwire.model import Article, Extraction, Problem

if TYPE_CHECKING:
    from frontwire.engine import Pending

log = logging.getLogger(__name__)

ARTICLE_SECONDS = 60.0  # the time one article's parse and extraction may take; over it, the article is skipped


class OverBudget(InputError):
    """An article took longer than its time budget."""

    code = "too-slow"


@contextmanager
def time_budget(where: str, budget: float | None) -> Iterator[None]:
    """Raise :class:`OverBudget` (naming ``where``) when the block runs over ``budget`` seconds.

    In the main thread a timer signal interrupts the block's Python code; a
    single long call into C (a regex, the parser) cannot be interrupted, so
    the time is checked again when the block ends. ``None`` is no budget.
    """
    if not budget:
        yield
        return
    message = f"took over {budget:g} s to parse and extract; skipped (raise --article-seconds to allow more)"
    armed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if armed:

        def expire(signum: int, frame: object) -> None:
            raise OverBudget(message, where=where)

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, budget)
    start = time.monotonic()
    try:
        yield
    finally:
        if armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    if time.monotonic() - start > budget:
        raise OverBudget(message, where=where)


def _check_length(article: Article, nlp: Language) -> Article:
    if len(article.text) > nlp.max_length:
        raise InputError(
            f"article of {len(article.text):,} characters is longer than the NLP stage takes ({nlp.max_length:,}); split it",
            where=article.path or article.id,
            code="too-long",
        )
    return article


def process(article: Article, nlp: Language, *, seconds: dict[str, float] | None = None) -> Extraction:
    """Run the NLP and extraction stages on one article; ``seconds`` gathers the time each took."""
    start = time.perf_counter()
    doc = nlp_stage.parse(nlp, _check_length(article, nlp))
    parsed = time.perf_counter()
    result = extract.article(doc, article)
    if seconds is not None:
        _add(seconds, "nlp", parsed - start)
        _add(seconds, "extract", time.perf_counter() - parsed)
    return result


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
    seconds: dict[str, float] = field(default_factory=dict)  # per stage: nlp, extract (workers: both), store, link
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.added + self.replaced + self.unchanged


BATCH = 64  # articles read, extracted and stored per round: memory stays bounded however big the input
QUEUED = 2  # batches the workers are given ahead of the one written: they never wait for the writer


def attempt(article: Article, nlp: Language, *, seconds: dict[str, float] | None = None,
            budget: float | None = ARTICLE_SECONDS) -> Extraction | Problem:  # fmt: skip
    """:func:`process` within a time ``budget``, with any failure turned into a Problem naming the article.

    ``seconds`` gathers the time spent in the ``nlp`` and ``extract`` stages.
    """
    try:
        with time_budget(article.path or article.id, budget):
            return process(article, nlp, seconds=seconds)
    except Exception as exc:  # noqa: BLE001 - the batch boundary: one article's failure must not stop the rest
        return _failure(article, exc)


def _failure(article: Article, exc: Exception) -> Problem:
    """The Problem an article's failure becomes: its own code for input errors, ``extract`` otherwise."""
    if isinstance(exc, InputError):
        return Problem(article.path or article.id, exc.code, exc.message, item=article.id)
    log.debug("extraction failed on %s", article.id, exc_info=True)
    return Problem(article.path or article.id, "extract", f"extraction failed: {type(exc).__name__}: {exc}", item=article.id)


def extract_batch(articles: list[Article], nlp: Language, *, seconds: dict[str, float] | None = None,
                  budget: float | None = ARTICLE_SECONDS) -> dict[str, Extraction | Problem]:  # fmt: skip
    """Article id -> its extraction or Problem, parsing the batch with ``nlp.pipe``.

    An article too long for the model is a Problem of its own. Should the
    batched parse fail, or run over the batch's time (``budget`` an article),
    each article is tried alone so that only the bad one fails. Each
    article's extraction has ``budget`` seconds.
    """
    with nlp.memory_zone():  # the words new to the vocabulary are forgotten after the batch: memory stays flat
        return _extract_batch(articles, nlp, seconds=seconds, budget=budget)


def _extract_batch(articles: list[Article], nlp: Language, *, seconds: dict[str, float] | None,
                   budget: float | None) -> dict[str, Extraction | Problem]:  # fmt: skip
    results: dict[str, Extraction | Problem] = {}
    fitting = []
    for article in articles:
        try:
            fitting.append(_check_length(article, nlp))
        except InputError as exc:
            results[article.id] = _failure(article, exc)
    start = time.perf_counter()
    try:
        with time_budget(f"a batch of {len(fitting)} articles", budget * len(fitting) if budget else None):
            parsed = list(nlp_stage.parse_many(nlp, fitting))
    except Exception:  # noqa: BLE001 - a batch boundary: find the article that fails on its own
        log.debug("batched parse failed; parsing one at a time", exc_info=True)
        results.update((a.id, attempt(a, nlp, seconds=seconds, budget=budget)) for a in fitting)
        return results
    if seconds is not None:
        _add(seconds, "nlp", time.perf_counter() - start)
    for article, doc in parsed:
        start = time.perf_counter()
        try:
            with time_budget(article.path or article.id, budget):
                results[article.id] = extract.article(doc, article)
        except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the rest
            results[article.id] = _failure(article, exc)
        if seconds is not None:
            _add(seconds, "extract", time.perf_counter() - start)
    return results


_WORKER_NLP: Language | None = None
_WORKER_BUDGET: float | None = ARTICLE_SECONDS


def _start_worker(budget: float | None) -> None:
    """A local worker's start: the model it inherited when forked from a process holding one, else its own."""
    global _WORKER_NLP, _WORKER_BUDGET
    if _WORKER_NLP is None:
        _WORKER_NLP = nlp_stage.load()
    _WORKER_BUDGET = budget


def extract_chunk(articles: list[Article], nlp: Language, *, budget: float | None = ARTICLE_SECONDS) -> list[Extraction | Problem]:
    """:func:`extract_batch` for a worker: the results in the articles' order."""
    found = extract_batch(articles, nlp, budget=budget)
    return [found[article.id] for article in articles]


def _work(articles: list[Article]) -> list[Extraction | Problem]:
    """A local worker's task: parse a chunk of articles together and extract each."""
    assert _WORKER_NLP is not None, "worker not started"
    return extract_chunk(articles, _WORKER_NLP, budget=_WORKER_BUDGET)


def _engine(engine: str, workers: int, budget: float | None, address: str | None, nlp: Language | None = None):
    """The engine for the per-article work; None for this process alone. Local workers forked from
    this process share its ``nlp`` (copy-on-write) instead of loading the model again."""
    global _WORKER_NLP
    from frontwire.engine import ENGINES, Processes, RayActors

    if engine not in ENGINES:
        raise ConfigError(f"no engine {engine!r}; choose one of {', '.join(ENGINES)}", code="engine")
    if engine == "ray":
        return RayActors(workers, budget, address=address)
    if workers <= 1:
        return None
    _WORKER_NLP = nlp  # what a forked worker starts with
    try:
        return Processes(workers, budget, _work, _start_worker)
    finally:
        _WORKER_NLP = None


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


def give_back_memory() -> None:
    """Return the C heap's free pages to the system (with glibc): parsing a batch allocates and frees
    large arrays, and the pages they leave free would otherwise stay counted in the process's memory."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _add(seconds: dict[str, float], stage: str, spent: float) -> None:
    seconds[stage] = seconds.get(stage, 0.0) + spent


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(
    paths: Iterable[str | Path],
    store,
    *,
    nlp: Language | None = None,
    on_article: Callable[[Article | Problem], None] | None = None,
    force: bool = False,
    link: bool = True,
    workers: int = 1,
    linker=None,
    budget: float | None = ARTICLE_SECONDS,
    engine: str = "local",
    address: str | None = None,
) -> Summary:
    """Read every input, extract and store it, one transaction per article.

    A bad input becomes a :class:`Problem` in the summary; the batch goes on.
    An article stored with the same content is skipped unless ``force``.
    With ``link``, articles a crash left unlinked are linked first; once
    every input is stored, the articles this run added or changed are linked
    into the store's incidents in order of publication, as ``frontwire link``
    links them, so that the incidents do not depend on the order the inputs
    were read in; the entity tables are rebuilt at the end. With
    ``workers`` > 1 the NLP and extraction run in that many processes, and
    with ``engine="ray"`` in that many Ray actors (on the cluster at
    ``address``, else ``$RAY_ADDRESS``, else a local Ray); either way this
    process alone writes, in input order, so the store ends up the same.
    Inputs are read and handled :data:`BATCH` articles at a time. A
    ``linker`` already holding the store (see :func:`watch`) is used as it is.
    An article whose parse and extraction take over ``budget`` seconds is a
    ``too-slow`` Problem (None: no limit).
    """
    from frontwire.store import incident_reads, incidents as store_links

    summary = Summary()
    if link and linker is None:
        linker = store_links.load_linker(store)
        summary.linked += store_links.link_pending(store, linker)
    elif not link:
        linker = None
    pool = _engine(engine, workers, budget, address, nlp)
    if pool is None:
        nlp = nlp or nlp_stage.load()
    stored: dict[str, str | None] = {}  # id -> published, of the articles this run added or changed

    def finish(batch: list, results: dict) -> None:
        outcomes = [_store_one(item, results, store, summary, stored) for item in batch]
        give_back_memory()
        if on_article:
            for outcome in outcomes:
                on_article(outcome)

    queued: deque[tuple[list, list[Article], Pending]] = deque()  # with workers: batches submitted, not written

    def collect() -> None:
        """Wait for the oldest batch the workers parse, and write it."""
        batch, todo, handle = queued.popleft()
        start = time.perf_counter()
        results = dict(zip((a.id for a in todo), handle.get()))
        _add(summary.seconds, "nlp+extract", time.perf_counter() - start)  # waiting for the workers
        finish(batch, results)

    try:
        for batch in _batches(ingest.read(paths), BATCH):
            todo = [a for a in batch if not isinstance(a, Problem) and (force or not store.is_current(a))]
            if pool is None:
                finish(batch, extract_batch(todo, nlp, seconds=summary.seconds, budget=budget))
                continue
            queued.append((batch, todo, pool.submit(todo)))
            if len(queued) > QUEUED:
                collect()
        while queued:
            collect()
    finally:
        if pool is not None:
            pool.close()
    if linker is not None:
        start = time.perf_counter()
        order = sorted(stored, key=lambda doc: store_links.publication_order(stored[doc], doc))
        summary.linked += store_links.link_docs(store, linker, order)
        _add(summary.seconds, "link", time.perf_counter() - start)
        incident_reads.refresh_entities(store)
        summary.incidents = linker.incident_count()
    return summary


def _store_one(item: Article | Problem, results: dict, store, summary: Summary, stored: dict) -> Article | Problem:
    """Count and store one input whose extraction (if it needed one) is in ``results``, adding it to
    ``stored`` (to link) unless it was stored already; return what to report for it: the article,
    or the problem it became."""
    if isinstance(item, Problem):
        summary.problems.append(item)
        log.warning("%s", item)
        return item
    if not item.published:
        summary.warnings.append(f"{item.path or item.id}: no publication date; relative dates stay unresolved")
    result = results.get(item.id)
    if result is None:
        summary.unchanged += 1
        return item
    if isinstance(result, Problem):
        summary.problems.append(result)
        return result
    start = time.perf_counter()
    status = store.save(result)
    _add(summary.seconds, "store", time.perf_counter() - start)
    if status != "unchanged":
        stored[item.id] = result.article.published
    if status == "replaced":
        summary.replaced += 1
    elif status == "unchanged":
        summary.unchanged += 1
    else:
        summary.added += 1
    summary.events += len(result.events)
    summary.quotes += len(result.quotes)
    return item


def watch(
    paths: Iterable[str | Path],
    store,
    *,
    nlp: Language | None = None,
    interval: float = 2.0,
    rounds: int | None = None,
    on_round: Callable[[list[Path], Summary], None] | None = None,
    on_article: Callable[[Article | Problem], None] | None = None,
    sleep: Callable[[float], None] | None = None,
    urls: Path | None = None,
    mirror: Path | None = None,
) -> int:
    """Ingest files under ``paths`` as they appear or change, every ``interval`` seconds.

    The model and the linker stay loaded between rounds, so a new article is
    stored and linked in about the time its extraction takes. With ``urls``
    (a file listing URLs of articles or feeds, read again each round), each
    URL is fetched into ``mirror`` every round and what changed is ingested
    too; a URL that fails is reported through ``on_article`` as a Problem.
    Runs ``rounds`` times (forever when None); returns the number of rounds
    that ingested something.
    """
    from frontwire.ingest.remote import Fetcher, read_url_list
    from frontwire.store import incidents as store_links

    nlp = nlp or nlp_stage.load()
    linker = store_links.load_linker(store)
    store_links.link_pending(store, linker)
    sleep = sleep or time.sleep
    fetcher = Fetcher(mirror or store.path.with_name(store.path.name + ".fetched")) if urls is not None else None
    seen: dict[Path, ingest.Stamp] = {}
    busy = done = 0
    while rounds is None or done < rounds:
        watched = list([paths] if isinstance(paths, (str, Path)) else paths)
        if fetcher is not None:
            listed, problems = read_url_list(urls)
            problems += fetcher.refresh(listed)[1]
            for problem in problems:
                log.warning("%s", problem)
                if on_article:
                    on_article(problem)
            watched.append(fetcher.folder)
        files = ingest.changed(watched, seen)
        if files:
            summary = run(files, store, nlp=nlp, linker=linker, on_article=on_article)
            busy += 1
            if on_round:
                on_round(files, summary)
        done += 1
        if rounds is None or done < rounds:
            sleep(interval)
    return busy
