"""Time expressions: detection in a sentence and resolution against the publication date."""

from __future__ import annotations

import calendar
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontwire.extract.dates import dates, resolve, time_spans
from frontwire.model import DateRange

WED = "2023-06-07"  # a Wednesday


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # weekdays: the latest such day on or before publication
        ("The brigade said on Monday that its men had left.", WED, [("Monday", "2023-06-05")]),
        ("The governor said Wednesday the drafting would go on.", WED, [("Wednesday", "2023-06-07")]),
        ("A convoy was hit on Thursday near the river.", WED, [("Thursday", "2023-06-01")]),
        ("Officers were detained last Wednesday.", WED, [("last Wednesday", "2023-05-31")]),
        ("The drill will take place this Friday.", WED, [("this Friday", "2023-06-09")]),
        ("Relatives gathered on Sunday night outside the base.", WED, [("Sunday night", "2023-06-04")]),
        ("He said Tuesday, May 30, that the unit was gone.", WED, [("Tuesday, May 30", "2023-05-30")]),
        # month and day without a year
        ("The mutiny began on May 24 in a border village.", WED, [("May 24", "2023-05-24")]),
        ("Crews abandoned their tanks on 12 November.", WED, [("12 November", "2022-11-12")]),
        ("On Sept. 29 they went back to the front.", "2022-10-04", [("Sept. 29", "2022-09-29")]),
        ("We are to be shipped out on June 10, a recruit wrote.", WED, [("June 10", "2023-06-10")]),
        ("A second call-up was announced on the 3rd of March.", WED, [("3rd of March", "2023-03-03")]),
        # explicit dates
        ("The decree was signed on Feb. 24, 2022.", WED, [("Feb. 24, 2022", "2022-02-24")]),
        ("A wrecked truck outside the town on March 02, 2022.", WED, [("March 02, 2022", "2022-03-02")]),
        ("The log is dated 2022-11-05 in the leaked file.", WED, [("2022-11-05", "2022-11-05")]),
        ("The order was issued 4 July 2021, the lawyer said.", WED, [("4 July 2021", "2021-07-04")]),
        # months
        ("In August, a platoon refused to advance.", WED, [("August", "2022-08")]),
        ("Desertions peaked in June, the report said.", WED, [("June", "2023-06")]),
        ("Reservists were summoned in January 2023.", WED, [("January 2023", "2023-01")]),
        ("In late March the company ran out of shells.", "2022-05-04", [("late March", "2022-03-20/2022-03-31")]),
        ("Fuel ran short in early April.", WED, [("early April", "2023-04-01/2023-04-10")]),
        ("The assault stalled in mid-February.", WED, [("mid-February", "2023-02-11/2023-02-20")]),
        ("Losses mounted at the end of May.", WED, [("the end of May", "2023-05-20/2023-05-31")]),
        # ranges
        ("He was deployed near the city in May and June.", "2023-10-03", [("May and June", "2023-05-01/2023-06-30")]),
        ("The unit was rotated between April and June.", WED, [("between April and June", "2023-04-01/2023-06-30")]),
        ("Training ran from December to February.", WED, [("from December to February", "2022-12-01/2023-02-28")]),
        ("Fighting raged between 2014 and 2016 in the east.", WED, [("between 2014 and 2016", "2014-01-01/2016-12-31")]),
        # since
        ("Since February 24, thousands have fled the draft.", "2022-04-07", [("Since February 24", "2022-02-24/2022-04-07")]),
        (
            "Complaints have grown since the offensive began on October 7.",
            "2023-12-01",
            [("since the offensive began on October 7", "2023-10-07/2023-12-01")],
        ),
        ("Morale has fallen over the six weeks since the retreat.", "2022-04-07", [("six weeks since", "2022-02-24/2022-04-07")]),
        ("The men were sent out nearly a week into the call-up.", "2022-09-27", [("a week into", "2022-09-20/2022-09-27")]),
        # relative days and periods
        ("The shelling killed three men yesterday.", WED, [("yesterday", "2023-06-06")]),
        ("Guards opened fire last night on the crowd.", WED, [("last night", "2023-06-06")]),
        ("The ministry confirmed the losses today.", WED, [("today", "2023-06-07")]),
        ("Fighters who clashed with last week's raiders complained.", WED, [("last week", "2023-05-29/2023-06-04")]),
        ("This week the camp was emptied.", WED, [("This week", "2023-06-05/2023-06-07")]),
        ("Last month, a video of the crew spread online.", WED, [("Last month", "2023-05")]),
        ("He was called up earlier this month.", WED, [("earlier this month", "2023-06")]),
        ("The penal squads were sent in this year.", "2023-10-03", [("this year", "2023-01-01/2023-10-03")]),
        ("Parliament passed the bill last year.", WED, [("last year", "2022-01-01/2022-12-31")]),
        ("The fighting will drag on into next year.", WED, [("next year", "2024-01-01/2024-12-31")]),
        ("They were mobilized eight months ago.", WED, [("eight months ago", "2022-10")]),
        ("The post was overrun three days ago.", WED, [("three days ago", "2023-06-04")]),
        ("The crew deserted two weeks ago.", WED, [("two weeks ago", "2023-05-22/2023-05-28")]),
        ("He quit the army five years ago.", WED, [("five years ago", "2018-01-01/2018-12-31")]),
        ("Over the past two weeks the unit lost its trucks.", WED, [("Over the past two weeks", "2023-05-24/2023-06-07")]),
        # seasons
        ("He volunteered in the summer but quit.", "2022-12-20", [("summer", "2022-06-01/2022-08-31")]),
        ("In the fall, a council of wives was formed.", "2022-11-23", [("fall", "2022-09-01/2022-11-23")]),
        ("The brigade was rebuilt last summer.", WED, [("last summer", "2022-06-01/2022-08-31")]),
        ("Recruiting slumped in the winter of 2022.", WED, [("winter of 2022", "2021-12-01/2022-02-28")]),
        # years
        ("The enclave's independence was recognized in 2008.", WED, [("2008", "2008-01-01/2008-12-31")]),
        ("Those discharged after 2012 were called back.", WED, [("2012", "2012-01-01/2012-12-31")]),
        ("The draft was widened in early 2024.", "2024-06-01", [("early 2024", "2024-01-01/2024-04-30")]),
        # two expressions in one sentence
        (
            "The first group left in April and the second on May 14.",
            "2024-05-21",
            [("April", "2024-04"), ("May 14", "2024-05-14")],
        ),
    ],
)
def test_dates_resolve_against_publication(text, published, expected):
    assert [(found.text, found.value) for found in dates(text, published=published)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers have complained in recent days about rations.",
        "Morale has recently collapsed, he said.",
        "In recent weeks, desertions have risen.",
        "The men will soon be sent back.",
        "At least 24 people were killed near the depot.",
        "He served in military unit 40318 before fleeing.",
        "A soldier from unit no. 2022 filmed the video.",
        "Some 2000 soldiers refused to go.",
        "May God protect our boys, she wrote.",
        "The fall of the city shocked the troops.",
        "Victims of Bloody Sunday were remembered.",
        "The 2nd Battalion lost 300 men and 40 tanks.",
        "On Mondays the recruits are drilled.",
        "The date 05/04/22 was written on the crate.",
        "A few days ago the company was shelled.",
        "He told the Sunday Times about the mutiny.",
        "A speech by Jan Novak drew anger among the troops.",
        "The channel Russia Today aired the clip.",
        "The strike began at 1900 hours local time.",
    ],
)
def test_not_a_date(text):
    assert dates(text, published=WED) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The decree was signed on Feb. 24, 2022.", ["2022-02-24"]),
        ("The town fell in 2014.", ["2014-01-01/2014-12-31"]),
        ("The rotation ran between May 2022 and June 2022.", ["2022-05-01/2022-06-30"]),
        ("The men were mobilized last month.", []),
        ("They quit on Tuesday.", []),
        ("Fighting raged in late March.", []),
        ("The camp was set up on May 24.", []),
        ("Complaints have grown since 2022.", []),
    ],
)
def test_without_publication_only_absolute_dates_resolve(text, expected):
    assert [found.value for found in dates(text)] == expected


