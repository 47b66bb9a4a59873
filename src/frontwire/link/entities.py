"""Canonical entities: one key per unit, place, person, outlet or channel, whatever its wording.

"the 155th Brigade", "155th Marine Brigade of the Pacific Fleet" and
"155th Separate Guards Marine Brigade" all key to ``unit:155-brigade``. A
user's alias file maps any wording to the canonical name of their choice and
overrides the automatic key (see :class:`Aliases`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from frontwire.errors import ConfigError

KINDS: tuple[str, ...] = ("unit", "place", "person", "outlet", "channel")
ECHELONS: dict[str, str] = {
    "army": "army", "armies": "army", "corps": "corps", "division": "division", "divisions": "division",
    "brigade": "brigade", "brigades": "brigade", "regiment": "regiment", "regiments": "regiment",
    "battalion": "battalion", "battalions": "battalion", "company": "company", "companies": "company",
    "platoon": "platoon", "battery": "battery", "squadron": "squadron", "detachment": "detachment",
    "group": "group", "flotilla": "flotilla", "wing": "wing", "unit": "unit", "command": "command",
}  # fmt: skip
# "155th ... Brigade", "Brigade 155", "Unit 40318": a number and the echelon it numbers
ORDINAL_FORMATION = re.compile(r"\b(\d{1,5})(?:st|nd|rd|th)?\b((?:\s+(?!\d)[\w'’-]+){0,5}?)\s+(" + "|".join(ECHELONS) + r")\b", re.I)
FORMATION_NUMBER = re.compile(r"\b(" + "|".join(ECHELONS) + r")\s+(?:no\.?\s*|№\s*|#)?([A-Z]?\d{1,5})\b", re.I)
BARE_ORDINAL = re.compile(r"\b(\d{1,5})(?:st|nd|rd|th)\b", re.I)
# words that qualify a formation without naming it
GENERIC = frozenset(
    "the a an of and separate guards guard independent special motorized motorised rifle motor mechanized mechanised"
    " tank infantry marine marines naval airborne assault mountain light heavy reserve territorial defence defense"
    " forces force troops army armed military national operational tactical combined arms s".split()
)
# words that make a capitalized name a body rather than a person
BODY_WORDS = frozenset(
    "telegram channel ministry agency service intelligence news force forces network group army committee council"
    " front movement union office command monitor center centre institute project media outlet directorate staff"
    " government police guard party radio tv times post press journal gazette review".split()
)
HONORIFIC = re.compile(r"^(?:mr|mrs|ms|dr|gen|general|col|colonel|lt|maj|major|capt|captain|sgt|president|minister)\.?\s+", re.I)
OUTLET_NOISE = re.compile(r"^the\s+|(?<!\s)\s+(?:news(?:paper)?|agency|tv|online)$", re.I)  # (?<!\s): a blank run is tried once
DOMAIN = re.compile(r"(?:^https?://|^www\.)|\.(?:com|org|net|info|news|ru|ua|uk|io|media|am|me|co)(?:\.[a-z]{2})?/?$", re.I)
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


# The name caches here hold a few thousand entries: full within an ingest's first thousand articles,
# so that memory stays flat after it; a miss costs a few microseconds.
@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Case-, accent- and space-insensitive form of a name."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(WORD.findall(text.casefold().replace("’", "'")))


@lru_cache(maxsize=4096)
def formations(name: str) -> tuple[str, ...]:
    """The numbered formations a unit name holds, innermost first: ``("3-battalion", "47-brigade")``."""
    found: list[tuple[int, str]] = []
    for match in ORDINAL_FORMATION.finditer(name):
        found.append((match.start(), f"{int(match.group(1))}-{ECHELONS[match.group(3).lower()]}"))
    for match in FORMATION_NUMBER.finditer(name):
        number = match.group(2).upper().lstrip("0") or "0"
        found.append((match.start(), f"{number}-{ECHELONS[match.group(1).lower()]}"))
    if not found:
        bare = BARE_ORDINAL.search(name)
        return (f"{int(bare.group(1))}-",) if bare else ()
    return tuple(dict.fromkeys(key for _, key in sorted(found)))


def unit_key(name: str) -> str:
    """``unit:<outermost numbered formation>``, for named forces ``unit:<distinctive words>``; "" for "the battalion"."""
    numbered = formations(name)
    if numbered:
        return f"unit:{numbered[-1]}"
    words = [w for w in fold(name).split() if w not in GENERIC and w not in ECHELONS]
    return "unit:" + "-".join(words) if words else ""


@lru_cache(maxsize=4096)
def formations_agree(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    """Whether two formation lists (innermost first) can name one formation: the outermost of one is
    in the other ("1st Battalion of the 247th" and "the 247th Regiment"; a bare "the 247th" fits any echelon)."""
    if not x or not y:
        return False
    return any(_same(x[-1], fy) for fy in y) or any(_same(y[-1], fx) for fx in x)


def _same(a: str, b: str) -> bool:
    na, ea = a.split("-", 1)
    nb, eb = b.split("-", 1)
    return na == nb and (ea == eb or not ea or not eb)


def place_key(name: str, gazetteer_id: str | None = None) -> str:
    return f"place:{gazetteer_id}" if gazetteer_id else f"place:{fold(name)}"


def person_key(name: str) -> str:
    return "person:" + fold(HONORIFIC.sub("", name.strip()))


def outlet_key(name: str) -> str:
    """``outlet:<name>``: "The Moscow Times", "moscowtimes" stay apart, "Meduza.io" and "Meduza" meet."""
    text = fold(DOMAIN.sub("", name.strip()))
    previous = None
    while previous != text:
        previous, text = text, OUTLET_NOISE.sub("", text).strip()
    return "outlet:" + (text or fold(name))


def channel_key(name: str) -> str:
    return "channel:" + fold(name)


KEYERS = {"unit": unit_key, "place": place_key, "person": person_key, "outlet": outlet_key, "channel": channel_key}


def party_kind(name: str) -> str:
    """Whether a source or origin names an outlet/channel, a person, or a formation."""
    low = fold(name)
    if formations(name) or any(w in ECHELONS for w in low.split()):
        return "unit"
    if any(w in BODY_WORDS for w in low.split()):
        return "channel"
    words = name.split()
    if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        return "person"
    return "channel"


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity: its key, kind, display name and every wording seen for it."""

    key: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    user: bool = False  # the name comes from the user's alias file


