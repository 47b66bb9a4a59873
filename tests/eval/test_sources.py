"""Predictions from a pipeline run on a corpus folder (extraction stubbed to one rule)."""

from __future__ import annotations

import json

import pytest

from frontwire import extract
from frontwire.errors import InputError
from frontwire.eval.score import score
from frontwire.eval.sources import articles, default_corpus, from_corpus, record
from frontwire.model import Article, Event, Extraction, Quote

TEXTS = {
    "n1": "Forty soldiers of a border battalion laid down their arms at dawn.\nThe army said nothing.\n",
    "n2": "Officials opened a new recruitment campaign in three provinces.\n",
}


def first_sentence(doc, article: Article) -> Extraction:
    """A stand-in extractor: the first line is a surrender, any quote is ignored."""
    end = article.text.index("\n")
    event = Event(doc=article.id, type="surrender", span=(0, end), text=article.text[:end], count=40.0)
    return Extraction(article=article, events=(event,))


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for doc, text in TEXTS.items():
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
        meta = {"doc": doc, "outlet": "Example Wire", "published": "2024-06-01", "title": "t", "url": None}
        (folder / f"{doc}.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def gold_record(doc, events=()):
    return {"doc": doc, "events": list(events), "quotes": []}


def test_default_corpus(tmp_path):
    assert default_corpus(tmp_path / "gold" / "dev.jsonl") == (tmp_path / "corpus").resolve()


def test_articles_in_gold_order(corpus):
    got = articles([gold_record("n2"), gold_record("n1")], corpus)
    assert [(doc, a.text) for doc, a in got] == [("n2", TEXTS["n2"]), ("n1", TEXTS["n1"])]
    assert got[0][1].published == "2024-06-01"


def test_missing_article(corpus):
    with pytest.raises(InputError, match="n9.txt"):
        articles([gold_record("n1"), gold_record("n9")], corpus)


def test_from_corpus_scores(corpus, nlp, monkeypatch):
    monkeypatch.setattr(extract, "article", first_sentence, raising=False)
    end = TEXTS["n1"].index("\n")
    gold_event = {"doc": "n1", "type": "surrender", "span": [0, end], "count": 40, "unit": None}
    gold = [gold_record("n1", [gold_event]), gold_record("n2")]
    predictions = from_corpus(gold, corpus, nlp=nlp)
    assert [r["doc"] for r in predictions] == ["n1", "n2"]
    report = score(predictions, gold)
    assert (report.events.tp, report.events.fp, report.events.fn) == (1, 1, 0)
    assert report.fields["count"].correct == 1


def test_record_uses_export_rows():
    article = Article(id="a", text="x" * 30)
    extraction = Extraction(
        article=article,
        events=(Event(doc="a", type="desertion", span=(0, 10), text="x" * 10, count=300.0, count_unit="people"),),
        quotes=(Quote(doc="a", span=(12, 20), text="x" * 8, speaker="him"),),
    )
    rec = record(extraction, doc="renamed")
    assert rec["doc"] == "renamed"
    assert rec["events"][0]["doc"] == "renamed" and rec["events"][0]["count"] == 300
    assert rec["quotes"][0]["speaker"] == "him"
