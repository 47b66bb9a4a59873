"""The pipeline's batch boundary: one article's failure is a Problem, the rest is stored."""

from __future__ import annotations

from pathlib import Path

from frontwire import pipeline
from frontwire.store import Store


def _write(folder, name, text):
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.json").write_text('{"outlet": "Sample Wire", "published": "2024-05-02"}', encoding="utf-8")


def test_an_article_too_long_for_the_model_is_a_problem_and_the_batch_goes_on(tmp_path, nlp, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", 400)
    _write(tmp_path, "long", "Soldiers refused to fight. " * 40)
    _write(tmp_path, "short", "Forty conscripts deserted their unit near the river on Tuesday.")
    with Store.open(tmp_path / "t.db") as store:
        summary = pipeline.run([tmp_path], store, nlp=nlp)
        assert [p.code for p in summary.problems] == ["too-long"]
        assert "long" in summary.problems[0].path
        assert summary.added == 1
        assert [e.type for e in store.events(doc="short")] == ["desertion"]


def test_an_unexpected_extraction_error_is_reported_not_raised(tmp_path, nlp, monkeypatch):
    from frontwire import extract

    def broken(doc, article):
        raise RuntimeError("boom")

    monkeypatch.setattr(extract, "article", broken)
    _write(tmp_path, "one", "Forty conscripts deserted their unit near the river on Tuesday.")
    with Store.open(tmp_path / "t.db") as store:
        summary = pipeline.run([tmp_path], store, nlp=nlp)
    assert summary.problems and summary.problems[0].code == "extract"
    assert "boom" in summary.problems[0].message


def test_workers_store_the_same_as_one_process(nlp, tmp_path):
    """Two worker processes extract; this process writes in input order: the stores agree row for row."""
    from frontwire import pipeline
    from frontwire.export import event_row, incident_row, quote_row
    from frontwire.store import Store
    from frontwire.store.incident_reads import copies, incident_of, incidents

    samples = Path(__file__).resolve().parents[1] / "samples"
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    dumps = []
    for workers in (1, 2):
        with Store.open(tmp_path / f"w{workers}.db") as store:
            summary = pipeline.run([samples, bad], store, nlp=nlp, workers=workers)
            events = list(store.events())
            found = incident_of(store, [e.id for e in events])
            dumps.append((
                [event_row(e, incident=found.get(e.id)) for e in events],
                [quote_row(q) for q in store.quotes()],
                [incident_row(i) for i in incidents(store)],
                copies(store),
                (summary.added, summary.events, [p.code for p in summary.problems]),
            ))  # fmt: skip
    assert dumps[0] == dumps[1]
    assert dumps[0][4][0] == 10 and dumps[0][4][2] == ["empty"]
