"""Counts: numbers written in a sentence with what they count, and the main count of an event."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontwire.extract.numbers import counts, main_count, unit_lexicon
from frontwire.model import Count


@pytest.mark.parametrize(
    "text, expected",
    [
        # digits, separators, words, modifiers
        ("Some 300 soldiers from the enclave walked off the line.", [(300, "people", "Some 300")]),
        ("At least 11 members of the guard refused to deploy.", [(11, "people", "At least 11")]),
        ("About 1,000 people have asked the lawyer for help.", [(1000, "people", "About 1,000")]),
        ("More than 20 conscripts signed the appeal.", [(20, "people", "More than 20")]),
        ("The call-up targets 300,000 men.", [(300000, "people", "300,000")]),
        ("A pool of some 2 million reservists is available.", [(2000000, "people", "some 2 million")]),
        ("Nearly 1.5 million rounds were fired.", [(1500000, "rounds", "Nearly 1.5 million")]),
        ("Twenty-seven sailors were rescued from the ship.", [(27, "people", "Twenty-seven")]),
        ("Eleven paratroopers refused the order.", [(11, "people", "Eleven")]),
        ("Three hundred marines were flown in.", [(300, "people", "Three hundred")]),
        ("A dozen deserters were caught at the border.", [(12, "people", "A dozen")]),
        ("Over 2 dozen Russian soldiers were killed by their own fire.", [(24, "people", "Over 2 dozen")]),
        ("Two dozen mothers wrote to the governor.", [(24, "people", "Two dozen")]),
        ("Half a dozen officers resigned.", [(6, "people", "Half a dozen")]),
        # the noun past modifiers
        ("He treated 5 wounded Kremlin-backed fighters.", [(5, "people", "5")]),
        ("Seven other troops were wounded.", [(7, "people", "Seven")]),
        ("The raid killed 12 mobilized Russian servicemen.", [(12, "people", "12")]),
        ("The result was 27 dead and 34 wounded.", [(27, "people", "27"), (34, "people", "34")]),
        ("Police said 15 were detained after the protest.", [(15, "people", "15")]),
        ("There are 300,000 of you, the officer shouted.", [(300000, "people", "300,000")]),
        ("The toll rose to 278 the number of troops killed.", [(278, "people", "278")]),
        ("It said 14 million of the nation's 54 million citizens qualify.", [(14e6, "people", "14 million"), (54e6, "people", "54 million")]),
        # other units
        ("The crews lost 40 tanks and 12 BMPs in a week.", [(40, "vehicles", "40"), (12, "vehicles", "12")]),
        ("Three armored vehicles were left behind.", [(3, "vehicles", "Three")]),
        ("Two tank shells hit the house.", [(2, "shells", "Two")]),
        ("The battery had only four howitzers left.", [(4, "equipment", "only four")]),
        ("Five helicopters and 20 drones were shot down.", [(5, "aircraft", "Five"), (20, "drones", "20")]),
        ("Two Su-25 jets were downed by their own air defenses.", [(2, "aircraft", "Two")]),
        ("They were sent 800 kilometers (500 miles) from their post.", [(800, "kilometers", "800")]),
        ("The column advanced 10km overnight.", [(10, "kilometers", "10")]),
        ("Two battalions and three companies were disbanded.", [(2, "units", "Two"), (3, "units", "three")]),
        ("Protesters gathered in at least six other cities.", [(6, "cities", "at least six")]),
        ("The men were held for 18 months without leave.", [(18, "months", "18")]),
        ("Refusers face three years in prison.", [(3, "years", "three")]),
        # percent and fractions
        ("He said 99 percent of the kit did not work.", [(99, "percent", "99 percent")]),
        ("Only 10% of them had refresher training.", [(10, "percent", "Only 10%")]),
        ("About 80 per cent of the crews were new.", [(80, "percent", "About 80 per cent")]),
        ("More than a quarter of the battalion groups were wrecked.", [(25, "percent", "More than a quarter")]),
        ("The unit lost half of its equipment.", [(50, "percent", "half")]),
        ("A third of the recruits had no boots.", [(33, "percent", "A third")]),
        ("Two-thirds of the fleet never left port.", [(67, "percent", "Two-thirds")]),
        ("More than a tenth of its dead were hit by their own side.", [(10, "percent", "More than a tenth")]),
        ("A gunner said three out of 10 tanks would not start.", [(30, "percent", "three out of 10")]),
        # ranges give their lower bound
        ("A group of six or seven wounded fighters was left behind.", [(6, "people", "six or seven")]),
        ("Between 50 and 60 conscripts fled the camp.", [(50, "people", "Between 50 and 60")]),
        ("The brigade lost 20-30 tanks.", [(20, "vehicles", "20-30")]),
        ("From 40 to 50 percent of the shells were duds.", [(40, "percent", "From 40 to 50 percent")]),
    ],
)
def test_counts(text, expected):
    assert [(found.value, found.unit, found.text) for found in counts(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        # money
        "Each recruit was promised $5,000 on signing.",
        "Families were paid 100,000 rubles in compensation.",
        "He sold his rifle for 200 dollars.",
        "The bonus is 3 million hryvnias a year.",
        "Relatives raised €40,000 for body armor.",
        # years, dates, times, durations that are time expressions
        "The border was redrawn in 2014.",
        "The war began on February 24, 2022.",
        "They were mobilized eight months ago.",
        "Morale fell over the six weeks since the retreat.",
        "The troops were hit at 7 pm (1600 GMT).",
        "Even after more than two years of war, the line held.",
        # ages
        "Vladimir, 23, was drafted last month.",
        "A 30-year-old driver was killed.",
        "Men aged 45 and older are exempt.",
        "The age was lowered from 27 to 25.",
        "Men between the ages of 25 to 60 may not leave.",
        # ordinals, identifiers, models
        "The 1009th Regiment sent the appeal.",
        "He served in army unit no. 40318.",
        "He deserted from military unit 12345.",
        "A T-72 and an Su-25 were seen near the road.",
        "He was charged under article 337 of the code.",
        "Call +7 912 555-12-34 for help.",
        # vague amounts and referents
        "Dozens of soldiers refused to fight.",
        "Hundreds of offenders were sent to the front.",
        "Tens of thousands have fled.",
        "One soldier said the army has nothing.",
        "Zero shells arrived that week.",
        "The 20-month war has worn the army down.",
    ],
)
def test_not_a_count(text):
    assert counts(text) == []


def test_spans_are_absolute_offsets():
    text = "Relatives said at least 27 soldiers died."
    (found,) = counts(text, offset=500)
    assert found == Count(27.0, "people", (515, 526), "at least 27")
    assert text[found.span[0] - 500 : found.span[1] - 500] == "at least 27"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Over four days, 20 soldiers and 3 tanks were lost.", (20, "people")),
        ("He said 99 percent of the gear failed and 3 of 10 tanks jammed.", (99, "percent")),
        ("The unit lost 40 tanks in 3 days.", (40, "vehicles")),
        ("The column drove for 3 days.", (3, "days")),
        ("One soldier said the army has nothing.", None),
    ],
)
def test_main_count(text, expected):
    found = main_count(counts(text))
    assert ((found.value, found.unit) if found else None) == expected


def test_lexicon_marks_states_and_modifiers():
    lexicon = unit_lexicon()
    assert lexicon["soldiers"] == "people" and lexicon["wounded"] == "@state" and lexicon["other"] == "@skip"
    assert lexicon["tanks"] == "vehicles" and lexicon["drones"] == "drones"


def test_gold_counts_are_the_main_counts(shared):
    """The main count of each gold event's sentence equals the gold count."""
    events = [
        event
        for name in ("seeds.jsonl", "dev.jsonl")
        for doc in map(json.loads, (shared / "gold" / name).read_text(encoding="utf-8").splitlines())
        for event in doc["events"]
        if event.get("count") is not None
    ]
    wrong = [
        (event["count"], found)
        for event in events
        if (found := main_count(counts(event["text"]))) is None or found.value != event["count"]
    ]
    assert events and len(wrong) <= len(events) // 10, wrong


@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-%$()abcdefghilmnorstuvwxyzOTFH")), max_size=60))
def test_never_crashes_and_spans_point_into_the_text(text):
    for found in counts(text):
        assert 0 <= found.span[0] < found.span[1] <= len(text) and found.value >= 0
