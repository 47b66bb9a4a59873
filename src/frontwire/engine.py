"""Where the per-article work (parse and extract) runs: in this process, in local worker processes,
or on a Ray cluster. Every engine returns results in input order, and only the calling process writes
the store, so the ledger is the same whichever engine made it.
"""

from __future__ import annotations

import logging
import os
import re
import socket
from collections.abc import Callable
from typing import Protocol

from frontwire.errors import ConfigError
from frontwire.model import Article, Extraction, Problem

log = logging.getLogger(__name__)

ENGINES = ("local", "ray")
CHUNK = 8  # articles a worker task parses together (one nlp.pipe batch), locally or on Ray
RAY_ADDRESS_ENV = "RAY_ADDRESS"
RAY_HOST_PORT = re.compile(r"^(?:ray://)?\[?([\w.:-]+?)\]?:(\d{1,5})$")

Result = Extraction | Problem


class Pending(Protocol):
    def get(self) -> list[Result]: ...


class Engine(Protocol):
    def submit(self, articles: list[Article]) -> Pending: ...

    def close(self) -> None: ...


def _chunks(articles: list[Article]) -> list[list[Article]]:
    return [articles[i : i + CHUNK] for i in range(0, len(articles), CHUNK)]


class _Chunked:
    """Results of chunks of articles, flattened in input order when asked for."""

    def __init__(self, handle) -> None:
        self.handle = handle

    def get(self) -> list[Result]:
        return [result for chunk in self.handle.get() for result in chunk]


class _Done:
    """Results already there."""

    def __init__(self, results: list[Result]) -> None:
        self.results = results

    def get(self) -> list[Result]:
        return self.results


class Processes:
    """``workers`` local processes, each holding the model (forked where the platform allows) and
    parsing :data:`CHUNK` articles at a time. :meth:`submit` returns at once, so the caller can
    write one batch while the workers parse the next."""

    def __init__(self, workers: int, budget: float | None, work: Callable[[list[Article]], list[Result]],
                 start: Callable[[float | None], None]):  # fmt: skip
        import multiprocessing

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self.pool = multiprocessing.get_context(method).Pool(workers, initializer=start, initargs=(budget,))
        self.work = work

    def submit(self, articles: list[Article]) -> Pending:
        return _Chunked(self.pool.map_async(self.work, _chunks(articles), chunksize=1))

    def close(self) -> None:
        self.pool.close()
        self.pool.join()


class RayWorker:
    """A Ray actor holding the model; parses and extracts chunks of articles."""

    def __init__(self, budget: float | None) -> None:
        from frontwire import nlp as nlp_stage

        self.nlp = nlp_stage.load()
        self.budget = budget

    def extract(self, articles: list[Article]) -> list[Result]:
        from frontwire.pipeline import extract_chunk

        return extract_chunk(articles, self.nlp, budget=self.budget)


def _reachable(address: str, *, seconds: float = 5.0) -> None:
    """Fail fast, with the address in the message, when a ``host:port`` cluster address does not answer
    (Ray itself retries for minutes). ``auto`` and other forms are left to Ray."""
    found = RAY_HOST_PORT.match(address)
    if not found:
        return
    try:
        socket.create_connection((found.group(1), int(found.group(2))), timeout=seconds).close()
    except OSError as exc:
        raise ConfigError(f"cannot reach the Ray cluster at {address}: {exc.strerror or exc}", code="engine") from exc


class RayActors:
    """``workers`` Ray actors, on the cluster at ``address`` (``$RAY_ADDRESS``, else a local one started here).

    Each actor loads the model once. Chunks of :data:`CHUNK` articles go to whichever actor is
    free; results come back in input order.
    """

    def __init__(self, workers: int, budget: float | None, *, address: str | None = None) -> None:
        try:
            import ray
            from ray.util import ActorPool
        except ImportError as exc:
            raise ConfigError("--engine ray needs Ray: pip install 'frontwire[ray]'", code="engine") from exc
        self.ray = ray
        self.started = not ray.is_initialized()
        if self.started:
            address = address or os.environ.get(RAY_ADDRESS_ENV)
            if address:
                _reachable(address)
            options = {"address": address} if address else {"num_cpus": workers}
            try:
                ray.init(**options, include_dashboard=False, log_to_driver=False, configure_logging=False)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise ConfigError(f"cannot reach the Ray cluster at {address or 'a new local instance'}: {exc}",
                                  code="engine") from exc  # fmt: skip
        remote = ray.remote(num_cpus=1)(RayWorker)
        self.actors = [remote.remote(budget) for _ in range(workers)]
        self.pool = ActorPool(self.actors)
        log.info("ray: %d actors on %s", workers, ray.get_runtime_context().gcs_address)

    def submit(self, articles: list[Article]) -> Pending:
        """Ray's actor pool is driven from this process: the batch is done when this returns."""
        done = self.pool.map(lambda actor, chunk: actor.extract.remote(chunk), _chunks(articles))
        return _Done([result for chunk in done for result in chunk])

    def close(self) -> None:
        for actor in self.actors:
            self.ray.kill(actor)
        if self.started:
            self.ray.shutdown()
