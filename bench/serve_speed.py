"""Server time of the dashboard's pages and JSON API on a store of 100k synthetic events.

Run from the repository root::

    .venv/bin/python bench/serve_speed.py [--events N] [--seed S] [--repeat K] [--rebuild] [--db PATH] [--json [OUT]]

The store holds N events (default 100,000) from the synthetic archive of
``bench/link_speed.py``, saved, linked (``link_pending``) and with its entity
tables filled (``refresh_entities``). Building it takes minutes at 100k, so
it is kept in ``bench/results/serve_store-<events>-<seed>-v<schema>.db`` and
built again only when absent or with ``--rebuild``; ``--db`` times an existing
store instead (opened read-only, as the app does).

Requests go in-process through ``fastapi.testclient.TestClient`` over
:func:`frontwire.serve.create_app`: the overview page and its JSON twin, with
no filter and with each kind of filter; the incident page and its twin for
the most reported incident and a typical one (a quarter down the list by
reports); an article of that incident; the units page and its twin. Each URL
is requested once untimed, then ``--repeat`` times (default 7). The figure is
the app's own ``Server-Timing: app;dur=`` header (wall time per request is
recorded too); the floor, in the same run, is ``/static/app.css`` through the
same client. Target: overview and incident pages under 300 ms of server time.
"""

from __future__ import annotations

import argparse
import platform
import re
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
import link_speed  # noqa: E402
from benchio import RESULTS, write_json  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EVENTS = 100_000
REPEAT = 7
TARGET_MS = 300.0  # overview and incident pages, server time, at 100k events
FLOOR_URL = "/static/app.css"
TIMING = re.compile(r"app;dur=([0-9.]+)")


def store_path(events: int, seed: int) -> Path:
    from frontwire.store.schema import latest

    return RESULTS / f"serve_store-{events}-{seed}-v{latest()}.db"


