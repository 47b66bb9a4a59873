import time
from datetime import date, datetime

import pytest

from frontwire.ingest.dates import published


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2022-05-04", "2022-05-04"),
        ("  2022-05-04  ", "2022-05-04"),
        ("2022-05-04T23:30:00-05:00", "2022-05-04"),  # the date as written, not UTC
        ("2022-05-04T10:00:00Z", "2022-05-04"),
        ("2022-05-04 10:00", "2022-05-04"),
        ("20220504", "2022-05-04"),
        ("Wed, 04 May 2022 10:00:00 +0300", "2022-05-04"),
        ("04 May 2022 10:00 GMT", "2022-05-04"),
        ("May 4, 2022", "2022-05-04"),
        ("Sept. 3, 2023", "2023-09-03"),
        ("4 May 2022", "2022-05-04"),
        ("Tuesday, 4th May 2021", "2021-05-04"),
        ("2022/05/04", "2022-05-04"),
        (date(2020, 2, 29), "2020-02-29"),
        (datetime(2020, 2, 29, 23, 0), "2020-02-29"),
        (time.struct_time((2023, 1, 2, 0, 0, 0, 0, 2, 0)), "2023-01-02"),
        ("2022-13-01", None),  # ISO-shaped but invalid: not reinterpreted
        ("2022-02-30", None),
        ("March 2022", None),  # no day: not guessed
        ("yesterday", None),
        ("2 days ago 2022", None),
        ("sometime soon", None),
        ("", None),
        ("   ", None),
        (None, None),
        (20220504, None),
        ("0001-01-01", None),
        ("x" * 500, None),
    ],
)
def test_published(value, expected):
    assert published(value) == expected
