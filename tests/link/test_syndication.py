"""Syndicated copies: shingles, containment, the earliest report as original, removal."""

from __future__ import annotations

import pytest

from frontwire.link.syndication import MIN_CONTAINMENT, Copy, Syndication, _bands, containment, shingles, signature

WIRE = (
    "Relatives of mobilized men from a motor rifle regiment gathered outside the regional governor's office on Tuesday "
    "and demanded that their husbands and sons be rotated home after eleven months at the front. "
    "The women said the men had been sent into repeated assaults across open fields without artillery support, "
    "and that wounded soldiers were returned to the trenches within days of leaving hospital. "
    "A spokesman for the regional administration said the complaints had been forwarded to the defence ministry."
)
# a reprint with a changed word or two and an added closing line
EDITED = (
    WIRE.replace("on Tuesday", "this week").replace("A spokesman", "An official")
    + " The site could not verify the claims independently."
)
# the lead paragraph only
TRIMMED = WIRE.split(". The women")[0] + "."
OTHER = (
    "Border guards said on Friday that a reconnaissance drone had been shot down over the northern region, "
    "the third such incident this month. Local officials urged residents to stay away from the debris and report "
    "any suspicious objects to the police. Power was briefly cut in two villages after the strike, the regional "
    "energy company said, and repair crews restored supply by the evening."
)
SHORT = "Soldiers refused to advance near the river crossing."


@pytest.mark.parametrize(
    "a, b, equal",
    [
        ("Troops left the town at dawn", "troops LEFT the town, at dawn!", True),
        ("Troops left the town at dawn", "Troops left the city at dawn", False),
    ],
)
def test_shingles_fold_case_and_punctuation(a, b, equal):
    assert (shingles(a).tolist() == shingles(b).tolist()) is equal


@pytest.mark.parametrize("text, size", [("", 0), ("two words", 1), ("one two three four five", 1), ("one two three four five six", 2)])
def test_shingles_of_short_texts(text, size):
    assert len(shingles(text)) == size


@pytest.mark.parametrize(
    "a, b, low, high",
    [
        (WIRE, WIRE, 1.0, 1.0),
        (WIRE, EDITED, MIN_CONTAINMENT, 0.99),
        (TRIMMED, WIRE, 1.0, 1.0),  # the shorter text is wholly inside the longer
        (WIRE, OTHER, 0.0, 0.05),
        ("", WIRE, 0.0, 0.0),
    ],
)
def test_containment(a, b, low, high):
    share = containment(shingles(a), shingles(b))
    assert low <= share <= high
    assert share == containment(shingles(b), shingles(a))


def test_containment_counts_the_shared_shingles_exactly():
    """Binary search over sorted shingles gives the set overlap, at the edges of the value range too."""
    import numpy as np

    rng = np.random.default_rng(5)
    top = np.iinfo(np.uint32).max
    for _ in range(300):
        pool = rng.choice(np.array([0, 1, top - 1, top, *rng.integers(0, top, 40)], dtype=np.uint32), 30)
        a = np.unique(pool[: rng.integers(0, 30)])
        b = np.unique(pool[rng.integers(0, 30) :])
        shared = len(set(a.tolist()) & set(b.tolist()))
        assert containment(a, b) == (shared / min(len(a), len(b)) if min(len(a), len(b)) else 0.0)


def test_a_lightly_edited_reprint_is_a_copy_of_the_earlier():
    index = Syndication()
    assert index.add("wire", WIRE, "2024-03-05") is None
    copy = index.add("reprint", EDITED, "2024-03-06")
    assert isinstance(copy, Copy)
    assert (copy.doc, copy.original) == ("reprint", "wire")
    assert MIN_CONTAINMENT <= copy.containment < 1.0
    assert index.original("reprint") == "wire"
    assert index.original("wire") == "wire"


def test_an_earlier_article_added_later_becomes_the_original():
    index = Syndication()
    assert index.add("reprint", EDITED, "2024-03-06") is None
    assert index.add("wire", WIRE, "2024-03-05") is None  # the new one is the original, not a copy
    assert index.copies()["reprint"].original == "wire"
    assert "wire" not in index.copies()


def test_same_day_ties_go_to_the_smaller_id():
    index = Syndication()
    index.add("zeta", WIRE, "2024-03-05")
    copy = index.add("alpha", EDITED, "2024-03-05")
    assert copy is None
    assert index.copies()["zeta"].original == "alpha"


def test_a_copy_of_a_copy_points_to_the_first_original():
    index = Syndication()
    index.add("wire", WIRE, "2024-03-05")
    index.add("reprint", EDITED, "2024-03-06")
    copy = index.add("trimmed", TRIMMED, "2024-03-07")
    assert copy is not None and copy.original == "wire"


def test_a_trimmed_reprint_is_a_copy():
    index = Syndication()
    index.add("wire", WIRE, "2024-03-05")
    copy = index.add("lead", TRIMMED, "2024-03-06")
    assert copy == Copy("lead", "wire", 1.0)


@pytest.mark.parametrize(
    "first, second",
    [
        (WIRE, OTHER),  # different stories
        (SHORT, SHORT),  # the same words, but too short to call a copy
        ("", ""),
    ],
)
def test_not_copies(first, second):
    index = Syndication()
    assert index.add("one", first, "2024-03-05") is None
    assert index.add("two", second, "2024-03-06") is None
    assert index.copies() == {}


def test_removing_the_original_drops_its_copies():
    index = Syndication()
    index.add("wire", WIRE, "2024-03-05")
    index.add("reprint", EDITED, "2024-03-06")
    index.remove("wire")
    assert index.copies() == {}
    assert index.original("reprint") == "reprint"
    assert index.sketch("wire") is None
    assert "wire" not in index.index.bucket_docs(_bands(signature(shingles(WIRE))))
    index.remove("wire")  # removing twice is harmless


def test_removing_a_copy_keeps_the_original():
    index = Syndication()
    index.add("wire", WIRE, "2024-03-05")
    index.add("reprint", EDITED, "2024-03-06")
    index.remove("reprint")
    assert index.copies() == {}
    assert index.add("again", EDITED, "2024-03-07") == Copy("again", "wire", index.copies()["again"].containment)


def test_adding_the_same_doc_again_replaces_it():
    index = Syndication()
    index.add("wire", WIRE, "2024-03-05")
    assert index.add("wire", WIRE, "2024-03-05") is None  # never a copy of itself
    assert index.index.bucket_docs(_bands(signature(shingles(WIRE)))) == {"wire"}


def test_restore_keeps_the_stored_copy_status_and_indexes_the_text():
    index = Syndication()
    for doc, text, published, copy in (("wire", WIRE, "2024-03-05", None),
                                       ("reprint", EDITED, "2024-03-06", Copy("reprint", "wire", 0.84))):  # fmt: skip
        grams = shingles(text)
        index.restore(doc, published, copy, grams=grams, sig=signature(grams))
    assert index.original("reprint") == "wire"
    copy = index.add("lead", TRIMMED, "2024-03-07")
    assert copy is not None and copy.original == "wire"
