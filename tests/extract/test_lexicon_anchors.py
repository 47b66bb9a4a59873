"""Literal starts of cue patterns: a sentence without any of them cannot match the cue."""

from __future__ import annotations

import re

import pytest

from frontwire.extract.lexicon import anchors, load_cues


@pytest.mark.parametrize(
    "regex, expected",
    [
        (r"\brefus\w*\s+to\s+fight", {"refus"}),
        (r"\brefuseniks?\b|\bconscientious\s+objector", {"refusenik", "conscientious"}),
        (r"\b(?:fled|flee|ran\s+away)\b", {"fled", "flee", "ran"}),
        (r"\b(?:do|does)\s+not\s+want", None),  # "do" is too short to test
        (r"\b[Ss]oldiers?\b", None),  # a class first: no literal start
        (r"\bdeserts?\b", {"desert"}),
    ],
)
def test_anchors(regex, expected):
    found = anchors(re.compile(regex, re.IGNORECASE))
    assert (None if found is None else set(found)) == expected


@pytest.mark.parametrize("name", ["event_cues.tsv", "event_topic_cues.tsv", "event_voice_cues.tsv"])
def test_every_match_of_a_cue_starts_with_one_of_its_anchors(name):
    """Each cue's own anchors hold on text made to match it: the prefilter never hides a match."""
    for cue in load_cues(name):
        if cue.anchors is None:
            continue
        for sample in ("Soldiers refused to fight and fled; deserters ran away.", "They mutinied, refusing orders."):
            m = cue.pattern.search(sample)
            if m is not None:
                assert any(m.group(0).lower().startswith(a) for a in cue.anchors), (cue.pattern.pattern, m.group(0))
