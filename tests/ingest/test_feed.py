from pathlib import Path

import pytest

from frontwire.ingest import read
from frontwire.ingest.feed import entry_id, html_to_text, paragraphs
from frontwire.model import Article, Problem

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def test_rss_entries():
    items = list(read([DATA / "feed.rss"]))
    assert [type(item) for item in items] == [Article, Article, Problem, Article]
    first, second, problem, fourth = items
    assert first.id == "wire-news-2023-0412-id-77"
    assert first.text == (
        "Brigade runs short of shells\n\n"
        "Gunners in a mechanized brigade say they fire a tenth of the shells they need.\n\n"
        "“We count every round,” a battery commander said on Wednesday."
    )
    assert (first.outlet, first.published, first.url, first.fmt) == (
        "Frontline Wire",
        "2023-04-12",  # the date as written, not shifted to UTC
        "https://wire.example/news/brigade-shells",
        "feed",
    )
    assert second.id == "feed-2" and second.published == "2023-04-13"
    assert second.text.startswith("Deserters detained at checkpoint\n\nMilitary police detained six")
    assert (problem.code, problem.item) == ("no-article", "entry 3")
    assert "feed.rss" in problem.message
    assert fourth.published is None and fourth.url is None and fourth.id == "wire-news-undated"


def test_atom_entry():
    [article] = read([DATA / "feed.atom"])
    assert article.id == "urn-uuid-60a76c80-d399-11d9-b93C-0003939e0af6"
    assert article.published == "2024-02-01"
    assert article.outlet == "Delta Observer" and article.url == "https://delta.example/a/1"
    assert article.text.endswith("during a failed crossing.\n\nIt gave no figure for the dead.")


def test_feed_is_sniffed_when_named_explicitly(tmp_path):
    path = tmp_path / "wire.feed"
    path.write_bytes((DATA / "feed.atom").read_bytes())
    [article] = read([path])
    assert article.fmt == "feed"


def test_truncated_feed_reads_entries_before_the_cut(tmp_path):
    path = tmp_path / "cut.rss"
    data = (DATA / "feed.rss").read_bytes()
    path.write_bytes(data[: data.index(b"<title>Headline only") + 12])
    items = list(read([path]))
    assert items[0].code == "feed" and "cut.rss" in items[0].message and "malformed" in items[0].message
    assert [type(item) for item in items[1:]] == [Article, Article, Problem]


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"<rss version='2.0'><channel><title>cut", "not a readable"),
        (b"<?xml version='1.0'?><inventory><box/></inventory>", "not an RSS/Atom feed"),
        (b"plain words, no markup at all", "not a readable"),
    ],
)
def test_broken_feed(tmp_path, data, fragment):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(data)
    items = list(read([bad, DATA / "feed.atom"]))
    assert [type(item) for item in items] == [Problem, Article]
    assert items[0].code == "feed" and "bad.xml" in items[0].message and fragment in items[0].message


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("https://x.example/news/1?id=2", "https-x.example-news-1-id-2"),
        ("urn:uuid:ABC-1", "urn-uuid-ABC-1"),
        ("  ///  ", None),
        (None, None),
    ],
)
def test_entry_id(raw, expected):
    assert entry_id({"id": raw}) == expected


@pytest.mark.parametrize(
    "markup, expected",
    [
        ("<p>One <b>bold</b> line.</p><p>Two.</p>", "One bold line.\n\nTwo."),
        ("First<br>Second<br/>Third", "First\n\nSecond\n\nThird"),
        ("<div><script>alert(1)</script>Kept &amp; shown</div>", "Kept & shown"),
        ("<ul><li>a</li><li>b</li></ul>", "a\n\nb"),
        ("No markup here.", "No markup here."),
    ],
)
def test_html_to_text(markup, expected):
    assert paragraphs(html_to_text(markup)) == expected
