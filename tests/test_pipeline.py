"""The pipeline's batch boundary: one article's failure is a Problem, the rest is stored."""

from __future__ import annotations

import signal
import threading
import time
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


def test_workers_store_the_same_as_one_process(nlp, tmp_path, monkeypatch):
    """Two worker processes extract; this process writes in input order: the stores agree row for row,
    also with batches of 2 articles (the workers given more than :data:`QUEUED` ahead) and links
    written every 3."""
    from frontwire import pipeline
    from frontwire.export import event_row, incident_row, quote_row
    from frontwire.store import Store
    from frontwire.store import incidents as store_links
    from frontwire.store.incident_reads import copies, incident_of, incidents

    samples = Path(__file__).resolve().parents[1] / "samples"
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    dumps = []
    for workers, small in ((1, False), (2, False), (2, True), (1, True)):
        if small:
            monkeypatch.setattr(pipeline, "BATCH", 2)
            monkeypatch.setattr(store_links, "LINK_BATCH", 3)
        with Store.open(tmp_path / f"w{workers}{small}.db") as store:
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
    assert dumps[0] == dumps[1] == dumps[2] == dumps[3]
    assert dumps[0][4][0] == 10 and dumps[0][4][2] == ["empty"]


def test_ingest_links_its_articles_in_order_of_publication_whatever_order_it_reads_them(nlp, tmp_path, monkeypatch):
    """Linking follows publication dates, as ``frontwire link`` does: the incidents do not depend on
    the order of the inputs, and the two orders give the same store."""
    from frontwire.export import incident_row
    from frontwire.store import incidents as store_links
    from frontwire.store.incident_reads import incidents

    texts = {  # file names sort against the dates
        "a": ("2024-05-09", "Soldiers of the 112th Regiment deserted near Robotyne on Monday, relatives said."),
        "b": ("2024-05-02", "Dozens of soldiers of the 112th Regiment deserted their positions near Robotyne."),
        "c": ("2024-05-05", "The 112th Regiment lost most of its men near Robotyne, a commander said."),
        "d": (None, "Soldiers of the 112th Regiment refused to attack near Robotyne."),  # undated: first, as SQL sorts NULL
    }
    for name, (published, text) in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        dated = f', "published": "{published}"' if published else ""
        (tmp_path / f"{name}.json").write_text(f'{{"outlet": "Wire {name}"{dated}}}', encoding="utf-8")
    linked: list[str] = []
    link = store_links.Deferred.link
    monkeypatch.setattr(store_links.Deferred, "link", lambda self, doc: linked.append(doc) or link(self, doc))
    rows = []
    for order in (["a", "b", "c", "d"], ["c", "d", "a", "b"]):
        linked.clear()
        with Store.open(tmp_path / f"{''.join(order)}.db") as store:
            summary = pipeline.run([tmp_path / f"{name}.txt" for name in order], store, nlp=nlp)
            rows.append([incident_row(i) for i in incidents(store)])
            by_sql = [r["id"] for r in store._query("SELECT id FROM articles ORDER BY published, id")]  # pending()'s order
        assert linked == ["d", "b", "c", "a"] == by_sql and summary.linked == 4
    assert rows[0] == rows[1] and rows[0]


def test_watch_ingests_what_arrives_between_scans(nlp, tmp_path):
    from frontwire.store.incident_reads import incidents

    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "first", "Dozens of soldiers of the 112th Regiment deserted their positions near Robotyne on Monday.")
    arrivals = [("second", "Soldiers of the 112th Regiment deserted near Robotyne on Monday, relatives said.")]
    rounds: list[list[str]] = []

    def between(_seconds):  # the next file lands while the watcher sleeps
        if arrivals:
            _write(folder, *arrivals.pop())

    with Store.open(tmp_path / "watch.db") as store:
        busy = pipeline.watch([folder], store, nlp=nlp, rounds=3, sleep=between,
                              on_round=lambda files, summary: rounds.append([f.stem for f in files]))  # fmt: skip
        assert busy == 2 and rounds == [["first"], ["second"]]
        assert {a.id for a in store.articles()} == {"first", "second"}
        assert any(set(i.docs) == {"first", "second"} for i in incidents(store))  # linked as they arrived


