"""No regular expression in the package backtracks catastrophically.

Every compiled pattern is collected: module-level ``re.Pattern`` (or
``regex.Pattern``) attributes of every ``frontwire`` module and the patterns
held in module-level tuples, lists, sets, dicts and dataclass records (the
event cues); the cue patterns the lexicon builder compiles from its data
files; the ``REGEX`` token patterns of the entity rulers; and the literal
patterns passed inline to ``re.search``, ``re.match``... in the source.

Each pattern runs ``search``, ``match`` and ``finditer`` (an inline pattern:
the call the code makes with it) over adversarial strings of 20,000
characters (runs of one character, alternating pairs, runs of words and of
the pattern's own words ending in a character that fails the match, nested
quotes, long separated digit strings, capitalized word runs); one call over
``CALL_SECONDS`` fails the test of that pattern. A timer signal interrupts a
runaway call (``re`` checks for signals while it matches), so a catastrophic
pattern costs about a second, not the suite.

Last, pathological ~200 kB articles go through the whole pipeline
(``pipeline.attempt``) in bounded time.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import frontwire
from frontwire.model import Article, Extraction, Problem

try:
    import regex
except ImportError:  # the package uses the stdlib ``re``; ``regex`` is only checked when installed
    regex = None

CALL_SECONDS = 1.0  # the most one search, match or finditer may take on one adversarial string
LENGTH = 20_000  # characters in each adversarial string
ARTICLE_SECONDS = 60.0  # the most one pathological article may take through the pipeline
ARTICLE_LENGTH = 200_000
SKIPPED_MODULES: frozenset[str] = frozenset()  # serve and cli import without side effects, so none are skipped
CONTAINERS = (tuple, list, set, frozenset)
MAX_DEPTH = 3
PATTERN_TYPES: tuple[type, ...] = (re.Pattern,) + ((regex.Pattern,) if regex is not None else ())
ALL_OPS = ("search", "match", "finditer")
INLINE_OPS: dict[str, tuple[str, ...]] = {  # re.<function> -> the calls that exercise it
    "compile": ALL_OPS, "search": ("search",), "match": ("match",), "fullmatch": ("fullmatch",),
    "findall": ("finditer",), "finditer": ("finditer",), "sub": ("finditer",), "subn": ("finditer",), "split": ("finditer",),
}  # fmt: skip
# Known slow patterns not fixed yet: name -> why. Strict xfail: once one is fixed, drop it from here.
KNOWN_SLOW: dict[str, str] = {}
SRC = Path(frontwire.__file__).resolve().parent
LEXICONS = SRC / "extract" / "lexicons"
REPEATED_CHARS = ("a", "A", " ", "-", "'", '"', "0", ".", "\n", ",", "\t", "“", "’", "_", "(", "\u00a0")
PAIRS = ("a ", "1,", "ab", "a\n", "A.", "'a", ". ", "a-", "0.", "a,", "A ")
WORDS = ("the ", "The ", "said ", "of the ", "soldiers ", "Jan. ", "1st ", "O'Neil ", "no one ")
FAIL_TAIL = "!"  # a character no pattern expects after a run of words
MAX_OWN_WORDS = 3  # the pattern's own literal words made into runs
MAX_SLOW = 3  # slow calls reported per pattern; each costs up to CALL_SECONDS, so a bad pattern stops early


@dataclass(frozen=True, slots=True)
class Found:
    """One pattern and where it was found."""

    name: str  # module:ATTRIBUTE[index], module:L<line> for an inline pattern
    pattern: Any  # re.Pattern or regex.Pattern
    ops: tuple[str, ...] = ALL_OPS


# ---------------------------------------------------------------- collection


def _modules() -> list[Any]:
    names = [m.name for m in pkgutil.walk_packages(frontwire.__path__, prefix="frontwire.")]
    return [frontwire] + [importlib.import_module(n) for n in sorted(names) if n not in SKIPPED_MODULES]


def _held(value: Any, name: str, depth: int = 0) -> Iterator[tuple[str, Any]]:
    """The patterns in one module-level value: itself, or inside containers and dataclass records."""
    if isinstance(value, PATTERN_TYPES):
        yield name, value
    elif depth >= MAX_DEPTH:
        return
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _held(item, f"{name}[{key!r}]", depth + 1)
    elif isinstance(value, CONTAINERS):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        for i, item in enumerate(items):
            yield from _held(item, f"{name}[{i}]", depth + 1)
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from _held(getattr(value, f.name), f"{name}.{f.name}", depth + 1)


@cache
def _source(module: Any) -> str:
    path = getattr(module, "__file__", None)
    return Path(path).read_text(encoding="utf-8") if path else ""


def _defines(module: Any, attr: str) -> bool:
    """Is ``attr`` assigned in the module's own source (not imported into it)?"""
    source = _source(module)
    return re.search(rf"^{re.escape(attr)}\s*(?::[^=\n]*)?=", source, re.MULTILINE) is not None


