from pathlib import Path

import pytest

from frontwire.ingest import read
from frontwire.ingest.html import declared_charset, has_sentence, paragraphs, with_title
from frontwire.model import Article, Problem

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


@pytest.mark.parametrize(
    "name, expected",
    [
        (
            "article.html",
            {
                "id": "article",
                "title": "Conscripts walk off the line near the reservoir",
                "outlet": "Steppe Courier",
                "published": "2023-03-14",
                "url": "https://courier.example/war/conscripts-walk-off",
                "starts": "Conscripts walk off the line near the reservoir\n\nAbout forty conscripts",
                "ends": "request for comment on Tuesday.",
            },
        ),
        (
            "footer_year.html",  # the only year is a copyright footer: no date
            {
                "id": "footer_year",
                "title": "Militia reports drone strike on depot",
                "outlet": None,
                "published": None,
                "url": None,
                "starts": "Militia reports drone strike on depot\n\nA militia spokesman said",
                "ends": "river crossing until dawn.",
            },
        ),
        (
            "latin1.html",  # declared charset honoured
            {
                "id": "latin1",
                "title": "Garrison surrenders",
                "outlet": None,
                "published": "2021-11-02",
                "url": None,
                "starts": "Garrison surrenders\n\nThe garrison of the border post",
                "ends": "main square of the town.",
            },
        ),
    ],
)
def test_html_article(name, expected):
    [article] = read([DATA / name])
    assert isinstance(article, Article) and article.fmt == "html"
    got = {key: getattr(article, key) for key in ("id", "title", "outlet", "published", "url")}
    assert got == {key: expected[key] for key in got}
    assert article.text.startswith(expected["starts"])
    assert article.text.endswith(expected["ends"])
    assert "\n\n\n" not in article.text and "©" not in article.text and "Home" not in article.text
    if name == "latin1.html":
        assert "café owner" in article.text


def test_html_without_article(tmp_path):
    good = DATA / "article.html"
    items = list(read([DATA / "no_article.html", good]))
    assert [type(item) for item in items] == [Problem, Article]
    assert items[0].code == "no-article" and "no_article.html" in items[0].message


@pytest.mark.parametrize(
    "title, body, expected",
    [
        ("Troops retreat", "Troops retreat\n\nThey left.", "Troops retreat\n\nThey left."),
        ("Troops retreat", "They left.", "Troops retreat\n\nThey left."),
        (None, "They left.", "They left."),
        ("", "They left.", "They left."),
    ],
)
def test_with_title(title, body, expected):
    assert with_title(title, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Home World Politics Sport Business Culture Opinion", False),
        ("Soldiers said they had not eaten for three days.", True),
        ("Short one.", False),
        ("Home\n\nThe brigade lost most of its tanks in the assault.", True),
        ("", False),
    ],
)
def test_has_sentence(body, expected):
    assert has_sentence(body, min_words=6) is expected


@pytest.mark.parametrize(
    "head, expected",
    [
        (b'<html><head><meta charset="windows-1251">', "windows-1251"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "iso-8859-1"),
        (b"<?xml version='1.0' encoding='utf-8'?><html>", "utf-8"),
        (b"<html><head><title>x</title>", None),
    ],
)
def test_declared_charset(head, expected):
    assert declared_charset(head) == expected


def test_paragraphs():
    assert paragraphs("  One\u00a0 line \n\nTwo\r\nThree ") == "One line\n\nTwo\n\nThree"
