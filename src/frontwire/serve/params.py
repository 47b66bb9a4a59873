"""Query parameters shared by the pages and their JSON twins, validated before any SQL runs.

An empty value (as an HTML form sends for a blank field) is the same as none.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query
from pydantic import BeforeValidator, Field

from frontwire.errors import ConfigError
from frontwire.model import EVENT_TYPES, EVIDENCE
from frontwire.store import date_bound
from frontwire.store.dashboard import SORTS, Selection

MAX_PAGE = 200  # the largest page any list returns
MAX_VALUES = 20  # values a repeated parameter may carry
MAX_TEXT = 200  # characters in a text parameter
MAX_OFFSET = 1_000_000
DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"

EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
Evidence = Literal[EVIDENCE]  # type: ignore[valid-type]
Sort = Literal[tuple(SORTS)]  # type: ignore[valid-type]


def _blank(value: object) -> object:
    """A blank form field is no value."""
    return None if isinstance(value, str) and not value.strip() else value


Origins = Annotated[int, Field(ge=0, le=10_000)]
Types = Annotated[list[EventType], Query(description="Event types (repeat for several).", max_length=MAX_VALUES)]
Sides = Annotated[list[Annotated[str, Query(max_length=60)]], Query(description="Sides, any case; `unknown` for none.",
                                                                     max_length=MAX_VALUES)]  # fmt: skip
Evidences = Annotated[list[Evidence], Query(description="Strongest evidence of the incident.", max_length=MAX_VALUES)]
Unit = Annotated[str | None, Query(max_length=MAX_TEXT, description="A unit key (`unit:155-brigade`) or words of its name.")]
Place = Annotated[str | None, Query(max_length=MAX_TEXT, description="Words of the place, region or country.")]
Since = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD: incidents before it are left out.")]
Until = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD: incidents after it are left out.")]
MinOrigins = Annotated[Origins | None, BeforeValidator(_blank), Query(description="At least this many independent origins.")]
Search = Annotated[str | None, Query(max_length=MAX_TEXT, description="Full-text query (SQLite FTS5) over the reports' articles.")]


def _text(value: str | None) -> str | None:
    value = value.strip() if value is not None else None
    return value or None


def selection(
    type: Types = [],  # noqa: B006 (FastAPI copies defaults)
    side: Sides = [],  # noqa: B006
    evidence: Evidences = [],  # noqa: B006
    unit: Unit = None,
    place: Place = None,
    since: Since = None,
    until: Until = None,
    min_origins: MinOrigins = None,
    q: Search = None,
) -> Selection:
    """The filters of the overview and the units page."""
    since, until = _text(since), _text(until)
    for name, value in (("since", since), ("until", until)):
        if value is not None:
            try:
                date_bound(value, end=name == "until")
            except ConfigError as exc:
                raise ConfigError(f"{name}: {exc.message}", code=name) from exc
    return Selection(
        types=tuple(dict.fromkeys(type)), sides=tuple(dict.fromkeys(s for s in (_text(s) for s in side) if s)),
        evidence=tuple(dict.fromkeys(evidence)), unit=_text(unit), place=_text(place), since=since, until=until,
        min_origins=min_origins or None, q=_text(q),
    )  # fmt: skip


Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Rows per page, at most {MAX_PAGE}.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
SortParam = Annotated[Sort, Query(description="Order of the incident list.")]
