"""Source, origin and evidence of hand-written sentences."""

from __future__ import annotations

import pytest

from frontwire.extract import attribution, sentences
from frontwire.model import Mention

OUTLET = "Sample Wire"


def attribute(nlp, text, mentions=()):
    doc = nlp(text)
    sents = sentences(doc)
    return attribution.sentence_attributions(doc, sents, outlet=OUTLET, quotes=[], mentions=list(mentions))


@pytest.mark.parametrize(
    "text, source, origin, evidence",
    [
        ("Conscripts in the eastern district refused to fight.", OUTLET, OUTLET, "asserted"),
        ("The defence ministry said conscripts refused to fight.", "defence ministry", "defence ministry", "attributed"),
        ("Conscripts refused to fight, according to the regional governor.", "regional governor", "regional governor", "attributed"),
        ("Conscripts reportedly refused to fight.", OUTLET, OUTLET, "unverified"),
        ("The brigade is said to have refused to fight.", OUTLET, OUTLET, "unverified"),
    ],
)
def test_one_sentence(nlp, text, source, origin, evidence):
    (attr,) = attribute(nlp, text)
    assert (attr.source, attr.origin, attr.evidence) == (source, origin, evidence)


def test_told_an_outlet_makes_it_the_source(nlp):
    text = "A platoon commander told Kyiv Sample Radio that his men had fled."
    start = text.index("Kyiv")
    mention = Mention("d", "MEDIA", "Kyiv Sample Radio", (start, start + 17), "Kyiv Sample Radio")
    (attr,) = attribute(nlp, text, [mention])
    assert attr.source == "Kyiv Sample Radio"
    assert attr.origin == "A platoon commander"
    assert attr.chain == ("A platoon commander", "Kyiv Sample Radio", OUTLET)


def test_pronoun_resolves_to_the_last_speaker(nlp):
    text = "Colonel Ivan Petrenko said the unit had no fuel. He added that the men were starving."
    first, second = attribute(nlp, text)
    assert first.source == "Colonel Ivan Petrenko"
    assert second.source == "Colonel Ivan Petrenko"


def test_a_flag_on_a_party_makes_all_its_claims_unverified(nlp):
    text = (
        "The regional command said forty soldiers deserted. "
        "The regional command did not give evidence for the claim. "
        "The regional command also said the deserters were caught."
    )
    first, _, third = attribute(nlp, text)
    assert first.evidence == "unverified"
    assert third.evidence == "unverified"


def test_a_passive_reporting_verb_is_a_hedge_not_a_speaker(nlp):
    (attr,) = attribute(nlp, "It was reported that eleven guardsmen refused to deploy.")
    assert attr.source == OUTLET and attr.evidence == "asserted"

