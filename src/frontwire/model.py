"""Frozen records shared by every stage.

Records hold character offsets into ``Article.text`` and plain values, never
spaCy objects, so that they serialize, store and compare as they are.
Offsets are Python string indices, ``end`` exclusive.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

EVENT_TYPES: tuple[str, ...] = (
    "refusal_to_fight",
    "desertion",
    "surrender",
    "friendly_fire",
    "heavy_losses",
    "equipment_failure",
    "equipment_loss",
    "supply_shortage",
    "command_failure",
    "morale_statement",
    "collective_complaint",
    "punitive_measure",
    "recruitment_drive",
)

EVIDENCE: tuple[str, ...] = ("asserted", "attributed", "unverified", "denied")

SPEAKER_TYPES: tuple[str, ...] = (
    "soldier",
    "relative",
    "official",
    "commander",
    "media",
    "expert",
    "organization",
    "other",
)

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Article:
    """One news report as ingested: its text and publication metadata."""

    id: str
    text: str
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD, or None when unknown
    title: str | None = None
    url: str | None = None
    path: str | None = None  # the file it was read from
    fmt: str = "txt"  # txt | jsonl | html | feed

    @property
    def sha256(self) -> str:
        """Content hash of the text and metadata; equal hash means nothing to redo."""
        h = hashlib.sha256()
        for part in (self.id, self.text, self.outlet, self.published, self.title, self.url):
            h.update((part or "").encode("utf-8"))
            h.update(b"\x1f")
        return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that could not be read: which one, a short code and a message."""

    path: str
    code: str
    message: str
    item: str | None = None  # the line, entry or member inside the file

    @property
    def where(self) -> str:
        """The file, and the line or entry inside it when there is one."""
        return f"{self.path}:{self.item}" if self.item else self.path

    def __str__(self) -> str:
        return f"{self.where}: {self.code}: {self.message}"


@dataclass(frozen=True, slots=True)
class Place:
    """A place named in the text, resolved against the gazetteer when possible."""

    name: str
    span: Span
    country: str | None = None  # under internationally recognized borders
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    gazetteer_id: str | None = None  # "geonames:<id>" or "alias:<key>"
    kind: str = "place"  # city | admin1 | country | region | feature


@dataclass(frozen=True, slots=True)
class DateRange:
    """A time expression resolved to an interval against the publication date."""

    start: str  # YYYY-MM-DD
    end: str  # YYYY-MM-DD, inclusive
    precision: str  # day | week | month | season | year | range
    text: str = ""
    span: Span | None = None

    @property
    def value(self) -> str:
        """The export form: YYYY-MM-DD, YYYY-MM, or START/END."""
        if self.start == self.end:
            return self.start
        if self.precision == "month" and self.start.endswith("-01") and self.start[:7] == self.end[:7]:
            return self.start[:7]
        return f"{self.start}/{self.end}"


@dataclass(frozen=True, slots=True)
class Count:
    """A number written in a sentence with what it counts."""

    value: float
    unit: str  # people | percent | vehicles | kilometers | units | ...
    span: Span
    text: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention found by the NLP stage: unit, place, media, person, org."""

    doc: str
    label: str  # UNIT | PLACE | MEDIA | PERSON | ORG | NORP
    text: str
    span: Span
    norm: str  # normalized name
    kb_id: str | None = None


@dataclass(frozen=True, slots=True)
class FieldSpan:
    """Where in the article the value of one field was read."""

    field: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
    doc: str
    span: Span  # inside the quotation marks
    text: str
    speaker: str | None = None
    speaker_type: str = "other"
    speaker_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Event:
    doc: str
    type: str
    span: Span  # the sentence
    text: str
    side: str | None = None
    actor: str | None = None
    unit: str | None = None
    location: Place | None = None
    date: DateRange | None = None
    count: float | None = None
    count_unit: str | None = None
    chain: tuple[str, ...] = ()  # from origin to the outlet
    source: str | None = None
    origin: str | None = None
    evidence: str = "asserted"
    cue: str | None = None  # the words that triggered the type
    provenance: tuple[FieldSpan, ...] = ()
    confidence: float = 1.0

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.span[0]}:{self.type}"


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one article."""

    article: Article
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    mentions: tuple[Mention, ...] = ()
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Incident:
    """One real-world happening of one type, with every report of it and how well it is corroborated.

    ``origins`` counts distinct first sources over the reports that are not
    syndicated copies: an outlet citing another outlet, or reprinting its
    text, adds a report but no independent origin.
    """

    id: str
    type: str
    events: tuple[str, ...]  # Event ids, earliest report first
    docs: tuple[str, ...]
    reports: int  # articles
    outlets: int
    origins: int  # independent origin parties
    copies: int  # syndicated copies among the reports
    evidence: str  # the strongest status among the reports
    denied: bool  # some report carries a denial
    first_report: str | None
    last_report: str | None
    date: DateRange | None = None
    side: str | None = None
    unit: str | None = None
    location: Place | None = None
    count: float | None = None
    count_unit: str | None = None
    origin_names: tuple[str, ...] = ()
    outlet_names: tuple[str, ...] = ()
    text: str = ""  # the earliest report's sentence
