"""Watch mode: seconds from a new article landing in a watched folder to its events being queryable.

Run from the repository root::

    .venv/bin/python bench/watch_latency.py [--articles 5] [--interval 1.0]

It starts ``frontwire watch`` on an empty folder in a fresh store, waits for
it to be ready, then drops the bundled samples in one at a time and polls the
store (read-only, as a reader would) until each article's events are there.
It prints each latency with the median and the maximum beside the target
(5 s), and writes them as JSON.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchio import write_json

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
TARGET_S = 5.0
POLL_S = 0.05


def events_of(db: Path, doc: str) -> int:
    try:
        with sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM events WHERE doc = ?", (doc,)).fetchone()[0]
    except sqlite3.Error:
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5)
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--json", metavar="OUT")
    args = parser.parse_args(argv)
    texts = sorted(SAMPLES.glob("*.txt"))[: args.articles]
    latencies = []
    with tempfile.TemporaryDirectory() as tmp:
        folder, db = Path(tmp) / "in", Path(tmp) / "watch.db"
        folder.mkdir()
        cmd = [str(ROOT / ".venv" / "bin" / "frontwire"), "--db", str(db), "watch", str(folder), "--interval", str(args.interval)]
        proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
        try:
            ready = proc.stderr.readline()  # "watching ..." once the store is open
            if not ready.startswith("watching"):
                raise SystemExit(f"watch did not start: {ready}")
            warm = SAMPLES / "two_reports.jsonl"  # the first round loads the model: not counted
            shutil.copy(warm, folder / warm.name)
            while events_of(db, "ru_tank_breakdowns_kupiansk") == 0 and proc.poll() is None:
                time.sleep(POLL_S)
            for text in texts:
                start = time.perf_counter()
                shutil.copy(text.with_suffix(".json"), folder / text.with_suffix(".json").name)
                shutil.copy(text, folder / text.name)
                while events_of(db, text.stem) == 0:
                    time.sleep(POLL_S)
                    if time.perf_counter() - start > 60:
                        raise SystemExit(f"{text.stem}: no events after 60 s")
                latencies.append(time.perf_counter() - start)
                print(f"{text.stem:40} {latencies[-1]:6.2f} s")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    median, worst = statistics.median(latencies), max(latencies)
    print(f"median {median:.2f} s, max {worst:.2f} s (interval {args.interval:g} s; target < {TARGET_S:g} s)")
    write_json("watch_latency", {"latencies_s": latencies, "median_s": median, "max_s": worst,
                                 "interval_s": args.interval, "target_s": TARGET_S}, args.json)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
