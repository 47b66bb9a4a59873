"""Fuzz the ingest readers with atheris: whatever the bytes, ``read`` yields only Articles and Problems.

Run from the repository root::

    .venv/bin/python fuzz/readers.py --reader txt -runs=10000 [libFuzzer options] [corpus dirs | input files]
    .venv/bin/python fuzz/readers.py --all -runs=10000 [libFuzzer options]

Each input's bytes are written to a file in ``build/fuzz/<reader>/files/`` and that file
goes through the public entry point :func:`frontwire.ingest.read`. A crash is
anything other than a list of :class:`Article` / :class:`Problem` records (a
Problem with a code and a message, an Article with some text, all of its
strings valid Unicode): an exception of any other kind, or a wrong record. A
:class:`FrontwireError` escaping ``read`` is frontwire's own clear error, and
an input that yields no record at all (a valid feed without entries) is
allowed: both are counted apart, not as crashes.

A crash does not stop the run: each new kind (exception type and the line it
came from, or what was wrong with a record) prints its traceback and leaves its input and traceback in the
reader's work folder (``build/fuzz/<reader>/crash-<sha1>``), so that one run
counts every crashing input. ``--stop`` re-raises instead, for libFuzzer's own
crash handling (``-minimize_crash=1`` and the like); it is on by itself when
only files are given, so that replaying a crash file fails as the crash did.

``--all`` runs every reader in a process of its own with the same libFuzzer
options, prints inputs, crashes, clear errors, records yielded, silent inputs
and seconds per reader, and
exits 1 when any reader crashed (or its process died).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import atheris

from frontwire.errors import FrontwireError
from frontwire.model import Article, Problem

Read = Callable[[Iterable[Path]], Iterator[Article | Problem]]

# Coverage guidance: frontwire's readers and the pure-Python parsers they hand the bytes to.
INSTRUMENTED: tuple[str, ...] = ("frontwire.ingest", "feedparser", "trafilatura", "htmldate", "justext", "courlan")
ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parent / "seeds"
DICTS = Path(__file__).resolve().parent / "dicts"
WORK = ROOT / "build" / "fuzz"
# a text of our own for the sidecar target, whose fuzzed bytes are the .json beside it
SIDECAR_TEXT = b"Two officers said the company had been without water for three days.\n"
# libFuzzer options added unless given: inputs up to 8 KiB, a minute per input at most
DEFAULT_FLAGS: dict[str, str] = {"-max_len": "8192", "-timeout": "60", "-rss_limit_mb": "4096"}
ARTICLE_STRINGS: tuple[str, ...] = ("id", "text", "outlet", "published", "title", "url", "path", "fmt")
ROW = "{:<8} {:>8} {:>8} {:>7} {:>9} {:>9} {:>7} {:>8}"


@dataclass(frozen=True, slots=True)
class Target:
    """One reader: the file name the fuzzed bytes go to, the path given to ``read``, files fixed beside it."""

    name: str
    fuzzed: str
    given: str
    fixed: tuple[tuple[str, bytes], ...] = ()
    dictionary: str | None = None  # a file in fuzz/dicts/ of tokens for the mutator


TARGETS: dict[str, Target] = {
    target.name: target
    for target in (
        Target("txt", "doc.txt", "doc.txt"),
        Target("jsonl", "doc.jsonl", "doc.jsonl", dictionary="json.dict"),
        Target("json", "doc.json", "doc.json", dictionary="json.dict"),
        Target("html", "page.html", "page.html", dictionary="markup.dict"),
        Target("feed", "feed.xml", "feed.xml", dictionary="markup.dict"),
        Target("sidecar", "doc.json", "doc.txt", fixed=(("doc.txt", SIDECAR_TEXT),), dictionary="json.dict"),
        Target("sniff", "input.dat", "input.dat", dictionary="markup.dict"),  # no known extension: sniffed
    )
}


@dataclass(slots=True)
class Stats:
    """What one reader's run saw; written as JSON after every input when a path is given."""

    reader: str
    inputs: int = 0
    crashes: int = 0
    errors: int = 0  # FrontwireError raised out of read(): allowed, counted
    articles: int = 0
    problems: int = 0
    silent: int = 0  # inputs that yielded no record at all (a valid feed without entries): allowed, counted
    kinds: dict[str, str] = field(default_factory=dict)  # crash kind -> the file holding its first input

    def save(self, path: Path | None) -> None:
        if path is not None:
            path.write_text(json.dumps(asdict(self)), encoding="utf-8")


