"""The pipeline: components, sentence rule at line breaks, parse and parse_many."""

from __future__ import annotations

import pytest

from frontwire import nlp as nlp_stage
from frontwire.model import Article


def test_components_in_order(nlp):
    names = nlp.pipe_names
    assert names.index("frontwire_entities") < names.index("ner")
    assert names.index("frontwire_line_breaks") < names.index("parser")


def test_register_is_idempotent():
    nlp_stage.register()
    nlp_stage.register()


@pytest.mark.parametrize(
    "text, first",
    [
        ("Soldiers Refuse To Fight\nThe men said they were left without food.", "Soldiers Refuse To Fight"),
        ("A caption under the photo\n\nThe unit retreated on Monday.", "A caption under the photo"),
    ],
)
def test_line_break_ends_sentence(nlp, text, first):
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents[0] == first
    assert all("\n" not in s for s in sents)


def test_parse_many_keeps_articles(nlp):
    articles = [Article(id="a", text="Troops left Izyum."), Article(id="b", text="Reuters reported it.")]
    got = list(nlp_stage.parse_many(nlp, articles, batch_size=2))
    assert [a.id for a, _ in got] == ["a", "b"]
    assert nlp_stage.parse(nlp, articles[0]).text == articles[0].text


def test_corpus_sentences_do_not_span_lines(nlp, shared):
    for path in sorted((shared / "corpus").glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        assert not [s.text for s in doc.sents if "\n" in s.text.strip()], path.name
