"""The attribute rules applied by lookup write exactly what spaCy's attribute_ruler writes."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from frontwire.nlp import MODEL, attributes

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"
ROOT = Path(__file__).resolve().parents[2]
FIELDS = ("tag_", "pos_", "morph", "lemma_", "dep_", "head", "norm_")


def texts() -> list[str]:
    found = sorted(SHARED.glob("*.txt")) + sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "data").rglob("*.txt"))
    return [path.read_text(encoding="utf-8") for path in found]


def view(doc) -> list[tuple]:
    return [tuple(str(getattr(tok, name)) for name in FIELDS) for tok in doc]


@pytest.fixture(scope="module")
def bare():
    return spacy.load(MODEL)


def both(nlp, texts: list[str]) -> tuple[list, list]:
    """Each text parsed up to the ruler, then the rest run twice: through spaCy's ruler and through ours."""
    ruler, ours = nlp.get_pipe("attribute_ruler"), attributes.Attributes(nlp, nlp.get_pipe("attribute_ruler"))
    after = [proc for name, proc in nlp.pipeline[nlp.pipe_names.index("attribute_ruler") + 1 :]]
    expected, found = [], []
    for doc in nlp.pipe(texts, disable=["attribute_ruler", *nlp.pipe_names[nlp.pipe_names.index("attribute_ruler") + 1 :]]):
        a, b = ruler(doc.copy()), ours(doc.copy())
        for proc in after:
            a, b = proc(a), proc(b)
        expected.append(view(a))
        found.append(view(b))
    return expected, found


def test_every_token_of_our_texts_gets_the_same_attributes(bare):
    corpus = texts()
    assert len(corpus) > 100
    expected, found = both(bare, corpus)
    assert sum(map(len, expected)) > 50_000
    assert found == expected


def test_the_rules_kinds_and_precedence_match_spacy():
    """Every kind of test the rules use, a rule for two tokens pointing back, and later rules winning."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"}, index=0)
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=-1)
    ruler.add([[{"LOWER": {"REGEX": "^n'?t$"}}]], {"POS": "PART"})
    ruler.add([[{"LOWER": {"IN": ["we", "they"]}}]], {"POS": "PRON"})
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
    ruler.add([[{"LOWER": {"NOT_IN": ["the", "we", "they", "gon", "na"]}}]], {"MORPH": "Foo=Bar"})
    ruler.add([[{"LOWER": "the"}]], {"POS": "DET"})
    ruler.add([[{"LOWER": "the"}]], {"POS": "X"})  # a later rule for the same token wins
    doc = nlp.make_doc("We gon na go, they  won't. The end")
    ours = attributes.Attributes(nlp, ruler)
    assert view(ours(doc.copy())) == view(ruler(doc.copy()))
    done = ours(doc.copy())
    assert [t.lemma_ for t in done[1:3]] == ["go", "to"] and done[6].pos_ == "SPACE" and done[8].pos_ == "PART" and done[10].pos_ == "X"


def test_a_pattern_it_cannot_look_up_is_refused():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"SHAPE": "Xxxx"}]], {"POS": "PROPN"})
    with pytest.raises(attributes.UnknownPattern):
        attributes.Attributes(nlp, ruler)