class BadRecord(AssertionError):
    """``read`` yielded something that is not a well-formed Article or Problem."""


def check(items: list[object]) -> tuple[int, int]:
    """(articles, problems) in ``items``; BadRecord when one is neither or is malformed."""
    articles = problems = 0
    for item in items:
        if isinstance(item, Problem):
            if not (item.code and item.message):
                raise BadRecord(f"Problem without a code or message: {item!r}")
            problems += 1
        elif isinstance(item, Article):
            if not (isinstance(item.text, str) and item.text.strip()):
                raise BadRecord(f"Article with blank text: {item.id!r}")
            check_unicode(item)
            articles += 1
        else:
            raise BadRecord(f"read yielded a {type(item).__name__}: {item!r}")
    return articles, problems


def check_unicode(article: Article) -> None:
    """Every string of an Article encodes as UTF-8: a lone surrogate breaks spaCy, hashing and SQLite later."""
    for name in ARTICLE_STRINGS:
        value = getattr(article, name)
        if value is None:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as err:
            raise BadRecord(f"Article {name} is not valid Unicode ({err.reason} at {err.start})") from err


def instrumented_read() -> Read:
    """``frontwire.ingest.read``, imported (with the parsers it calls) under atheris's coverage instrumentation."""
    with atheris.instrument_imports(include=INSTRUMENTED):
        import feedparser  # noqa: F401 - imported here so that it is instrumented
        import trafilatura  # noqa: F401 - imported here so that it is instrumented

        from frontwire.ingest import read
    return read


def crash_kind(exc: BaseException) -> str:
    """A wrong record by what was wrong; an exception by its type and the innermost line it came from."""
    if isinstance(exc, BadRecord):
        return f"BadRecord: {str(exc).split(':')[0][:60]}"
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__} at {where}"


class Harness:
    """The fuzz callback for one target, with its temporary folder and its counts."""

    def __init__(self, target: Target, read: Read, *, folder: Path, work: Path, stats_path: Path | None, stop: bool):
        self.target = target
        self.read = read
        self.folder = folder
        self.work = work
        self.stats_path = stats_path
        self.stop = stop
        self.stats = Stats(reader=target.name)
        for name, data in target.fixed:
            (folder / name).write_bytes(data)

    def __call__(self, data: bytes) -> None:
        self.stats.inputs += 1
        (self.folder / self.target.fuzzed).write_bytes(data)
        try:
            articles, problems = check(list(self.read([self.folder / self.target.given])))
            self.stats.articles += articles
            self.stats.problems += problems
            self.stats.silent += not (articles or problems)
        except FrontwireError:
            self.stats.errors += 1
        except Exception as exc:  # noqa: BLE001 - the fuzz boundary: anything else is the crash being looked for
            self.crash(data, exc)
            if self.stop:
                raise
        finally:
            self.stats.save(self.stats_path)

    def crash(self, data: bytes, exc: Exception) -> None:
        """Count a crash; keep the input and traceback of the first of each kind."""
        self.stats.crashes += 1
        kind = crash_kind(exc)
        if kind in self.stats.kinds:
            return
        name = f"crash-{hashlib.sha1(data).hexdigest()}"
        self.work.mkdir(parents=True, exist_ok=True)
        (self.work / name).write_bytes(data)
        trace = "".join(traceback.format_exception(exc))
        (self.work / f"{name}.txt").write_text(trace, encoding="utf-8", errors="backslashreplace")
        self.stats.kinds[kind] = str(self.work / name)
        sys.stderr.write(f"\n=== {self.target.name}: new crash kind {kind}; input {self.work / name}\n{trace}\n")


