"""The web app: FastAPI over the store opened read-only, one connection a request.

Every page has a JSON twin under ``/api``; both are in the OpenAPI schema at
``/openapi.json``. Errors come back as ``{"error", "detail"}`` (JSON) or an
error page (HTML): 404 for an unknown id, 422 for a bad parameter, 503 when
the database cannot be read or a query runs past its time limit.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from frontwire import __version__
from frontwire.errors import ConfigError, FrontwireError
from frontwire.store import Store

QUERY_SECONDS = 5.0  # a request's queries are stopped after this long
PROGRESS_STEPS = 20_000  # SQLite virtual-machine steps between time checks
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
        " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
        " frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
VENDOR_FILES = ("leaflet/leaflet.js", "leaflet/leaflet.css", "topojson-client.min.js", "world-50m.json")


class NotFound(FrontwireError):
    code = "not-found"


class TooSlow(FrontwireError):
    code = "too-slow"


def static_dir() -> Path:
    return Path(str(resources.files("frontwire.serve") / "static"))


def missing_assets() -> list[str]:
    """The vendored front-end files (installed by ``make assets``) that are not there."""
    vendor = static_dir() / "vendor"
    return [name for name in VENDOR_FILES if not (vendor / name).is_file()]


@contextmanager
def open_store(request: Request) -> Iterator[Store]:
    """The store, read-only, for one request; its queries stop after ``QUERY_SECONDS``.

    The request reads inside one transaction, so all its queries see the same
    snapshot: an article an ingest writes meanwhile is either all there or not
    at all, never half.
    """
    store = Store.open(request.app.state.db, readonly=True)
    deadline = time.monotonic() + request.app.state.query_seconds
    store.conn.set_progress_handler(lambda: int(time.monotonic() > deadline), PROGRESS_STEPS)
    try:
        store.conn.execute("BEGIN")
        yield store
    except (FrontwireError, sqlite3.OperationalError) as exc:
        if "interrupted" in str(exc):
            raise TooSlow(f"the query ran over {request.app.state.query_seconds:g} s; narrow the filters") from exc
        raise
    finally:
        store.close()  # closing ends the read transaction


def read_one(request: Request, view: Callable[[Store, str], dict | None], id: str, *, missing: str) -> dict:
    """``view(store, id)`` on the request's store; :class:`NotFound` (``missing``) when it finds nothing."""
    with open_store(request) as store:
        found = view(store, id)
    if found is None:
        raise NotFound(missing)
    return found


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and request.url.path != "/openapi.json"


def _error(request: Request, status: int, error: str, detail: list[dict] | None = None) -> Response:
    if _wants_html(request):
        from frontwire.serve.pages import error_page

        return error_page(request, status, error, detail or [])
    return JSONResponse({"error": error, "detail": detail or []}, status_code=status)


def _validation_detail(exc: RequestValidationError) -> list[dict]:
    out = []
    for problem in exc.errors():
        where = [str(part) for part in problem.get("loc", ()) if part not in ("query", "path")]
        out.append({"param": ".".join(where), "message": problem.get("msg", "invalid"), "input": str(problem.get("input", ""))[:200]})
    return out


def create_app(db: str | Path, *, query_seconds: float = QUERY_SECONDS) -> FastAPI:
    """The dashboard and its API over the database at ``db`` (opened read-only for each request)."""
    from frontwire.serve import api, pages

    app = FastAPI(
        title="frontwire",
        version=__version__,
        summary="Incidents of armed forces breaking down, with their sources, from war reporting.",
        docs_url=None,  # Swagger UI and ReDoc load from CDNs; the schema is at /openapi.json
        redoc_url=None,
    )
    app.state.db = str(db)
    app.state.query_seconds = query_seconds

    @app.middleware("http")
    async def headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        start = time.perf_counter()
        response = await call_next(request)
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - start) * 1000:.1f}"
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> Response:
        detail = _validation_detail(exc)
        message = "; ".join(f"{d['param']}: {d['message']}" for d in detail)
        return _error(request, 422, f"bad query parameter: {message}", detail)

    @app.exception_handler(ConfigError)
    async def bad_value(request: Request, exc: ConfigError) -> Response:
        param = {"query": "q"}.get(exc.code, exc.code)
        return _error(request, 422, exc.message, [{"param": param, "message": exc.message}])

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:  # no such route, wrong method
        response = _error(request, exc.status_code, f"{exc.detail}: {request.url.path}")
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(FrontwireError)
    async def unavailable(request: Request, exc: FrontwireError) -> Response:
        return _error(request, 503, str(exc))

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    return app


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000, log_level: str = "info") -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level=log_level)


__all__ = ["NotFound", "TooSlow", "create_app", "missing_assets", "open_store", "read_one", "serve"]
