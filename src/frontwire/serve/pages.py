"""The HTML pages, rendered on the server from the same bodies as their JSON twins.

Templates autoescape everything; the only script is ``static/overview.js``
(the map and auto-submitting facets), and the pages work without it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import quote as quote_path
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse

from frontwire import __version__
from frontwire.export.incidents import plural
from frontwire.model import EVENT_TYPES
from frontwire.serve import charts, views
from frontwire.serve.app import missing_assets, open_store, read_one
from frontwire.serve.params import Limit, Offset, SortParam, selection
from frontwire.store.dashboard import SORTS, Selection

ERROR_PAGES = {
    status: {"description": f"An error page: {what}.", "content": {"text/html": {"schema": {"type": "string"}}}}
    for status, what in ((404, "no such id"), (422, "a parameter is not valid, and which"),
                         (503, "the database cannot be read, or a query ran over its time limit"))
}  # fmt: skip
router = APIRouter(tags=["pages"], default_response_class=HTMLResponse, responses=ERROR_PAGES)
ID = Annotated[str, Path(max_length=300, description="The id as listed.")]


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("frontwire.serve", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(shown=shown, quote_path=quote_path, colours=charts.TYPE_COLOURS, types=EVENT_TYPES, sorts=tuple(SORTS), version=__version__)
    env.filters["label"] = lambda value: str(value).replace("_", " ") if value is not None else "-"
    env.filters["noun"] = plural
    env.filters["short"] = lambda text, n=180: text if len(text) <= n else text[: n - 1].rstrip() + "…"
    return env


def linker(request: Request) -> Callable[..., str]:
    """``link(path, key=value, ...)``: the current query with some parameters replaced (None drops one)."""

    def link(path: str | None = None, **changes: Any) -> str:
        items = [(k, v) for k, v in request.query_params.multi_items() if k not in changes and v != ""]
        for key, value in changes.items():
            values = value if isinstance(value, (list, tuple)) else [value]
            items += [(key, str(v)) for v in values if v is not None]
        query = urlencode(items)
        return (path or request.url.path) + (f"?{query}" if query else "")

    return link


def shown(segments: list[dict], events: list[dict] = (), quotes: list[dict] = ()) -> list[dict[str, Any]]:  # type: ignore[assignment]
    """Segments ready to draw: CSS classes, the event's colour, a tooltip, anchors where events start, badges where they end.

    An event's badge links to its incident; a quote's names its speaker.
    """
    out = []
    for segment in segments:
        tagged: dict[str, list[str]] = {"event": [], "quote": [], "field": []}
        for tag in segment["tags"]:
            kind, _, name = tag.partition(":")
            tagged[kind].append(name)
        in_events = [events[int(n)] for n in tagged["event"] if int(n) < len(events)]
        classes = (["ev"] if tagged["event"] else []) + (["qt"] if tagged["quote"] else []) + [f"f f-{f}" for f in tagged["field"]]
        title = "; ".join([e["type"].replace("_", " ") for e in in_events] + tagged["field"] + (["quote"] if tagged["quote"] else []))
        anchors = [_anchor(tag, events) for tag in segment["opens"] if not tag.startswith("field:")]
        badges = []
        for tag in segment["closes"]:
            kind, _, name = tag.partition(":")
            if kind == "event" and int(name) < len(events):
                event = events[int(name)]
                href = f"/incidents/{quote_path(event['incident'])}" if event.get("incident") else None
                badges.append({"href": href, "label": event["type"].replace("_", " ") + (" ↗" if href else ""),
                               "colour": charts.TYPE_COLOURS.get(event["type"], "#555"),
                               "title": f"{event['evidence']}; incident {event.get('incident') or 'none'}"})  # fmt: skip
            elif kind == "quote" and int(name) < len(quotes):
                quote = quotes[int(name)]
                badges.append({"href": None, "label": f"— {quote['speaker'] or 'unattributed'}", "title": quote["speaker_type"]})
        out.append({"text": segment["text"], "classes": " ".join(classes), "title": title, "anchors": anchors, "badges": badges,
                    "colour": charts.TYPE_COLOURS.get(in_events[-1]["type"]) if in_events else None})  # fmt: skip
    return out


def _anchor(tag: str, events: list[dict]) -> str:
    """The element id where a highlight starts: the event's id (so reports can link to it), else ``quote-N``."""
    kind, _, name = tag.partition(":")
    if kind == "event" and int(name) < len(events):
        return events[int(name)]["id"]
    return f"{kind}-{name}"


def render(request: Request, name: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    template = environment().get_template(name)
    html = template.render(request=request, link=linker(request), path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, error: str, detail: list[dict]) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, error=error, detail=detail, title=f"Error {status}")


@router.get("/", summary="Overview page", response_description="HTML; the JSON twin is /api/overview.")
def overview(request: Request, chosen: Annotated[Selection, Depends(selection)], sort: SortParam = "corroboration",
             limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:  # fmt: skip
    """A map of incidents, incidents per week stacked by type, facets and the incident list, under one set of filters."""
    with open_store(request) as store:
        data = views.overview_view(store, chosen, sort=sort, limit=limit, offset=offset)
    map_data = {"groups": data["map"], "colours": charts.TYPE_COLOURS, "world": "/static/vendor/world-50m.json"}
    return render(
        request, "overview.html", title="Overview", data=data, chosen=chosen, sort=sort,
        timeline=charts.timeline_bars(data["timeline"]), map_data=map_data, missing=missing_assets(),
    )  # fmt: skip


@router.get("/incidents/{id}", summary="Incident page", response_description="HTML; the JSON twin is /api/incidents/{id}.")
def incident(request: Request, id: ID) -> HTMLResponse:
    """An incident's reports in time order, the sentences with their fields, quotes, source chains and figures."""
    data = read_one(request, views.incident_view, id, missing=f"no incident {id!r}")
    return render(request, "incident.html", title=f"Incident {id}", data=data)


@router.get("/articles/{doc:path}", summary="Article page", response_description="HTML; the JSON twin is /api/articles/{doc}.")
def article(request: Request, doc: ID) -> HTMLResponse:
    """An article's text with every event and quote highlighted, each event linking to its incident."""
    data = read_one(request, views.article_view, doc, missing=f"no article {doc!r}")
    return render(request, "article.html", title=data["article"]["title"] or doc, data=data)


@router.get("/units", summary="Units page", response_description="HTML; the JSON twin is /api/units.")
def units(request: Request, chosen: Annotated[Selection, Depends(selection)], limit: Limit = 25, offset: Offset = 0) -> HTMLResponse:
    """Each unit with its incidents along a shared time axis, the most incidents first."""
    with open_store(request) as store:
        data = views.units_view(store, chosen, limit=limit, offset=offset)
    days = [d for u in data["units"] for d in (u["first"], u["last"]) if d]
    first, last = (min(days), max(days)) if days else (None, None)
    strips = {u["key"]: charts.unit_strip(u["items"], first, last) for u in data["units"]}
    return render(request, "units.html", title="Units", data=data, strips=strips, first=first, last=last,
                  strip_width=charts.STRIP_WIDTH)  # fmt: skip
