"""A small, strict parser for the calendar dates news pages print.

Handles English month names and abbreviations ("March 3, 2021", "Mar. 3, 2021",
"Mar 3,2021", "3 March 2021", "3rd of Mar 2021"), ISO dates ("2021-03-03",
"2021-03-03T09:12:00Z", "2021/03/03") and day-first dotted dates ("03.03.2021").
Slashed dates are read only when unambiguous ("23/03/2021", "03/23/2021"; not "02/03/2021").
A date in the future, or before 1990, is not a publication date and is refused.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
MONTH_PATTERN = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = [
    # March 3, 2021 / Mar. 3, 2021 / Mar 3,2021 / Mar 3 2021
    re.compile(rf"(?<![\w]){MONTH_PATTERN}\s+{_DAY}\s*,?\s*{_YEAR}(?!\d)", re.I),
    # 3 March 2021 / 3rd of Mar. 2021 / 03-Mar-2021
    re.compile(rf"(?<![\w]){_DAY}(?:\s+of)?[\s-]+{MONTH_PATTERN},?[\s-]+{_YEAR}(?!\d)", re.I),
    # 2021-03-03 / 2021/03/03 (also the date part of an ISO timestamp)
    re.compile(r"(?<![\w])(?P<year>(?:19|20)\d\d)(?P<sep>[-/.])(?P<month>[01]?\d)(?P=sep)"
               r"(?P<day>[0-3]?\d)(?!\d)"),
    # 03.03.2021 (day first, as written where dots are used)
    re.compile(r"(?<![\w.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?!\d)"),
    # 23/03/2021 or 03/23/2021, read only when the order is unambiguous
    re.compile(r"(?<![\w/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?!\d)"),
]

_WEEKDAYS = (r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|"
             r"fri(?:day)?|sat(?:urday)?|sun(?:day)?")
# what may surround a date on a line that is only a date: weekday, time, time zone, "at"
_DATE_LINE_REST = re.compile(
    rf"^(?:[\s,.;:|/()\-–—]|\b(?:{_WEEKDAYS})\b\.?|\bat\b|\bon\b|\b(?:local time|time)\b|"
    r"\b[0-2]?\d[:.h][0-5]\d(?:[:.][0-5]\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?|"
    r"\b[0-2]?\d\s*(?:am|pm|a\.m\.|p\.m\.)|"
    r"\b(?:utc|gmt|[ecmp][sd]t|cet|cest|eet|eest|msk|ast|ist|bst)\b|[+-]\d\d:?\d\d)*$",
    re.I,
)
_EARLIEST = dt.date(1990, 1, 1)


def _today() -> dt.date:
    return dt.date.today()


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    # a publication date is never in the future (one day of slack for time zones)
    if value < _EARLIEST or value > _today() + dt.timedelta(days=1):
        return None
    return value


def _from_match(match: re.Match) -> dt.date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if "a" in groups and groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b:
            return _make(year, b, a)
        if b > 12 >= a:
            return _make(year, a, b)
        if a == b:
            return _make(year, a, b)
        return None
    month = groups["month"]
    month_number = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))
    if not month_number:
        return None
    return _make(year, month_number, int(groups["day"]))


def find_date(text: str) -> tuple[dt.date, tuple[int, int]] | None:
    """The first calendar date written in ``text`` and its span, or None."""
    found: list[tuple[int, int, dt.date]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            value = _from_match(match)
            if value is not None:
                found.append((match.start(), match.end(), value))
                break
    if not found:
        return None
    start, end, value = min(found, key=lambda item: (item[0], -item[1]))
    return value, (start, end)


def parse_date(text: str, *, fallback: bool = True) -> dt.date | None:
    """A date from a field or a metadata line ("2021-03-03", "09:12, March 3, 2021").

    Our own patterns first; ``dateparser`` (strict, never preferring future dates, all of
    day, month and year required) when they find nothing and ``fallback`` is true.  A date
    our patterns read but refuse (in the future, before 1990, no such day, "02/03/2021" whose
    order is unsure) is refused: dateparser would read it another way ("04.12.2026", the 4th
    of December, as April 12).
    """
    if not text or not text.strip():
        return None
    found = find_date(text)
    if found:
        return found[0]
    if not fallback or any(pattern.search(text) for pattern in _PATTERNS):
        return None
    return _dateparser(text)


def _dateparser(text: str) -> dt.date | None:
    try:
        import dateparser
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    settings = {
        "PREFER_DATES_FROM": "past",
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        value = dateparser.parse(text.strip()[:100], languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if value is None:
        return None
    return _make(value.year, value.month, value.day)


def date_line(line: str) -> dt.date | None:
    """The date of a line that holds nothing but a date (with perhaps a weekday, a time,
    a time zone), or None: "March 3, 2021", "Wed 3 Mar 2021 09:12 GMT"."""
    if len(line) > 60:
        return None
    found = find_date(line)
    if not found:
        return None
    value, (start, end) = found
    rest = line[:start] + " " + line[end:]
    if _DATE_LINE_REST.match(rest):
        return value
    return None
