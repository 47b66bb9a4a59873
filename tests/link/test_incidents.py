"""Summarizing one incident: reports, outlets, independent origins, copies, the strongest evidence."""

from __future__ import annotations

import dataclasses

import pytest

from frontwire.link.incidents import origin_key, summarize
from tests.link import KUPIANSK, VUHLEDAR, article, day, event, month

ARTICLES = {
    "a": article("a", "Meduza", "2024-03-05"),
    "b": article("b", "Meduza Mirror", "2024-03-06"),  # reprints a
    "c": article("c", "Kyiv Independent", "2024-03-07"),
    "d": article("d", "The Moscow Times", "2024-03-08"),
    "e": article("e", "Astra", None),
}
TEXT = "Twelve marines of the 155th Brigade deserted near Vuhledar."


def report(doc: str, **fields) -> object:
    return event(doc, 0, TEXT, unit="155th Brigade", **fields)


@pytest.mark.parametrize(
    "events, copies, reports, origins, n_copies",
    [
        ([report("a"), report("c")], {}, 2, 2, 0),
        # a reprint adds a report but no independent origin
        ([report("a"), report("b")], {"b": "a"}, 2, 1, 1),
        # an outlet citing another outlet adds a report but not an origin
        ([report("a"), report("c", origin="the Meduza outlet")], {}, 2, 1, 0),
        ([report("a", origin="Meduza"), report("c", origin="Novaya Gazeta")], {}, 2, 2, 0),
        ([report("a", source="Astra"), report("c", origin="the Astra Telegram channel"), report("d")], {}, 3, 2, 0),
        # a person quoted by two outlets is one origin
        ([report("c", origin="Gen. Ivan Petrov"), report("d", origin="Ivan Petrov")], {}, 2, 1, 0),
        # restatements in one article are one report
        ([report("a"), event("a", 90, "The marines fled.", unit="155th Brigade")], {}, 1, 1, 0),
    ],
)
def test_reports_origins_and_copies(events, copies, reports, origins, n_copies):
    found = summarize("inc-1", events, ARTICLES, copies)
    assert (found.reports, found.origins, found.copies) == (reports, origins, n_copies)
    assert found.reports == len(found.docs)
    assert len(found.origin_names) == found.origins


def test_origin_names_keep_the_first_wording():
    found = summarize("inc-1", [report("a"), report("c", origin="the Meduza outlet")], ARTICLES, {})
    assert found.origin_names == ("Meduza",)
    assert found.outlet_names == ("Kyiv Independent", "Meduza")


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Meduza", "the Meduza outlet", True),
        pytest.param(
            "Meduza", "Meduza's Telegram channel", True,
        ),
        ("Astra", "the Astra Telegram channel", True),
        ("Gen. Ivan Petrov", "Ivan Petrov", True),
        ("Astra", "Meduza", False),
    ],
)
def test_origin_key(a, b, same):
    assert (origin_key(a) == origin_key(b)) is same


def test_outlets_count_distinct_outlets():
    arts = {**ARTICLES, "f": article("f", "Moscow Times", "2024-03-09")}
    found = summarize("inc-1", [report("d"), report("f")], arts, {})
    assert found.reports == 2
    assert found.outlets == 1


@pytest.mark.parametrize(
    "statuses, strongest, denied",
    [
        (["attributed", "asserted"], "asserted", False),
        (["unverified", "attributed"], "attributed", False),
        (["denied", "unverified"], "unverified", True),
        (["denied"], "denied", True),
    ],
)
def test_strongest_evidence_and_denial(statuses, strongest, denied):
    events = [report(doc, evidence=s) for doc, s in zip("acd", statuses, strict=False)]
    found = summarize("inc-1", events, ARTICLES, {})
    assert (found.evidence, found.denied) == (strongest, denied)


def test_order_dates_and_fields_of_the_summary():
    events = [
        report("d", location=KUPIANSK, count=12, count_unit="people", date=month("2024-03")),
        report("c", location=VUHLEDAR, count=12, count_unit="people", date=day("2024-03-02"), side="russia"),
        dataclasses.replace(report("a", location=VUHLEDAR, count=10, count_unit="people", side="russia"), text="First."),
        report("e"),  # no publication date: last
    ]
    found = summarize("inc-9", events, ARTICLES, {})
    assert found.id == "inc-9" and found.type == "desertion"
    assert found.docs == ("a", "c", "d", "e")
    assert found.events == ("a:0:desertion", "c:0:desertion", "d:0:desertion", "e:0:desertion")
    assert (found.first_report, found.last_report) == ("2024-03-05", "2024-03-08")
    assert found.text == "First."  # the earliest report's sentence
    assert found.date is not None and (found.date.start, found.date.precision) == ("2024-03-02", "day")
    assert (found.count, found.count_unit) == (12, "people")
    assert found.location == VUHLEDAR
    assert found.side == "russia"
    assert found.unit == "155th Brigade"


def test_an_incident_of_unknown_articles_still_summarizes():
    found = summarize("inc-2", [report("zz")], {}, {})
    assert (found.reports, found.outlets, found.origins) == (1, 0, 0)
    assert found.first_report is None and found.last_report is None


@pytest.mark.parametrize(
    "name, key",
    [
        ("Three women", "class:relatives"),
        ("the wives of the men", "class:relatives"),
        ("relatives of mobilised men from Kursk", "class:relatives"),
        ("one of the men", "class:soldiers"),
        ("Around 40 mobilised soldiers", "class:soldiers"),
        ("the statement", None),  # a thing, not a party
        ("a Telegram channel", None),  # nobody in particular
        ("the Astra Telegram channel", "astra"),
        ("Gen. Ivan Petrov", "ivan petrov"),
        ("Ministry of Defence of Russia", "defence ministry russia"),
        ("Russia's Defense Ministry", "defence ministry russia"),  # one body, however it is worded
        ("the Russian Defence Ministry", "defence ministry russia"),
    ],
)
def test_origin_keys_count_unnamed_parties_by_class(name, key):
    from frontwire.link.incidents import origin_key

    assert origin_key(name) == key


def test_a_report_counts_its_own_voice_only_when_it_cites_nobody():
    from frontwire.link.incidents import report_origins

    cited = [event("c", 0, "Relatives say the men fled.", origin="relatives of the men"), event("c", 40, "The men fled.")]
    assert set(report_origins(cited, "Kyiv Independent")) == {"class:relatives"}
    assert set(report_origins([event("c", 40, "The men fled.")], "Kyiv Independent")) == {"independent kyiv"}