def test_changed_sees_new_and_edited_files_and_sidecars(tmp_path):
    import os

    from frontwire import ingest

    _write(tmp_path, "a", "Soldiers fled.")
    seen: dict = {}
    assert [p.name for p in ingest.changed([tmp_path], seen)] == ["a.txt"]
    assert ingest.changed([tmp_path], seen) == []
    sidecar = tmp_path / "a.json"
    stat = sidecar.stat()
    os.utime(sidecar, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # the metadata was edited
    assert [p.name for p in ingest.changed([tmp_path], seen)] == ["a.txt"]
    _write(tmp_path, "b", "Soldiers surrendered.")
    assert [p.name for p in ingest.changed([tmp_path], seen)] == ["b.txt"]


def test_an_extraction_that_fails_is_a_problem_for_that_article_only(tmp_path, nlp, monkeypatch):
    real = pipeline.extract.article

    def flaky(doc, article):
        if article.id == "bad":
            raise ValueError("boom")
        return real(doc, article)

    monkeypatch.setattr(pipeline.extract, "article", flaky)
    for name in ("bad", "good"):
        _write(tmp_path, name, "Soldiers of the 112th Regiment deserted near Robotyne on Monday.")
    with Store.open(tmp_path / "x.db") as store:
        summary = pipeline.run([tmp_path], store, nlp=nlp, link=False)
        assert [(p.item, p.code) for p in summary.problems] == [("bad", "extract")]
        assert "boom" in summary.problems[0].message
        assert [a.id for a in store.articles()] == ["good"]
        assert set(summary.seconds) >= {"nlp", "extract", "store"}


def _spin(seconds: float) -> None:
    """Busy Python work for ``seconds`` (interruptible, as a slow extractor would be)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_an_article_over_its_time_budget_is_skipped_and_the_batch_goes_on(tmp_path, nlp, monkeypatch):
    real = pipeline.extract.article

    def slow_on_one(doc, article):
        if article.id == "stuck":
            _spin(30)  # the budget stops this long before it ends
        return real(doc, article)

    monkeypatch.setattr(pipeline.extract, "article", slow_on_one)
    _write(tmp_path, "stuck", "Nine marines surrendered near the bridge on Friday.")
    _write(tmp_path, "fine", "Forty conscripts deserted their unit near the river on Tuesday.")
    started = time.monotonic()
    with Store.open(tmp_path / "t.db") as store:
        summary = pipeline.run([tmp_path], store, nlp=nlp, budget=0.5)
        assert [(p.code, Path(p.path).name) for p in summary.problems] == [("too-slow", "stuck.txt")]
        assert "0.5 s" in summary.problems[0].message and "--article-seconds" in summary.problems[0].message
        assert summary.added == 1 and store.article("stuck") is None
        assert [e.type for e in store.events(doc="fine")] == ["desertion"]
    assert time.monotonic() - started < 20


def test_an_uninterruptible_overrun_is_caught_when_it_ends():
    from frontwire.model import Article

    article = Article("slow", "text", path="slow.txt")
    caught: list[Exception] = []

    def off_the_main_thread() -> None:  # no timer signal here: only the check at the end
        try:
            with pipeline.time_budget(article.path, 0.05):
                time.sleep(0.2)
        except pipeline.OverBudget as exc:
            caught.append(exc)

    worker = threading.Thread(target=off_the_main_thread)
    worker.start()
    worker.join()
    assert [e.code for e in caught] == ["too-slow"] and "slow.txt" in str(caught[0])


def test_no_budget_and_a_kept_budget_change_nothing():
    from frontwire.model import Article

    article = Article("quick", "text")
    for budget in (None, 0, 5.0):
        with pipeline.time_budget(article.id, budget):
            _spin(0.01)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler, None)
