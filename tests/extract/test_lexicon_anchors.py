"""Literals of cue patterns (their starts, else literals every match holds): a sentence without any of them
cannot match the cue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from frontwire.extract import attribution, dates, events, numbers
from frontwire.extract.lexicon import CueIndex, Scan, anchors, ascii_starts, finditer, lines_up, load_cues, search, substrings

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data").rglob("*.txt")) + sorted((ROOT / "samples").glob("*.txt"))]


@pytest.mark.parametrize(
    "regex, expected",
    [
        (r"\brefus\w*\s+to\s+fight", {"refus"}),
        (r"\brefuseniks?\b|\bconscientious\s+objector", {"refusenik", "conscientious"}),
        (r"\b(?:fled|flee|ran\s+away)\b", {"fled", "flee", "ran"}),
        (r"\b(?:do|does)\s+not\s+want", {"want"}),  # "do" is too short: a literal every match holds
        (r"\b[Ss]oldiers?\b", {"oldier"}),  # a class first: the literal after it
        (r"\b(?:by|from)\s+(?:their\s+)?own\s+(?:side|troops)", {"own"}),  # an optional group holds nothing
        (r"\b(?:[0-9]+|many)\s+(?:men|troops)\b", {"men", "troops"}),  # the first group has a branch with none
        (r"\b(?:[0-9]+|many)\s+(?:me|us)\b", None),  # nothing long enough everywhere
        (r"\b(?:lost|lack)\s+(?:of\s+)?(?:food|water)", {"lost", "lack"}),  # the starts of every branch
        (r"\bdeserts?\b", {"desert"}),
    ],
)
def test_anchors(regex, expected):
    found = anchors(re.compile(regex, re.IGNORECASE))
    assert (None if found is None else set(found)) == expected


@pytest.mark.parametrize("name", ["event_cues.tsv", "event_topic_cues.tsv", "event_voice_cues.tsv"])
def test_every_match_of_a_cue_starts_with_one_of_its_anchors(name):
    """Wherever a cue matches a sentence of our texts, one of its anchors is in the match: the prefilter
    never hides a match."""
    sentences = [line for text in TEXTS for line in re.split(r"(?<=[.!?])\s+|\n+", text) if line.strip()]
    checked = 0
    for cue in load_cues(name):
        if cue.anchors is None:
            continue
        for sentence in sentences:
            m = cue.pattern.search(sentence)
            if m is not None:
                checked += 1
                assert any(a in m.group(0).lower() for a in cue.anchors), (cue.pattern.pattern, m.group(0))
    assert checked > 20


@pytest.mark.parametrize("name", ["event_cues.tsv", "event_topic_cues.tsv", "event_voice_cues.tsv"])
def test_index_gives_the_cues_with_an_anchor_in_the_sentence(name):
    """CueIndex is only a faster way to test every cue's anchors: the same cues, in table order."""
    cues = load_cues(name)
    index = CueIndex(cues)
    lines = [line for text in TEXTS for line in text.splitlines()] + ["", "ab", "refus", "Refused to fight", "they deserted"]
    for line in lines:
        low = line.lower()
        expected = [cue for cue in cues if cue.anchors is None or any(a in low for a in cue.anchors)]
        assert index.candidates(low, substrings(low)) == expected, line


ODD_CASE = ["Soldiers refuſed to fight", "The DESERTERS were \u212aILLED", "İnvasion: they desertedİ and fled", "ſoldiers ran away, they refused"]


@pytest.mark.parametrize("name", ["event_cues.tsv", "event_topic_cues.tsv", "event_voice_cues.tsv"])
def test_search_from_the_anchors_finds_what_the_pattern_finds(name):
    """lexicon.search tries a cue only where its anchors start: the same match as a search of the whole
    sentence, also where lower() changes the length or a non-ASCII letter matches an ASCII one."""
    lines = [line for text in TEXTS for line in text.splitlines()] + ODD_CASE
    assert any(c.starts is not None for c in load_cues(name))
    for cue in load_cues(name):
        for line in lines:
            low = line.lower()
            found = search(cue, line, low if lines_up(line, low) else None)
            expected = cue.pattern.search(line)
            assert (found and (found.span(), found.group(0))) == (expected and (expected.span(), expected.group(0))), (cue.pattern.pattern, line)


@pytest.mark.parametrize("text, expected", [("they fled", True), ("they fled’", True), ("refuſed", False), ("İran", False), ("\u212aill", False), ("Київ", True)])
def test_lines_up(text, expected):
    assert lines_up(text, text.lower()) is expected


def test_finditer_from_the_starts_finds_what_the_pattern_finds():
    """lexicon.finditer on the demonyms before force nouns: the matches of SIDE_RE.finditer, whole texts and lines."""
    starts = ascii_starts(events.SIDE_RE)
    assert starts is not None
    texts = TEXTS + [line for text in TEXTS for line in text.splitlines()] + ODD_CASE + ["Rusſian troops and Ukrainian soldiers", "ruſſian Russian soldiers"]
    for text in texts:
        low = text.lower()
        found = [(m.span(), m.group(0)) for m in finditer(events.SIDE_RE, starts, text, low if lines_up(text, low) else None)]
        assert found == [(m.span(), m.group(0)) for m in events.SIDE_RE.finditer(text)], text


SCANNED = [*(regex for regex, _ in dates._DETECTORS), numbers.FRACTION_RE, events.MILITARY, events.BOILERPLATE,
           attribution.DENIAL, attribution.HEDGE, attribution.STRONG_FLAG]


@pytest.mark.parametrize("pattern", SCANNED, ids=lambda p: p.pattern[:30])
def test_scan_finds_what_the_pattern_finds(pattern):
    """A Scan skips texts without its literals and tries the regex from its starts: the same matches, groups included."""
    scan = Scan(pattern)
    lines = [line for text in TEXTS for line in text.splitlines()] + ODD_CASE + [
        "On Jan. 5, 2023 they fled", "ſummer of 2022", "in the \u212aiev region on March 3", "half of the men deſerted", "İn May 2022"]
    for line in lines:
        found = [(m.span(), m.groupdict(), m.group(0)) for m in scan.finditer(line)]
        assert found == [(m.span(), m.groupdict(), m.group(0)) for m in pattern.finditer(line)], line