@dataclass(frozen=True, slots=True)
class Aliases:
    """User overrides: (kind, folded wording) -> canonical name, whose key then wins."""

    names: dict[tuple[str, str], str] = field(default_factory=dict)

    def key(self, kind: str, name: str, **extra: str | None) -> str:
        canonical = self.names.get((kind, fold(name)))
        if canonical is not None:
            return KEYERS[kind](canonical) if kind != "place" else place_key(canonical)
        keyer = KEYERS[kind]
        return keyer(name, extra.get("gazetteer_id")) if kind == "place" else keyer(name)

    def canonical(self, kind: str, name: str) -> str | None:
        return self.names.get((kind, fold(name)))

    def __len__(self) -> int:
        return len(self.names)


def read_aliases(path: str | Path) -> Aliases:
    """Read a TSV alias file: ``kind<TAB>wording<TAB>canonical name`` per line, ``#`` comments."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read alias file: {exc}", where=str(path), code="aliases") from exc
    return Aliases(dict(_alias_rows(lines, str(path))))


def _alias_rows(lines: Iterable[str], where: str) -> Iterator[tuple[tuple[str, str], str]]:
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 3 or not all(parts):
            raise ConfigError("expected kind<TAB>wording<TAB>canonical name", where=f"{where}:{lineno}", code="aliases")
        kind, wording, canonical = parts
        if kind not in KINDS:
            raise ConfigError(f"unknown kind {kind!r}; one of {', '.join(KINDS)}", where=f"{where}:{lineno}", code="aliases")
        yield (kind, fold(wording)), canonical
