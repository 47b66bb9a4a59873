"""Scoring a pair of events: hard conflicts, weighed evidence with readable reasons, the link decision."""

from __future__ import annotations

import dataclasses

import pytest

from frontwire.link.features import context, features
from frontwire.link.score import THRESHOLD, conflict, evidence, link
from tests.link import BELGOROD, KUPIANSK, PAVLIVKA, UKRAINE, VUHLEDAR, article, day, event, month

A = article("a", "Meduza", "2024-03-05")
B = article("b", "Kyiv Independent", "2024-03-06")
BASE = event(
    "a", 0, "Marines of the 155th Brigade deserted their positions near Vuhledar.",
    side="russia", unit="155th Brigade", location=VUHLEDAR, date=day("2024-03-02"),
)  # fmt: skip
OTHER = event(
    "b", 0, "A dozen servicemen of the 155th Marine Brigade fled the Vuhledar sector on Saturday.",
    side="russia", unit="155th Marine Brigade", location=VUHLEDAR, date=day("2024-03-02"),
)  # fmt: skip


def pair(**changes):
    """Features of BASE and of OTHER with ``changes`` applied."""
    return features(BASE, A), features(dataclasses.replace(OTHER, **changes), B)


@pytest.mark.parametrize(
    "changes, why",
    [
        ({}, None),
        ({"type": "surrender"}, "type"),
        ({"side": "ukraine"}, None),  # sides weigh against a link (see below), they do not forbid it
        ({"unit": "156th Brigade"}, "unit"),
        ({"unit": "155th Separate Guards Marine Brigade"}, None),
        ({"unit": "the 155th"}, None),
        ({"unit": None}, None),
        ({"date": day("2024-05-20")}, "date"),
        ({"date": day("2024-03-04")}, None),  # two days apart: within the slack of day-dated reports
        ({"date": month("2024-03")}, None),
        ({"date": None}, None),  # undated: the two months before its report
        ({"location": KUPIANSK}, "place"),  # some 200 km away
        ({"location": PAVLIVKA}, None),  # a few km away
        ({"location": BELGOROD}, "country"),  # no point, another country
        ({"location": UKRAINE}, None),  # a country is no point to measure from
    ],
)
def test_conflict(changes, why):
    a, b = pair(**changes)
    assert conflict(a, b) == why
    assert conflict(b, a) == why


@pytest.mark.parametrize(
    "changes, present, absent",
    [
        ({}, ["same unit (155-brigade)", "same place (Vuhledar)", "dates overlap", "reported within 7 days"], ["same region"]),
        ({"location": PAVLIVKA}, ["same place (4 km apart)"], ["same place (Vuhledar)"]),
        ({"location": dataclasses.replace(PAVLIVKA, lat=48.0, lon=37.55)}, ["same region (Donetsk)"], ["same place"]),
        ({"unit": None}, [], ["same unit"]),
        ({"date": month("2024-03")}, ["periods overlap"], ["dates overlap"]),  # one of the two dated loosely
        ({"date": None}, [], ["dates overlap", "periods overlap"]),
    ],
)
def test_evidence_reasons(changes, present, absent):
    a, b = pair(**changes)
    score, reasons = evidence(a, b)
    assert score > 0
    for reason in present:
        assert reason in reasons
    for reason in absent:
        assert not any(r.startswith(reason) for r in reasons)
    assert any(r.startswith("text similarity ") for r in reasons)


def test_loose_dates_give_periods_overlap():
    a = features(dataclasses.replace(BASE, date=month("2024-03")), A)
    b = features(dataclasses.replace(OTHER, date=month("2024-03")), B)
    assert "periods overlap" in evidence(a, b)[1]


@pytest.mark.parametrize("side, penalty", [("ukraine", 2.0), ("Russia", 0.0), (None, 0.0)])
def test_different_sides_weigh_against_a_link(side, penalty):
    same, _ = evidence(*pair())
    score, reasons = evidence(*pair(side=side))
    assert score == pytest.approx(same - penalty)
    assert ("different sides (russia, ukraine)" in reasons) is bool(penalty)


def test_evidence_counts_and_origins():
    a = features(dataclasses.replace(BASE, count=12, count_unit="people", origin="Astra"), A)
    b = features(dataclasses.replace(OTHER, count=12, count_unit="people", origin="astra"), B)
    score, reasons = evidence(a, b)
    assert "same count (12 people)" in reasons
    assert "same origin" in reasons
    plain, _ = evidence(features(BASE, A), features(OTHER, B))
    assert score == pytest.approx(plain + 1.5)


