"""Quotation marks, apostrophes, quote filters and the quotes() records."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from frontwire.extract.quotes import marks, quote_spans, quotes, word_count


def inside(text: str) -> list[str]:
    return [text[s:e] for s, e in quote_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "we have no shells left" and hung up.', ["we have no shells left"]),
        ("He said “we have no shells left” and hung up.", ["we have no shells left"]),
        ("He said ‘we have no shells left’ and hung up.", ["we have no shells left"]),
        ("He said 'we have no shells left' and hung up.", ["we have no shells left"]),
        ("He said «we have no shells left» and hung up.", ["we have no shells left"]),
        ("“We have no shells left,” he said.", ["We have no shells left,"]),
        ("“We walked for days\" the recruit said.", ["We walked for days"]),  # mixed curly and straight
        ("The men ran—“they are coming for us”—and hid.", ["they are coming for us"]),
        ("(“Nobody told us anything”)", ["Nobody told us anything"]),
    ],
)
def test_mark_styles(text, expected):
    assert inside(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The soldiers' wives don't know where they are.",
        "The conscripts’ mothers say it’s over.",
        "They sang rock ’n’ roll songs in the ’90s.",
        "It's the brigade's third rotation and they won't go.",
        "The men’s rifles didn’t fire.",
    ],
)
def test_apostrophes_are_not_quotes(text):
    assert quote_spans(text) == []


def test_apostrophe_inside_single_quotes():
    text = "Headline: 'We're out of fuel and food' says a tank crew"
    assert inside(text) == ["We're out of fuel and food"]


def test_plural_possessive_before_a_real_closing_mark():
    text = "She wrote ‘the soldiers’ families get nothing from the state’ on her page."
    assert inside(text) == ["the soldiers’ families get nothing from the state"]


def test_apostrophe_between_letters_is_not_a_mark():
    assert [m.pos for m in marks("don’t 'go'")] == [6, 9]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We were told, ‘Just go,’ and we went,” he said.", ["We were told, ‘Just go,’ and we went,"]),
        ("‘He shouted “fire at will” and ran off,’ she said.", ["He shouted “fire at will” and ran off,"]),
    ],
)
def test_nested_quotes_are_not_their_own(text, expected):
    assert inside(text) == expected


def test_quote_does_not_cross_a_line_break():
    text = "He said “the first part has no end.\n\nThen another line” was written."
    assert inside(text) == []


def test_open_paragraph_continues_when_next_opens_a_quote():
    text = "“The first part runs on and on\n“and the second part is closed,” he said."
    assert inside(text) == ["The first part runs on and on", "and the second part is closed,"]


@pytest.mark.parametrize(
    "text, expected",
    [("20 people are gone.", 4), ("die in vain,", 3), ("cannon fodder", 2), ("— ok —", 1)],
)
def test_word_count(text, expected):
    assert word_count(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The units were sent as “cannon fodder” to the front.",
        "He joined the so-called “Storm Z penal squads” last year.",
        "The campaign was dubbed “Operation Northern Wind Rising” by officers.",
        "He praised the “special military operation” on television.",
        "They called it a “success.”",
    ],
)
def test_scare_quotes_and_labels_are_not_quotes(nlp, text):
    assert quotes(nlp(text), doc_id="t") == []


def test_quote_record_offsets(nlp):
    text = "The recruit said: “We have not eaten for three days.”"
    (quote,) = quotes(nlp(text), doc_id="d1")
    assert quote.doc == "d1"
    assert text[quote.span[0]:quote.span[1]] == quote.text == "We have not eaten for three days."
    assert quote.speaker == "The recruit"
    assert text[quote.speaker_span[0]:quote.speaker_span[1]] == quote.speaker


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We are out of water,” the sergeant said. “Nobody is coming for us.”", ["the sergeant", "the sergeant"]),
        ("“We are out of water,” the sergeant said, “and nobody is coming for us.”", ["the sergeant", "the sergeant"]),
        ("“The trenches are flooded. We sleep in mud,” Ivan Petrov wrote.", ["Ivan Petrov"]),
    ],
)
def test_interrupted_and_multi_sentence_quotes(nlp, text, expected):
    assert [q.speaker for q in quotes(nlp(text), doc_id="t")] == expected


def test_headline_quote_takes_the_speaker_of_the_body_quote_repeating_it(nlp):
    text = (
        "‘Nobody feeds us here’: recruits in the east go hungry\n"
        "Soldiers in the east are running out of food.\n"
        "“We get one meal a day. Nobody feeds us here,” said Oleg Ivanov, a mobilized driver."
    )
    found = quotes(nlp(text), doc_id="t")
    assert [q.speaker for q in found] == ["Oleg Ivanov", "Oleg Ivanov"]
    assert found[0].speaker_span == found[1].speaker_span


def test_headline_quote_governed_by_a_headline_verb(nlp):
    text = "Reservists say they were left ‘without boots or rifles’\nThe men posted a video on Sunday."
    (quote,) = quotes(nlp(text), doc_id="t")
    assert quote.speaker == "Reservists"
    assert quote.speaker_type == "soldier"


def test_headline_quote_without_speaker_looks_in_the_lead(nlp):
    text = "‘We will hold the line’\nGeneral Anton Sirko said on Monday that his troops were tired."
    (quote,) = quotes(nlp(text), doc_id="t")
    assert quote.speaker == "General Anton Sirko"


def test_unattributed_quote_far_from_others_has_no_speaker(nlp):
    text = "A sign on the wall read nothing.\nThe banner said little.\n“Everything is going to plan,” appeared on the screen."
    (quote,) = quotes(nlp(text), doc_id="t")
    assert quote.speaker is None
    assert quote.speaker_type == "other"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,.\n\"'“”‘’«»—(")), max_size=60))
def test_quote_spans_never_crash_and_stay_inside(text):
    spans = quote_spans(text)
    assert all(0 < s <= e <= len(text) for s, e in spans)
    assert spans == sorted(spans)


def _norm_speaker(text: str | None) -> str:
    words = re.sub(r"[^\w\s]", " ", (text or "").lower().replace("’", "'")).split()
    return " ".join(w for w in words if w != "the")


def test_gold_quotes_floor(nlp, shared):
    """Quote F1 and speaker accuracy on the shared gold stay above their floors."""
    tp = fp = fn = right = 0
    for name in ("seeds.jsonl", "dev.jsonl"):
        for line in (shared / "gold" / name).read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            text = (shared / "corpus" / f"{gold['doc']}.txt").read_text(encoding="utf-8")
            left = list(gold["quotes"])
            for quote in quotes(nlp(text), doc_id=gold["doc"]):
                match = next((g for g in left if g["span"][0] < quote.span[1] and quote.span[0] < g["span"][1]), None)
                if match is None:
                    fp += 1
                    continue
                left.remove(match)
                tp += 1
                score = fuzz.token_set_ratio(_norm_speaker(match["speaker"]), _norm_speaker(quote.speaker))
                right += quote.speaker is not None and score >= 85
            fn += len(left)
    f1 = 2 * tp / max(1, 2 * tp + fp + fn)
    assert f1 >= 0.9
    assert right / max(1, tp) >= 0.85