def test_spans_are_absolute_offsets():
    text = "Relatives said on Tuesday that the men left in May and June."
    found = dates(text, offset=1000, published=WED)
    assert [found_range.span for found_range in found] == [(1018, 1025), (1047, 1059)]
    assert [text[s - 1000 : e - 1000] for s, e in (f.span for f in found)] == ["Tuesday", "May and June"]


def test_precision_and_value_forms():
    month, day, season = (resolve(e, published=WED) for e in ("in August", "on June 2", "in the summer"))
    assert (month.precision, month.value) == ("month", "2022-08")
    assert day == DateRange("2023-06-02", "2023-06-02", "day", "June 2", (3, 9))
    assert season.precision == "season"


@pytest.mark.parametrize(
    "expression, published, value",
    [
        ("late March", "2022-03-25", "2022-03-20/2022-03-31"),
        ("last week", "2023-06-05", "2023-05-29/2023-06-04"),
        ("Thursday", "2022-04-07", "2022-04-07"),
        ("recently", WED, None),
        ("the day before yesterday", WED, "2023-06-05"),
        ("December", "2024-05-16", "2023-12"),
    ],
)
def test_resolve_one_expression(expression, published, value):
    found = resolve(expression, published=published)
    assert (found.value if found else None) == value


def test_time_spans_include_unresolvable_expressions():
    text = "A few days ago and on Monday they left."
    assert [text[s:e] for s, e in time_spans(text)] == ["A few days ago", "Monday"]


def test_gold_dates_are_found_in_their_sentences(shared):
    """Every gold event date overlaps a date found in its sentence and is at most twice as wide."""
    from datetime import date

    def interval(value: str) -> tuple[date, date]:
        if "/" in value:
            first, last = value.split("/")
            return date.fromisoformat(first), date.fromisoformat(last)
        if len(value) == 7:
            year, month = map(int, value.split("-"))
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date.fromisoformat(value), date.fromisoformat(value)

    def matches(gold: str, got: str) -> bool:
        (gs, ge), (es, ee) = interval(gold), interval(got)
        return es <= ge and gs <= ee and (ee - es).days <= 2 * ((ge - gs).days + 1)

    events = [
        (doc["published"], event)
        for name in ("seeds.jsonl", "dev.jsonl")
        for doc in map(json.loads, (shared / "gold" / name).read_text(encoding="utf-8").splitlines())
        for event in doc["events"]
        if event.get("date")
    ]
    missed = [
        event["date"]
        for published, event in events
        if not any(matches(event["date"], found.value) for found in dates(event["text"], published=published))
    ]
    assert events and len(missed) <= len(events) // 10, missed


@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-/abcMayJunesinclatwkThursdy")), max_size=60))
def test_never_crashes_and_spans_point_into_the_text(text):
    for found in dates(text, published=WED):
        assert 0 <= found.span[0] < found.span[1] <= len(text) and found.start <= found.end