def test_evidence_ignores_counts_of_different_things():
    a = features(dataclasses.replace(BASE, count=12, count_unit="people"), A)
    b = features(dataclasses.replace(OTHER, count=12, count_unit="vehicles"), B)
    assert not any(r.startswith("same count") for r in evidence(a, b)[1])


def test_publication_far_apart_gives_no_reason():
    a = features(BASE, A)
    b = features(OTHER, article("b", "Kyiv Independent", "2024-04-30"))
    assert "reported within 7 days" not in evidence(a, b)[1]


def test_cross_article_link_with_reasons():
    a, b = pair()
    found = link(a, b)
    assert found is not None
    assert (found.a, found.b, found.kind) == (BASE.id, OTHER.id, "cross")
    assert found.score >= THRESHOLD
    assert found.reasons == evidence(a, b)[1]


def test_weak_evidence_across_articles_is_no_link():
    a = features(dataclasses.replace(BASE, unit=None, location=None, date=None), A)
    b = features(dataclasses.replace(OTHER, unit=None, location=None, date=None, text="Several men ran away."), B)
    assert conflict(a, b) is None
    assert evidence(a, b)[0] < THRESHOLD
    assert link(a, b) is None


WEAK = {"unit": None, "location": None, "date": None}


@pytest.mark.parametrize(
    "unit, text, linked",
    [
        ("155th Separate Guards Marine Brigade", "A group of marines slipped away overnight.", True),
        (None, "Several men ran away.", True),  # a plain restatement of the article's incident
        (None, "Earlier this year, several men ran away.", False),  # another occasion, nothing shared
        (None, "Another group of men ran away.", False),
        ("155th Separate Guards Marine Brigade", "Another group of marines from the brigade slipped away.", False),
    ],
)
def test_restatements_in_one_article_link_unless_about_another_occasion(unit, text, linked):
    around = context([BASE], A)
    a = features(dataclasses.replace(BASE, location=None, date=None), A, around=around)
    b = features(event("a", 90, text, unit=unit, side="russia"), A, around=around)
    found = link(a, b, same_article=True)
    assert (found is not None) is linked
    if found:
        assert found.kind == "article" and found.reasons[0] == "same article"
        assert ("same unit (155-brigade)" in found.reasons) is (unit is not None)


def test_same_article_evidence_leaves_out_what_the_article_shares():
    a = features(BASE, A, around=context([BASE, OTHER], A))
    b = features(dataclasses.replace(OTHER, doc="a"), A, around=context([BASE, OTHER], A))
    _, reasons = evidence(a, b, same_article=True)
    assert not any(r.startswith(("reported within", "both articles", "article text", "same origin")) for r in reasons)
    found = link(a, b, same_article=True)
    assert found is not None and found.kind == "article" and found.reasons[0] == "same article"


@pytest.mark.parametrize(
    "text, kind",
    [
        (BASE.text, "copy"),  # the same sentence in a reprint links on its words alone
        ("Several men ran away.", None),  # a different sentence in a reprint needs cross-article evidence
    ],
)
def test_copies_link_on_their_words(text, kind):
    a = features(dataclasses.replace(BASE, **WEAK), A)
    b = features(dataclasses.replace(OTHER, text=text, **WEAK), B)
    found = link(a, b, copy=True)
    assert (found.kind if found else None) == kind
    if found:
        assert found.reasons[0] == "syndicated copy"


@pytest.mark.parametrize("how", [{}, {"same_article": True}, {"copy": True}])
def test_a_conflict_always_blocks_the_link(how):
    a, b = pair(unit="156th Brigade")
    assert link(a, b, **how) is None


def test_same_battalion_number_in_different_regiments_conflicts():
    a, b = pair(unit="1st Battalion of the 247th Regiment")
    a = features(dataclasses.replace(BASE, unit="1st Battalion of the 108th Regiment"), A)
    assert conflict(a, b) == "unit"


def test_units_and_places_named_elsewhere_in_both_articles_count_as_context():
    bare_a = dataclasses.replace(BASE, unit=None, location=None)
    bare_b = dataclasses.replace(OTHER, unit=None, location=None)
    a = features(bare_a, A, around=context([bare_a, BASE], A))
    b = features(bare_b, B, around=context([bare_b, OTHER], B))
    _, reasons = evidence(a, b)
    assert "both articles name 155-brigade" in reasons
    assert "both articles name geonames:1" in reasons
    plain = evidence(features(bare_a, A), features(bare_b, B))[1]
    assert not any(r.startswith("both articles") for r in plain)