def fuzzer_argv(reader: str, extra: list[str], work: Path) -> list[str]:
    """libFuzzer's argv: the defaults and the reader's dictionary unless given, the corpus unless inputs are given."""
    flags = [arg for arg in extra if arg.startswith("-")]
    inputs = [arg for arg in extra if not arg.startswith("-")]
    given = {arg.split("=", 1)[0] for arg in flags}
    flags += [f"{key}={value}" for key, value in DEFAULT_FLAGS.items() if key not in given]
    dictionary = TARGETS[reader].dictionary
    if dictionary and "-dict" not in given:
        flags.append(f"-dict={DICTS / dictionary}")
    if "-artifact_prefix" not in given:
        flags.append(f"-artifact_prefix={work}/")
    if not inputs:
        corpus = work / "corpus"  # new inputs go to the first folder; the seeds stay as they are
        corpus.mkdir(parents=True, exist_ok=True)
        inputs = [str(corpus), str(SEEDS / reader)]
    return [sys.argv[0], *flags, *inputs]


def fuzz_one(reader: str, extra: list[str], *, stats_path: Path | None, stop: bool) -> None:
    """Fuzz one reader in this process; libFuzzer exits the process when done."""
    work = WORK / reader
    folder = work / "files"  # emptied here, not at the end: libFuzzer exits the process without unwinding
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    harness = Harness(TARGETS[reader], instrumented_read(), folder=folder, work=work, stats_path=stats_path, stop=stop)
    harness.stats.save(stats_path)
    atheris.Setup(fuzzer_argv(reader, extra, work), harness)
    atheris.Fuzz()


def run_child(reader: str, extra: list[str]) -> tuple[Stats, float, int, Path]:
    """Fuzz ``reader`` in a process of its own: its stats, seconds, exit code and log file."""
    work = WORK / reader
    work.mkdir(parents=True, exist_ok=True)
    stats_path, log = work / "stats.json", work / "fuzz.log"
    stats_path.unlink(missing_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--reader", reader, "--stats", str(stats_path), *extra]
    start = time.perf_counter()
    with open(log, "wb") as out:
        code = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False).returncode
    seconds = time.perf_counter() - start
    stats = Stats(**json.loads(stats_path.read_text(encoding="utf-8"))) if stats_path.exists() else Stats(reader)
    return stats, seconds, code, log


def fuzz_all(extra: list[str]) -> int:
    """Every reader in turn; 1 when any crashed or died, else 0."""
    print(ROW.format("reader", "inputs", "crashes", "errors", "articles", "problems", "silent", "seconds"), flush=True)
    failed = []
    for reader in TARGETS:
        stats, seconds, code, log = run_child(reader, extra)
        crashes = stats.crashes or (1 if code else 0)  # a process that died (timeout, out of memory) crashed
        row = [reader, stats.inputs, crashes, stats.errors, stats.articles, stats.problems, stats.silent, f"{seconds:.1f}"]
        print(ROW.format(*row), flush=True)
        if crashes:
            failed.append(f"{reader}: {', '.join(stats.kinds) or f'exit code {code}'} (log {log})")
    for line in failed:
        print(f"crash: {line}", file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], allow_abbrev=False)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--reader", choices=sorted(TARGETS), help="fuzz this reader")
    which.add_argument("--all", action="store_true", help="fuzz every reader in turn, one process each")
    parser.add_argument("--stats", type=Path, help="write the counts as JSON here after every input")
    parser.add_argument("--stop", action="store_true", help="re-raise the first crash (libFuzzer handles it)")
    args, extra = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    if args.all:
        return fuzz_all(extra + (["--stop"] if args.stop else []))
    inputs = [arg for arg in extra if not arg.startswith("-")]
    replay = bool(inputs) and all(Path(arg).is_file() for arg in inputs)  # a crash file fails as it did
    fuzz_one(args.reader, extra, stats_path=args.stats, stop=args.stop or replay)
    return 0


if __name__ == "__main__":
    sys.exit(main())