def build_store(path: Path, *, events: int, seed: int) -> None:
    """Generate ``events`` events, save, link and index them into ``path`` (built under a temporary name)."""
    from frontwire.model import Extraction
    from frontwire.store import Store
    from frontwire.store.incident_reads import refresh_entities
    from frontwire.store.incidents import link_pending, load_linker

    part = path.with_name(path.name + ".part")
    for leftover in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
        leftover.unlink(missing_ok=True)  # an interrupted build is never reused
    part.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    corpus = link_speed.generate(events, extra_articles=0, seed=seed)
    bulk, _ = link_speed.split(corpus, events=events, incremental=0)
    print(f"build: {len(bulk):,} articles generated in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    with Store.open(part) as store:
        steps = (
            ("saved", lambda: [store.save(Extraction(article, tuple(evs))) for article, evs in bulk]),
            ("linked", lambda: link_pending(store, load_linker(store))),
            ("entities refreshed", lambda: refresh_entities(store)),
        )
        for name, step in steps:
            start = time.perf_counter()
            step()
            print(f"build: {name} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for leftover in (Path(f"{part}-wal"), Path(f"{part}-shm")):
        leftover.unlink(missing_ok=True)  # checkpointed and closed: nothing left in them
    part.rename(path)
    print(f"build: wrote {path}", file=sys.stderr)


def request(client: TestClient, url: str) -> tuple[int, int, float, float]:
    """One GET: status, body bytes, server ms (Server-Timing) and wall ms."""
    start = time.perf_counter()
    response = client.get(url)
    wall = (time.perf_counter() - start) * 1000
    found = TIMING.search(response.headers.get("server-timing", ""))
    if found is None:
        raise SystemExit(f"error: {url}: no Server-Timing header in the response")
    return response.status_code, len(response.content), float(found.group(1)), wall


def time_url(client: TestClient, kind: str, url: str, repeat: int) -> dict:
    """Warm ``url`` up once, then time it ``repeat`` times; exits 1 on any status but 200."""
    runs = [request(client, url) for _ in range(repeat + 1)][1:]
    bad = sorted({status for status, *_ in runs if status != 200})
    if bad:
        print(f"error: GET {url} returned {', '.join(map(str, bad))}", file=sys.stderr)
        raise SystemExit(1)
    server, wall = sorted(r[2] for r in runs), sorted(r[3] for r in runs)
    return {
        "kind": kind, "url": url, "status": runs[-1][0], "bytes": runs[-1][1],
        "median_ms": round(statistics.median(server), 2), "p95_ms": round(_tail(server), 2), "max_ms": round(server[-1], 2),
        "wall_median_ms": round(statistics.median(wall), 2), "server_ms": [round(ms, 2) for ms in server],
    }  # fmt: skip


def _tail(values: list[float]) -> float:
    """p95 from 20 timings on; below that, the max."""
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def get_json(client: TestClient, url: str) -> dict:
    response = client.get(url)
    if response.status_code != 200:
        print(f"error: GET {url} returned {response.status_code}: {response.text[:300]}", file=sys.stderr)
        raise SystemExit(1)
    return response.json()


def pick_urls(client: TestClient) -> list[tuple[str, str]]:
    """(kind, url) for every URL timed, ids picked through the API itself."""
    first = get_json(client, "/api/overview?sort=reports&limit=1")
    total, top = first["total"], first["incidents"][0]["id"]
    typical = get_json(client, f"/api/overview?sort=reports&limit=1&offset={total // 4}")["incidents"][0]["id"]
    doc = get_json(client, f"/api/incidents/{top}")["reports"][0]["event"]["doc"]
    urls = [("overview", "/"), ("overview", "/api/overview")]
    for query in ("type=desertion", "q=shelling", "side=Russia&since=2023-01&min_origins=2", "place=oblast", "unit=brigade"):
        urls.append(("overview", f"/?{query}"))
    for incident in (top, typical):
        urls += [("incident", f"/incidents/{incident}"), ("incident", f"/api/incidents/{incident}")]
    return urls + [("article", f"/articles/{doc}"), ("units", "/units"), ("units", "/api/units")]


def measure(db: Path, repeat: int) -> tuple[dict, list[dict]]:
    """The floor and every URL, timed through one in-process client."""
    from fastapi.testclient import TestClient

    from frontwire.serve import create_app

    with TestClient(create_app(db)) as client:
        floor = time_url(client, "floor", FLOOR_URL, repeat)
        rows = [time_url(client, kind, url, repeat) for kind, url in pick_urls(client)]
    for row in rows:
        row["x_floor"] = round(row["median_ms"] / floor["median_ms"], 1) if floor["median_ms"] else None
        row["target"] = ("ok" if row["median_ms"] < TARGET_MS else "OVER") if row["kind"] in ("overview", "incident") else ""
    return floor, rows


def table(floor: dict, rows: list[dict], repeat: int) -> str:
    head = f"{'url':<48}{'status':>7}{'KB':>8}{'median ms':>11}{'p95 ms':>9}{'wall ms':>9}{'x floor':>9}  target"
    lines = [head, "-" * len(head)]
    for row in [{**floor, "x_floor": 1.0, "target": "(floor)"}, *rows]:
        url = row["url"] if len(row["url"]) <= 47 else row["url"][:44] + "..."
        lines.append(
            f"{url:<48}{row['status']:>7}{row['bytes'] / 1024:>8.1f}{row['median_ms']:>11.1f}{row['p95_ms']:>9.1f}"
            f"{row['wall_median_ms']:>9.1f}{row['x_floor']:>9.1f}  {row['target']}"
        )
    if repeat < 20:
        lines.append(f"p95 is the max of the {repeat} timed requests (fewer than 20); ms are server time (Server-Timing)")
    lines.append(f"target: overview and incident rows, median server time < {TARGET_MS:.0f} ms at 100k events")
    return "\n".join(lines)


def store_figures(db: Path) -> dict:
    from frontwire.store import Store

    with Store.open(db, readonly=True) as store:
        stats = store.stats()
    return {"events": stats["events"], "articles": stats["articles"], "incidents": stats["incidents"],
            "db_mb": round(db.stat().st_size / 1024 / 1024, 1)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=EVENTS, help="events in the built store (default 100000)")
    parser.add_argument("--seed", type=int, default=link_speed.SEED)
    parser.add_argument("--repeat", type=int, default=REPEAT, help="timed requests per URL after one warm-up (default 7)")
    parser.add_argument("--rebuild", action="store_true", help="build the store again even when it is cached")
    parser.add_argument("--db", metavar="PATH", help="time this existing store instead of building one")
    parser.add_argument("--json", nargs="?", const="", metavar="OUT",
                        help="also write the figures as JSON (default file: bench/results/serve_speed-<time>.json)")  # fmt: skip
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.db:
        db = Path(args.db)
        if not db.is_file():
            parser.error(f"--db: no file at {db}")
    else:
        db = store_path(args.events, args.seed)
        if args.rebuild or not db.is_file():
            build_store(db, events=args.events, seed=args.seed)
        else:
            print(f"store: reusing {db} (--rebuild to build it again)", file=sys.stderr)
    figures = store_figures(db)
    floor, rows = measure(db, args.repeat)
    print(table(floor, rows, args.repeat))
    over = [row["url"] for row in rows if row["target"] == "OVER"]
    info = {"python": platform.python_version(), "implementation": platform.python_implementation(),
            "platform": platform.platform(), "machine": platform.machine(), "peak_rss_mb": round(link_speed.peak_rss_mb(), 1)}  # fmt: skip
    print(f"store: {db} ({figures['db_mb']:,} MB): {figures['events']:,} events, {figures['articles']:,} articles,"
          f" {figures['incidents']:,} incidents")  # fmt: skip
    print(f"python {info['python']} ({info['implementation']}) on {info['platform']}; peak RSS {info['peak_rss_mb']:.0f} MB")
    print(f"{len(over)} of {sum(r['target'] != '' for r in rows)} overview/incident URLs over {TARGET_MS:.0f} ms"
          + (f": {', '.join(over)}" if over else ""))  # fmt: skip
    if args.json is not None:
        record = {
            "when": datetime.now(timezone.utc).isoformat(timespec="seconds"), **info, "db": str(db), "seed": args.seed,
            "repeat": args.repeat, "store": figures, "target_ms": TARGET_MS, "floor": floor, "urls": rows,
        }  # fmt: skip
        write_json("serve_speed", record, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
