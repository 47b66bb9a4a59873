"""The incremental linker: restatements join, corroborating reports join with reasons, distractors stay apart,
removal splits, the order of arrival does not matter, and stored links restore the same incidents."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from frontwire.link import Linker, incidents, summaries
from frontwire.link.features import features
from frontwire.link.linker import incident_id
from frontwire.link.score import link
from tests.link import article, bridge, event, extractions, reports
from tests.link.test_syndication import EDITED, WIRE


def build(pairs) -> Linker:
    linker = Linker()
    for art, events in pairs:
        linker.add(art, events)
    return linker


def grouping(linker: Linker) -> dict[str, list[str]]:
    """Incident id -> its sorted event ids."""
    return {linker.incident_id(root): sorted(members) for root, members in linker.groups().items()}


def test_restatements_in_one_article_join():
    (a, events), *_ = reports()
    linker = Linker()
    update = linker.add(a, events)
    assert update.doc == "a" and update.copy is None
    assert len(update.incidents) == 1
    (found,) = update.links
    assert found.kind == "article" and found.reasons[0] == "same article"
    assert {found.a, found.b} == {e.id for e in events}


def test_cross_article_reports_join_with_reasons():
    pairs = reports()
    linker = build(pairs[:1])
    update = linker.add(*pairs[1])
    assert {found.kind for found in update.links} == {"cross"}
    (found,) = [x for x in update.links if {x.a, x.b} == {"a:0:desertion", "b:0:desertion"}]
    for reason in ("same unit (155-brigade)", "same place (Vuhledar)", "dates overlap"):
        assert reason in found.reasons
    assert update.incidents == (incident_id("a:0:desertion"),)





@pytest.mark.parametrize(
    "distractor",
    ["c", "d"],
    ids=["same unit months later", "same unit far away"],
)
def test_distractors_stay_apart(distractor):
    linker = build(reports())
    alone = f"{distractor}:0:desertion"
    assert linker.incident_members(alone) == [alone]
    assert linker.incident_id(alone) == incident_id(alone)
    assert all(alone not in (found.a, found.b) for found in linker.links())


def test_an_incident_never_holds_two_conflicting_reports_without_the_far_distractor():
    linker = build(reports()[:3])
    assert sorted(grouping(linker).values()) == [["a:0:desertion", "a:80:desertion", "b:0:desertion"], ["c:0:desertion"]]


def test_different_types_never_join():
    a, events = reports()[0]
    other = [dataclasses.replace(e, type="surrender") for e in reports()[1][1]]
    linker = build([(a, events), (article("b", "Kyiv Independent", "2024-03-06"), other)])
    assert len(grouping(linker)) == 2


def test_the_bridge_fixture_needs_its_middle_report():
    (p, [ep]), (q, [eq]), (r, [er]) = bridge()
    fp, fq, fr = features(ep, p), features(eq, q), features(er, r)
    assert link(fp, fq) is not None
    assert link(fq, fr) is not None
    assert link(fp, fr) is None


def test_removal_splits_an_incident():
    linker = build(bridge())
    assert len(grouping(linker)) == 1
    survivors = linker.remove("q")
    assert survivors == {"p:0:refusal_to_fight", "r:0:refusal_to_fight"}
    assert sorted(grouping(linker).values()) == [["p:0:refusal_to_fight"], ["r:0:refusal_to_fight"]]
    assert not linker.has("q") and not linker.articles_of(["q"])
    assert all("q:0:refusal_to_fight" not in (found.a, found.b) for found in linker.links())
    assert linker.remove("q") == set()  # twice is harmless


def test_removing_an_end_keeps_the_rest_together():
    linker = build(bridge())
    linker.remove("p")
    assert list(grouping(linker).values()) == [["q:0:refusal_to_fight", "r:0:refusal_to_fight"]]


def test_adding_an_article_again_replaces_it():
    linker = build(reports())
    before = grouping(linker)
    a, events = reports()[0]
    update = linker.add(a, events)
    assert "b:0:desertion" in update.touched
    assert grouping(linker) == before
    moved = [dataclasses.replace(e, date=None, location=None, unit=None, text="Relatives said nothing more.") for e in reports()[1][1]]
    linker.add(reports()[1][0], moved)
    assert ["b:0:desertion"] in grouping(linker).values()


@pytest.mark.parametrize("order", ["abcdpqr", "rqpdcba", "badcqpr", "dcbarpq", "qrbpacd", "cpaqbrd"])
def test_incidents_do_not_depend_on_the_order_of_arrival(order):
    by_doc = {art.id: (art, events) for art, events in reports() + bridge()}
    expected = grouping(build([by_doc[d] for d in "abcdpqr"]))
    assert grouping(build([by_doc[d] for d in order])) == expected
    assert len(expected) >= 3


@pytest.mark.parametrize("order", list(itertools.permutations("pqr")))
def test_bridged_incident_id_does_not_depend_on_the_order(order):
    by_doc = {art.id: (art, events) for art, events in bridge()}
    assert list(grouping(build([by_doc[d] for d in order]))) == [incident_id("p:0:refusal_to_fight")]


def test_restore_from_stored_links_gives_the_same_incidents():
    pairs = reports()[:3] + bridge()
    linker = build(pairs)
    stored = list(linker.links())
    copies = linker.syndication.copies()
    restored = Linker()
    for art, events in pairs:
        restored.restore(art, events, copies.get(art.id))
    for found in stored:
        restored.restore_link(found)
    assert grouping(restored) == grouping(linker)
    assert sorted((x.a, x.b, x.reasons) for x in restored.links()) == sorted((x.a, x.b, x.reasons) for x in stored)
    # a restored linker keeps linking: a new report of the same desertion joins the incident
    late = article("e", "Novaya Gazeta", "2024-03-07")
    extra = event("e", 0, "Marines of the 155th Brigade were said to have deserted near Vuhledar on Saturday.",
                  side="russia", unit="155th Brigade", location=reports()[0][1][0].location,
                  date=reports()[0][1][0].date)  # fmt: skip
    update = restored.add(late, [extra])
    assert update.incidents == (incident_id("a:0:desertion"),)


def _wire_pairs():
    wire = article("w1", "Agency", "2024-03-05", WIRE)
    reprint = article("w2", "Reprinter", "2024-03-06", EDITED)
    text = "Relatives of mobilized men demanded that their husbands and sons be rotated home."
    return [
        (wire, [event("w1", 0, text, type="collective_complaint", side="russia")]),
        (reprint, [event("w2", 0, text, type="collective_complaint", side="russia")]),
    ]


def test_a_syndicated_copy_links_to_its_original():
    pairs = _wire_pairs()
    linker = build(pairs[:1])
    update = linker.add(*pairs[1])
    assert update.copy is not None and update.copy.original == "w1"
    assert [found.kind for found in update.links] == ["copy"]
    assert update.links[0].reasons[0] == "syndicated copy"


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_batch_incidents_count_the_copy_once(order):
    pairs = _wire_pairs()
    (found,) = incidents(extractions([pairs[i] for i in order]))
    assert found.reports == 2
    assert found.copies == 1
    assert found.docs == ("w1", "w2")


def test_batch_incidents_are_sorted_by_first_report():
    found = incidents(extractions(reports()[:3] + bridge()))
    assert [i.first_report for i in found] == ["2024-03-05", "2024-05-10", "2024-08-20"]
    first = found[0]
    assert first.id == incident_id("a:0:desertion")
    assert first.events == ("a:0:desertion", "a:80:desertion", "b:0:desertion")
    assert (first.reports, first.outlets, first.origins) == (2, 2, 2)


def test_summaries_read_the_linker():
    pairs = reports()[:3]
    linker = build(pairs)
    events = {e.id: e for _, evs in pairs for e in evs}
    assert summaries(linker, events) == incidents(extractions(pairs))