def module_patterns() -> list[Found]:
    """Module-level patterns, each under the module that assigns it."""
    seen: dict[tuple[str, int], list[tuple[bool, str, Any]]] = {}
    for module in _modules():
        for attr, value in vars(module).items():
            if attr.startswith("__"):
                continue
            for name, pattern in _held(value, attr):
                key = (str(pattern.pattern), pattern.flags)
                seen.setdefault(key, []).append((_defines(module, attr), f"{module.__name__}:{name}", pattern))
    return [Found(name, pattern) for _, name, pattern in (max(v, key=lambda e: e[0]) for v in seen.values())]


def builder_patterns() -> list[Found]:
    """Patterns the code compiles from data files: event cues and the rulers' REGEX token patterns."""
    from frontwire.extract.lexicon import load_cues
    from frontwire.nlp.rulers import PATTERN_FILES, PATTERNS, load_patterns

    out = []
    for path in sorted(LEXICONS.glob("*_cues.tsv")):
        out += [Found(f"load_cues({path.name!r})[{i}]", cue.pattern) for i, cue in enumerate(load_cues(path.name))]
    for file in PATTERN_FILES:
        for n, row in enumerate(load_patterns(PATTERNS / file)):
            for k, token in enumerate(row["pattern"] if isinstance(row["pattern"], list) else []):
                for attr, spec in token.items():
                    if isinstance(spec, dict) and "REGEX" in spec:
                        out.append(Found(f"{file}:{n}[{k}].{attr}", re.compile(spec["REGEX"])))
    return out


def _flags(node: ast.Call) -> int:
    """The ``re.X | re.Y`` flags written among a call's arguments."""
    flags = 0
    for arg in [*node.args[1:], *(k.value for k in node.keywords)]:
        for sub in ast.walk(arg):
            if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == "re":
                value = getattr(re, sub.attr, None)
                flags |= int(value) if isinstance(value, re.RegexFlag) else 0
    return flags


def _literal(node: ast.expr, module: Any) -> str | bytes | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        return node.value
    if isinstance(node, ast.Name) and isinstance(getattr(module, node.id, None), (str, bytes)):
        return getattr(module, node.id)
    return None


