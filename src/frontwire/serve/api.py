"""The JSON twins of the pages, under ``/api``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request

from frontwire.serve import schemas, views
from frontwire.serve.app import open_store, read_one
from frontwire.serve.params import Limit, Offset, SortParam, selection
from frontwire.store.dashboard import Selection

router = APIRouter(prefix="/api", tags=["api"])
BAD = {422: {"model": schemas.Problem, "description": "A parameter is not valid; `detail` names it."},
       503: {"model": schemas.Problem, "description": "The database cannot be read, or a query ran over its time limit."}}  # fmt: skip
NOT_FOUND = {404: {"model": schemas.Problem, "description": "No such id."}, **BAD}
ID = Annotated[str, Path(max_length=300, description="The id as listed.")]


@router.get("/overview", response_model=schemas.Overview, responses=BAD)
def overview(request: Request, chosen: Annotated[Selection, Depends(selection)], sort: SortParam = "corroboration",
             limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:  # fmt: skip
    """Incidents under the filters: facet counts, map groups, incidents per week and type, and one page of the list."""
    with open_store(request) as store:
        return views.overview_view(store, chosen, sort=sort, limit=limit, offset=offset)


@router.get("/incidents/{id}", response_model=schemas.IncidentDetail, responses=NOT_FOUND)
def incident(request: Request, id: ID) -> dict[str, Any]:
    """One incident: its reports in time order with the fields and quotes, the source chains, the links' reasons."""
    return read_one(request, views.incident_view, id, missing=f"no incident {id!r}")


@router.get("/articles/{doc:path}", response_model=schemas.ArticleDetail, responses=NOT_FOUND)
def article(request: Request, doc: ID) -> dict[str, Any]:
    """One article: its text, events (each with its incident), quotes, and the text cut at every highlight."""
    return read_one(request, views.article_view, doc, missing=f"no article {doc!r}")


@router.get("/units", response_model=schemas.Units, responses=BAD)
def units(request: Request, chosen: Annotated[Selection, Depends(selection)], limit: Limit = 25, offset: Offset = 0) -> dict[str, Any]:
    """Units under the filters, the most incidents first, each with its incidents in date order."""
    with open_store(request) as store:
        return views.units_view(store, chosen, limit=limit, offset=offset)
