"""Chart geometry: the stacked timeline, the source-chain layout, the unit strips, text segments."""

from __future__ import annotations

import pytest

from frontwire.serve.charts import MAX_WEEKS, MIN_WEEKS, TIMELINE_HEIGHT, TYPE_COLOURS, chain_graph, timeline_bars, unit_strip
from frontwire.serve.highlight import Mark, segments


def test_timeline_stacks_types_in_a_week_and_scales_to_the_peak():
    chart = timeline_bars([
        {"week": "2024-01-01", "type": "desertion", "count": 3},
        {"week": "2024-01-01", "type": "surrender", "count": 1},
        {"week": "2024-01-15", "type": "desertion", "count": 2},
    ])  # fmt: skip
    assert chart["bucket"] == "week" and chart["peak"] == 4
    assert chart["first"] == "2024-01-01" and chart["last"] == "2024-01-15"
    stacked = [b for b in chart["bars"] if "2024-01-01:" in b.title]
    assert len(stacked) == 2 and sum(b.height for b in stacked) == pytest.approx(TIMELINE_HEIGHT)
    assert {b.colour for b in stacked} == {TYPE_COLOURS["desertion"], TYPE_COLOURS["surrender"]}
    assert len({round(b.x, 2) for b in chart["bars"]}) == 2  # the empty week between has no bar but its slot


def test_timeline_keeps_empty_weeks_and_widens_short_spans():
    chart = timeline_bars([{"week": "2024-03-04", "type": "desertion", "count": 1}])
    step = chart["width"] / MIN_WEEKS
    assert len(chart["bars"]) == 1 and chart["bars"][0].width == pytest.approx(step - 1, abs=0.01)
    assert 0 < chart["bars"][0].x < chart["width"]


def test_timeline_goes_by_month_over_long_spans_with_a_tick_each_year():
    chart = timeline_bars([
        {"week": "2018-01-01", "type": "desertion", "count": 1},
        {"week": "2024-06-03", "type": "desertion", "count": 5},
    ])  # fmt: skip
    assert (2024 - 2018) * 52 > MAX_WEEKS and chart["bucket"] == "month"
    assert [t["label"] for t in chart["ticks"]] == [str(y) for y in range(2018, 2025)]
    assert timeline_bars([])["bars"] == []


def test_chain_graph_puts_origins_first_and_articles_last():
    graph = chain_graph({"a soldier": {"Outlet A": {"[a]": {}}, "Outlet B": {"[b]": {}}}, "Outlet C": {"[c]": {}}})
    by_label = {n["label"]: n for n in graph["nodes"]}
    assert by_label["a soldier"]["kind"] == "origin" and by_label["Outlet A"]["kind"] == "relay"
    assert by_label["[a]"]["kind"] == by_label["[c]"]["kind"] == "article"
    assert by_label["a soldier"]["x"] < by_label["Outlet A"]["x"] < by_label["[a]"]["x"]
    # a parent sits between its first and last child
    assert by_label["Outlet A"]["y"] <= by_label["a soldier"]["y"] <= by_label["Outlet B"]["y"]
    assert len(graph["edges"]) == len(graph["nodes"]) - 2  # two roots
    assert len({n["y"] for n in graph["nodes"] if n["kind"] == "article"}) == 3


def test_unit_strip_places_dots_on_the_shared_axis():
    items = [
        {"id": "inc-1", "type": "desertion", "day": "2024-01-01", "reports": 1, "location": None},
        {"id": "inc-2", "type": "surrender", "day": "2024-12-31", "reports": 20, "location": "Krynky"},
        {"id": "inc-3", "type": "surrender", "day": None, "reports": 1, "location": None},
    ]
    dots = unit_strip(items, "2024-01-01", "2024-12-31", width=100)
    assert [d["x"] for d in dots] == [0.0, 100.0] and dots[1]["r"] == 9 and "Krynky" in dots[1]["title"]
    assert unit_strip(items, None, None) == []


@pytest.mark.parametrize(
    "marks, pieces",
    [
        ([], [("abcdef", ())]),
        ([Mark(0, 6, "e")], [("abcdef", ("e",))]),
        ([Mark(1, 3, "e"), Mark(2, 5, "q")], [("a", ()), ("b", ("e",)), ("c", ("e", "q")), ("de", ("q",)), ("f", ())]),
        ([Mark(-5, 2, "e"), Mark(4, 99, "q")], [("ab", ("e",)), ("cd", ()), ("ef", ("q",))]),  # clipped
        ([Mark(3, 3, "empty"), Mark(4, 2, "inverted")], [("abcdef", ())]),
    ],
)
def test_segments_cover_the_text_once_under_their_marks(marks, pieces):
    found = segments("abcdef", marks)
    assert [(s.text, s.tags) for s in found] == pieces
    assert "".join(s.text for s in found) == "abcdef"


def test_segments_know_where_marks_open_and_close_and_keep_article_offsets():
    found = segments("cdef", [Mark(12, 14, "e")], offset=10)
    assert [(s.text, s.start, s.opens, s.closes) for s in found] == [("cd", 10, [], []), ("ef", 12, ["e"], ["e"])]


def test_axis_labels_never_overlap():
    chart = timeline_bars([
        {"week": "2021-12-27", "type": "desertion", "count": 1},  # a year's last week, then the next year's
        {"week": "2024-05-13", "type": "desertion", "count": 1},
    ])  # fmt: skip
    xs = [t["x"] for t in chart["ticks"]]
    assert [t["label"] for t in chart["ticks"]][:1] == ["2022"]
    assert all(b - a >= 48 for a, b in zip(xs, xs[1:]))
