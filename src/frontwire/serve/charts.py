"""Chart geometry for the pages, computed on the server: the stacked weekly timeline,
the source-chain graph and the unit strips. Templates draw it as SVG; no script needed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from frontwire.export.chains import Tree
from frontwire.model import EVENT_TYPES

# one colour a type, the same on the map, the timeline, the legend and the strips
TYPE_COLOURS: dict[str, str] = dict(zip(EVENT_TYPES, (
    "#d62728", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#1f77b4", "#aec7e8", "#393b79", "#637939",
), strict=True))  # fmt: skip
TIMELINE_WIDTH = 960
TIMELINE_HEIGHT = 160
MAX_WEEKS = 260  # beyond five years of weeks the bars go by month
MIN_WEEKS = 26  # the axis shows at least half a year
TICK_GAP = 48  # the least room between two axis labels
STRIP_WIDTH = 640
NODE_WIDTH = 190
NODE_HEIGHT = 26
ROW_GAP = 10
COLUMN_GAP = 40


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


def _monday(day: str) -> date:
    d = date.fromisoformat(day)
    return d - timedelta(days=d.weekday())


def timeline_bars(weeks: list[dict[str, Any]], *, width: int = TIMELINE_WIDTH, height: int = TIMELINE_HEIGHT) -> dict[str, Any]:
    """Stacked bars of incidents per week (or per month over long spans), every week of the span shown.

    ``weeks`` rows are ``{"week": Monday, "type", "count"}``. Returns ``{"bars", "bucket", "first", "last",
    "peak", "width", "height", "ticks"}``.
    """
    if not weeks:
        return {"bars": [], "bucket": "week", "first": None, "last": None, "peak": 0, "width": width, "height": height, "ticks": []}
    first, last = _monday(weeks[0]["week"]), _monday(weeks[-1]["week"])
    by_month = (last - first).days // 7 + 1 > MAX_WEEKS
    stacks: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in weeks:
        key = row["week"][:7] if by_month else row["week"]
        stacks[key][row["type"]] += row["count"]
    if not by_month and (last - first).days // 7 + 1 < MIN_WEEKS:  # a short span sits in the middle of a wider axis
        pad = MIN_WEEKS - ((last - first).days // 7 + 1)
        first, last = first - timedelta(weeks=pad // 2), last + timedelta(weeks=pad - pad // 2)
    keys = _months(first, last) if by_month else [(first + timedelta(weeks=n)).isoformat() for n in range((last - first).days // 7 + 1)]
    peak = max(sum(stack.values()) for stack in stacks.values())
    step = width / len(keys)
    bars = []
    for n, key in enumerate(keys):
        y = float(height)
        for type_ in EVENT_TYPES:
            count = stacks.get(key, {}).get(type_, 0)
            if not count:
                continue
            h = height * count / peak
            y -= h
            label = f"{'month' if by_month else 'week of'} {key}: {count} {type_.replace('_', ' ')}"
            bars.append(Bar(round(n * step, 2), round(y, 2), round(max(step - 1, 1), 2), round(h, 2), TYPE_COLOURS[type_], label))
    return {"bars": bars, "bucket": "month" if by_month else "week", "first": weeks[0]["week"], "last": weeks[-1]["week"], "peak": peak,
            "width": width, "height": height, "ticks": _ticks(keys, step, by_month=by_month)}  # fmt: skip


def _ticks(keys: list[str], step: float, *, by_month: bool) -> list[dict[str, Any]]:
    """Axis labels where a month starts (spans up to 80 weeks) or a year starts (longer ones)."""
    monthly = not by_month and len(keys) <= 80
    ticks: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, key in enumerate(keys):
        label = key[:7] if monthly else key[:4]
        if label not in seen and (n + 3) * step <= len(keys) * step:  # no label cut off at the right edge
            seen.add(label)
            if ticks and n * step - ticks[-1]["x"] < TICK_GAP:
                ticks.pop()  # two labels would overlap: the later one starts the period shown
            ticks.append({"x": round(n * step, 2), "label": label})
    return ticks


def _months(first: date, last: date) -> list[str]:
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def chain_graph(tree: Tree) -> dict[str, Any]:
    """The source-chain tree laid out left to right: origins in the first column, articles in the last.

    Returns ``{"nodes": [{"id", "label", "depth", "kind", "x", "y"}], "edges": [{"source", "target"}], "width", "height"}``;
    ``kind`` is ``article`` for the leaves, ``origin`` for the roots, ``relay`` between.
    """
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, str]] = []
    row = 0

    def place(name: str, children: Tree, depth: int, parent: str | None) -> float:
        nonlocal row
        node = {"id": f"n{len(nodes)}", "label": name, "depth": depth,
                "kind": "article" if not children else ("origin" if parent is None else "relay")}  # fmt: skip
        nodes.append(node)
        if parent is not None:
            edges.append({"source": parent, "target": node["id"]})
        if children:
            ys = [place(child, grandchildren, depth + 1, node["id"]) for child, grandchildren in children.items()]
            y = (ys[0] + ys[-1]) / 2
        else:
            y = row * (NODE_HEIGHT + ROW_GAP)
            row += 1
        node["x"] = depth * (NODE_WIDTH + COLUMN_GAP)
        node["y"] = y
        return y

    for name, children in tree.items():
        place(name, children, 0, None)
    depth = max((n["depth"] for n in nodes), default=0)
    return {"nodes": nodes, "edges": edges, "width": (depth + 1) * (NODE_WIDTH + COLUMN_GAP), "height": max(row, 1) * (NODE_HEIGHT + ROW_GAP),
            "node_width": NODE_WIDTH, "node_height": NODE_HEIGHT}  # fmt: skip


def unit_strip(items: list[dict[str, Any]], first: str | None, last: str | None, *, width: int = STRIP_WIDTH) -> list[dict[str, Any]]:
    """One dot an incident along a shared time axis from ``first`` to ``last``: ``{"x", "r", "colour", "id", "title"}``."""
    if not first or not last:
        return []
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    span = max((end - start).days, 1)
    dots = []
    for item in items:
        if not item.get("day"):
            continue
        x = width * (date.fromisoformat(item["day"]) - start).days / span
        r = min(3 + item["reports"], 9)
        title = f"{item['day']} {item['type'].replace('_', ' ')}" + (f" at {item['location']}" if item.get("location") else "") + f", {item['reports']} reports"
        dots.append({"x": round(x, 1), "r": r, "colour": TYPE_COLOURS.get(item["type"], "#555"), "id": item["id"], "title": title})
    return dots
