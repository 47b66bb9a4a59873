"""Response models of the JSON API: what each page's twin returns, documented in the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FacetValue(Model):
    value: str
    label: str
    count: int


class IncidentItem(Model):
    """An incident's summary as the lists show it."""

    id: str
    type: str
    reports: int
    outlets: int
    origins: int
    copies: int
    evidence: str
    denied: bool
    first_report: str | None
    last_report: str | None
    date_start: str | None
    date_end: str | None
    date_precision: str | None
    side: str | None
    unit: str | None
    location: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    text: str


class MapGroup(Model):
    """Incidents of one type at one point."""

    lat: float
    lon: float
    location: str | None
    type: str
    incidents: int
    reports: int
    origins: int


class WeekCount(Model):
    week: str  # the Monday, YYYY-MM-DD
    type: str
    count: int


class PageInfo(Model):
    total: int
    limit: int
    offset: int
    sort: str


class Overview(Model):
    """The overview: facets, map groups, weekly counts and one page of incidents, all under the same filters."""

    filters: dict[str, Any]
    total: int  # incidents under the filters
    all_incidents: int  # incidents in the store
    facets: dict[str, list[FacetValue]]
    map: list[MapGroup]
    unplaced: int  # incidents under the filters with no point
    timeline: list[WeekCount]
    incidents: list[IncidentItem]
    page: PageInfo


class SegmentOut(Model):
    """A piece of text under the same highlights: ``event:N``, ``quote:N`` or ``field:NAME`` tags."""

    text: str
    start: int
    tags: list[str]
    opens: list[str]
    closes: list[str]


class QuoteOut(Model):
    doc: str
    span: list[int]
    text: str
    speaker: str | None
    speaker_type: str
    speaker_span: list[int] | None


class Report(Model):
    event: dict[str, Any]  # an event row of the export contract
    outlet: str | None
    published: str | None
    title: str | None
    copy_of: str | None
    segments: list[SegmentOut]
    quotes: list[QuoteOut]


class ChainNode(Model):
    id: str
    label: str
    depth: int
    kind: str  # origin | relay | article
    x: float
    y: float


class ChainEdge(Model):
    source: str
    target: str


class ChainGraph(Model):
    nodes: list[ChainNode]
    edges: list[ChainEdge]
    width: float
    height: float
    node_width: float
    node_height: float


class LinkOut(Model):
    a: str
    b: str
    kind: str
    score: float
    reasons: list[str]


class IncidentDetail(Model):
    """An incident with its reports in time order, the source chains as a graph and why its reports are linked."""

    incident: dict[str, Any]  # an incident row of the export contract
    reports: list[Report]
    shown: dict[str, int]
    chains: ChainGraph
    links: list[LinkOut]


class ArticleOut(Model):
    id: str
    outlet: str | None
    published: str | None
    title: str | None
    url: str | None
    fmt: str
    copy_of: str | None
    chars: int
    text: str


class ArticleDetail(Model):
    """An article's text with every event and quote, each event with its incident."""

    article: ArticleOut
    events: list[dict[str, Any]]
    quotes: list[QuoteOut]
    segments: list[SegmentOut]
    warnings: list[str]


class UnitIncident(Model):
    id: str
    type: str
    day: str | None
    reports: int
    origins: int
    location: str | None


class UnitOut(Model):
    key: str
    name: str
    aliases: list[str]
    incidents: int
    reports: int
    first: str | None
    last: str | None
    items: list[UnitIncident]


class Units(Model):
    """Units with their incidents over time, the most incidents first."""

    filters: dict[str, Any]
    total: int  # units under the filters
    limit: int
    offset: int
    units: list[UnitOut]


class Problem(Model):
    """An error: what was wrong, and with which parameter."""

    error: str
    detail: list[dict[str, Any]] = []