def inline_patterns() -> list[Found]:
    """Literal patterns passed straight to ``re.<function>`` or as a ``pattern=`` keyword (f-strings are not read)."""
    out = []
    for module in _modules():
        for node in ast.walk(ast.parse(_source(module))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            is_re = isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "re"
            if is_re and func.attr in INLINE_OPS and node.args:
                text = _literal(node.args[0], module)
                if text is not None:
                    out.append(Found(f"{module.__name__}:L{node.lineno}", re.compile(text, _flags(node)), INLINE_OPS[func.attr]))
            for keyword in node.keywords:
                text = _literal(keyword.value, module) if keyword.arg == "pattern" else None
                if text is not None:
                    out.append(Found(f"{module.__name__}:L{node.lineno}:pattern=", re.compile(text)))
    return out


def all_patterns() -> list[Found]:
    """Every pattern once (by source and flags) under its first name, with all the calls made with it."""
    unique: dict[tuple[str, int], Found] = {}
    for found in module_patterns() + builder_patterns() + inline_patterns():
        key = (str(found.pattern.pattern), found.pattern.flags)
        first = unique.setdefault(key, found)
        unique[key] = Found(first.name, first.pattern, tuple(dict.fromkeys(first.ops + found.ops)))
    return list(unique.values())


PATTERNS = all_patterns()


# ---------------------------------------------------------------- adversarial inputs


def _run(unit: str, tail: str = "") -> str:
    return unit * max(1, (LENGTH - len(tail)) // len(unit)) + tail


def generic_families() -> dict[str, str]:
    """Name -> adversarial string, the same for every pattern."""
    out = {f"repeat {c!r}": _run(c) for c in REPEATED_CHARS}
    out |= {f"pairs {p!r}": _run(p) for p in PAIRS}
    out |= {f"words {w!r} + {FAIL_TAIL!r}": _run(w, FAIL_TAIL) for w in WORDS}
    out |= {
        "5000 spaces + x": " " * 5000 + "x",
        "spaces + x": _run(" ", "x"),
        "nested curly quotes": "“‘" * (LENGTH // 4) + "’”" * (LENGTH // 4),
        "nested straight quotes": "\"'" * (LENGTH // 4) + "'\"" * (LENGTH // 4),
        "quoted words": _run('"a b c" '),
        "digits": _run("0", "x"),
        "1,000,000,...": "1" + _run(",000", "x"),
        "1.000.000...": "1" + _run(".000", "x"),
        "1 000 000...": "1" + _run(" 000", "x"),
        "capitalized words": _run("The "),
        "capitalized words + 's": _run("The ", "Army's"),
        "capitalized run": _run("Aaaa Bbbb-Cccc "),
        "one long word": _run("a", " said"),
        "sentence without end": _run("the soldiers refused to fight and ", ""),
    }
    return out


GENERIC = generic_families()


def _own_words(pattern: Any) -> list[str]:
    """Letter runs (3+) written in the pattern, the words it is built to find."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    words = re.findall(r"(?<![\\])[A-Za-z]{3,}", source)
    return list(dict.fromkeys(w for w in words))[:MAX_OWN_WORDS]


def families(pattern: Any) -> dict[str, str | bytes]:
    """The generic strings plus runs of the pattern's own words, as the pattern's string type."""
    out: dict[str, str] = dict(GENERIC)
    for word in _own_words(pattern):
        out[f"own word {word!r} + {FAIL_TAIL!r}"] = _run(word + " ", FAIL_TAIL)
        out[f"own word {word!r} glued + {FAIL_TAIL!r}"] = _run(word, FAIL_TAIL)
    if isinstance(pattern.pattern, bytes):
        return {name: text.encode("utf-8") for name, text in out.items()}
    return out


def _search(pattern: Any, text: Any) -> object:
    return pattern.search(text)


def _match(pattern: Any, text: Any) -> object:
    return pattern.match(text)


def _fullmatch(pattern: Any, text: Any) -> object:
    return pattern.fullmatch(text)


def _finditer(pattern: Any, text: Any) -> object:
    return sum(1 for _ in pattern.finditer(text))


OPS: dict[str, Callable[[Any, Any], object]] = {"search": _search, "match": _match, "fullmatch": _fullmatch, "finditer": _finditer}


class TooSlow(Exception):
    """A regex call ran past its time limit."""


def timed(op: Callable[[Any, Any], object], pattern: Any, text: Any, *, limit: float = CALL_SECONDS) -> float:
    """Seconds ``op(pattern, text)`` took; a call still running at ``limit`` (+10 %) is stopped and counts as that."""
    armed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if armed:

        def expire(signum: int, frame: object) -> None:
            raise TooSlow

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, limit * 1.1)
    start = time.perf_counter()
    try:
        op(pattern, text)
    except TooSlow:
        pass
    finally:
        if armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    return time.perf_counter() - start


def slow_calls(pattern: Any, *, ops: tuple[str, ...] = ALL_OPS, limit: float = CALL_SECONDS,
               most: int = MAX_SLOW) -> list[str]:  # fmt: skip
    """'op on family: seconds' for the calls of the pattern over its limit, the first ``most`` of them."""
    slow: list[str] = []
    for family, text in families(pattern).items():
        for op_name in ops:
            seconds = timed(OPS[op_name], pattern, text, limit=limit)
            if seconds > limit:
                slow.append(f"{op_name} on {family}: {seconds:.2f} s")
            if len(slow) >= most:
                return slow
    return slow


# ---------------------------------------------------------------- tests


@pytest.mark.parametrize(
    "where",
    [
        "frontwire.extract.numbers:COUNT_RE",
        "frontwire.extract.attribution:DENIAL",
        "frontwire.extract.events:CUES[0].pattern",
        "frontwire.link.features:OTHER_OCCASION",
        "frontwire.ingest:FEED_START",
        "frontwire.extract.events:VOICE_CUES[0].pattern",
        "units.jsonl:",
        "frontwire.extract.events:L",  # an inline re.search(...) literal
    ],
)
def test_the_collection_reaches_every_kind_of_pattern(where):
    assert any(f.name.startswith(where) for f in PATTERNS), f"no pattern collected from {where}"


@pytest.mark.parametrize("path", sorted(LEXICONS.glob("*_cues.tsv")), ids=lambda p: p.name)
def test_the_builder_compiles_every_cue_file(path):
    keys = {(f.pattern.pattern, f.pattern.flags) for f in PATTERNS}
    built = [f for f in builder_patterns() if f.name.startswith(f"load_cues({path.name!r})")]
    assert built and all((f.pattern.pattern, f.pattern.flags) in keys for f in built)


@pytest.mark.parametrize(
    "source, catastrophic",
    [
        (r"(a+)+$", True),
        (r"^(\w+\s?)*$", True),
        (r"\ba\w*", False),
        (r"(?:\d{1,3}(?:,\d{3})+|\d+)", False),
    ],
)
def test_the_harness_tells_catastrophic_from_linear(source, catastrophic):
    assert bool(slow_calls(re.compile(source), limit=0.2, most=1)) is catastrophic


def _cases() -> list[Any]:
    marks = {name: pytest.mark.xfail(strict=True, reason=why) for name, why in KNOWN_SLOW.items()}
    return [pytest.param(f, id=f.name, marks=marks.get(f.name, ())) for f in PATTERNS]


def test_every_known_slow_pattern_is_still_collected():
    assert set(KNOWN_SLOW) <= {f.name for f in PATTERNS}


@pytest.mark.parametrize("found", _cases())
def test_no_pattern_backtracks_catastrophically(found):
    slow = slow_calls(found.pattern, ops=found.ops)
    assert not slow, f"{found.name} /{found.pattern.pattern}/ is slow on: " + "; ".join(slow)


def _article(text: str) -> Article:
    return Article(id="adversarial", text=text, outlet="Test Wire", published="2024-05-02")


def _fill(unit: str) -> str:
    return (unit * (ARTICLE_LENGTH // len(unit) + 1))[:ARTICLE_LENGTH]


# Each ~200 kB and parsed by spaCy in seconds; the extraction must finish without the pipeline's time budget.
ARTICLES: dict[str, str] = {
    "one giant sentence": _fill("Russian soldiers refused to fight near Bakhmut on May 3, the commander said, and "),
    "capitalized words": _fill("The "),
    "50k digits line": "Troops: " + "7" * 50_000 + "\n" + ("1,000," * 25_000)[: ARTICLE_LENGTH - 50_010],
    "spaces then a word": " " * (ARTICLE_LENGTH - 5) + "fled.",
    "digit-comma run": "Soldiers said " + "1," * ((ARTICLE_LENGTH - 30) // 2) + "1 killed.",
    "percent, blanks, percent": "Losses reached 12% " + " " * (ARTICLE_LENGTH - 60) + "7% of the soldiers deserted.",
}
# spaCy's tokenizer is quadratic in a run of punctuation with no space (100k quote marks: about an hour),
# so this one can only end through the pipeline's time budget, which interrupts it.
BUDGETED: dict[str, str] = {"100k quote marks": "\"'" * (ARTICLE_LENGTH // 4) + "“”" * (ARTICLE_LENGTH // 4)}
TEST_BUDGET = 5.0  # seconds given to a BUDGETED article (the pipeline's default is ARTICLE_SECONDS)
BUDGET_SLACK = 5.0  # how long after its budget an interrupted article may still take to come back


def _timed_attempt(nlp, text: str, budget: float | None, record_property) -> tuple[object, float]:
    """The pipeline's result for one article of ``text`` and the seconds it took (also recorded in the report)."""
    from frontwire import pipeline

    start = time.perf_counter()
    result = pipeline.attempt(_article(text), nlp, budget=budget)
    seconds = time.perf_counter() - start
    record_property("seconds", round(seconds, 2))
    return result, seconds


@pytest.mark.parametrize("name", list(ARTICLES))
def test_a_pathological_article_is_extracted_in_bounded_time(nlp, name, record_property):
    result, seconds = _timed_attempt(nlp, ARTICLES[name], None, record_property)
    assert isinstance(result, Extraction), str(result)
    assert seconds < ARTICLE_SECONDS, f"{name}: {seconds:.1f} s"


@pytest.mark.parametrize("name", list(BUDGETED))
def test_an_article_too_slow_to_parse_ends_within_its_budget(nlp, name, record_property):
    result, seconds = _timed_attempt(nlp, BUDGETED[name], TEST_BUDGET, record_property)
    assert isinstance(result, (Extraction, Problem))
    assert not (isinstance(result, Problem) and result.code == "extract"), str(result)
    assert seconds < TEST_BUDGET + BUDGET_SLACK, f"{name}: {seconds:.1f} s"
