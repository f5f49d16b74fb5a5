"""Partial dates: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

Dates stay the strings the data gives, so they are written back exactly as given;
these helpers check them and turn them into tuples for ordering and comparison.
"""

from __future__ import annotations

import re

from .errors import RuleError

#: ASCII digits only: ``\d`` would also take Arabic-Indic or full-width digits, which
#: ``int`` reads but SQLite and every other tool compare as text.
_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
#: The years a date may name: four digits, and no year 0 (no register reaches back a
#: thousand years; the bound keeps ``--year``, ``--since`` and SQLite in agreement).
MIN_YEAR, MAX_YEAR = 1000, 9999

DateKey = tuple[int, ...]


def parse_partial_date(text: str) -> DateKey:
    """Return ``(year,)``, ``(year, month)`` or ``(year, month, day)``.

    Raises ``ValueError`` with a readable reason for anything else, including
    impossible dates such as ``2023-02-30``.
    """
    match = _PATTERN.fullmatch(text)
    if match is None:
        raise RuleError("rule.not_a_date", value=text)
    year = int(match[1])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise RuleError("rule.year_range", value=text, low=MIN_YEAR, high=MAX_YEAR)
    if match[2] is None:
        return (year,)
    month = int(match[2])
    if not 1 <= month <= 12:
        raise RuleError("rule.no_month", value=text, month=month)
    if match[3] is None:
        return (year, month)
    day = int(match[3])
    import calendar  # only for a full date: loading it is a cost on every start

    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise RuleError("rule.no_day", value=text, month=month, year=year, days=last)
    return (year, month, day)


def sort_key(text: str | None) -> DateKey:
    """Order partial dates: a year sorts before any month of that year; None sorts first."""
    if text is None:
        return ()
    return parse_partial_date(text)


def on_or_after(date: str, bound: str) -> bool:
    """True when ``date`` may fall on or after ``bound``, compared at the coarser precision.

    ``2015`` is on or after ``2015-06`` (it may be), ``2014`` is not.
    """
    a, b = parse_partial_date(date), parse_partial_date(bound)
    n = min(len(a), len(b))
    return a[:n] >= b[:n]


def on_or_before(date: str, bound: str) -> bool:
    """True when ``date`` may fall on or before ``bound``, compared at the coarser precision."""
    a, b = parse_partial_date(date), parse_partial_date(bound)
    n = min(len(a), len(b))
    return a[:n] <= b[:n]


def year_of(text: str | None) -> int | None:
    return None if text is None else parse_partial_date(text)[0]
