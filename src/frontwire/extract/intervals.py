"""Calendar arithmetic for resolving time expressions: whole months and years, shifts, rolling windows."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def whole_month(year: int, month: int) -> tuple[date, date, str]:
    return date(year, month, 1), month_end(year, month), "month"


def whole_year(year: int) -> tuple[date, date, str]:
    return date(year, 1, 1), date(year, 12, 31), "year"


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def safe_day(year: int, month: int, day: int) -> date | None:
    return date(year, month, day) if 1 <= day <= calendar.monthrange(year, month)[1] else None


def year_of_month(month: int, anchor: date) -> int:
    return anchor.year if month <= anchor.month else anchor.year - 1


def rolling_window(pub: date, n: int, unit: str) -> tuple[date, date, str]:
    if unit in {"day", "week"}:
        return pub - timedelta(days=n * (7 if unit == "week" else 1)), pub, "range"
    y, m = shift_months(pub.year, pub.month, -n * (12 if unit == "year" else 1))
    return date(y, m, min(pub.day, calendar.monthrange(y, m)[1])), pub, "range"
