"""Temporal expressions: found in a sentence, resolved against a publication date.

News dates events relative to the day of writing.  Our conventions, stated once:
- a weekday names the latest such day on or before publication ("on Thursday" in a
  Thursday article is that day, "on Wednesday" the day before);
- "N weeks ago" is a window of a week around the point; "days ago" the week before;
- "recently" the month before publication; a month name the latest such month not after
  publication ("last November" in February 2020 is November 2019);
- a report with no expression at all tells of the day of publication or the day before.
ACLED's time_precision: 1 a day, 2 a week (or a few days), 3 a month.
An event is never dated after its document's publication.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from frontlines.model import TimeExpr

WEEKDAYS = {name: i for i, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
#: number words, for counts of days and of people alike
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
                "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
                "a dozen": 12, "dozen": 12}
NUMBER_WORDS = {**WORD_NUMBERS, "a": 1, "an": 1, "several": 3, "a few": 2, "few": 2,
                "couple of": 2, "a couple of": 2}
#: how precisely each kind of expression dates an event, most precise first
KIND_RANK = {"absolute": 0, "weekday": 1, "relative": 2, "ago": 3, "month": 4, "recent": 5,
             "year": 6, "none": 7}

_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("absolute", re.compile(r"\b" + _MON + r"\s+(?P<day>\d{1,2})(?:-\d{1,2})?(?:st|nd|rd|th)?,?\s*(?P<year>(?:19|20)\d\d)?\b", re.I)),
    ("absolute", re.compile(r"\b(?P<day>\d{1,2})(?:-\d{1,2})?(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s*(?P<year>(?:19|20)\d\d)?\b", re.I)),
    ("absolute", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")),
    ("ago", re.compile(r"\b(?:only\s+|just\s+|some\s+|about\s+|nearly\s+|almost\s+|more than\s+)?(?P<num>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|few|a couple of)?\s*(?P<unit>days?|weeks?|months?|years?)\s+ago\b", re.I)),
    ("relative", re.compile(r"\b(?P<word>yesterday|today|tonight|last night|overnight|this morning|this evening|this afternoon|earlier this week|earlier this month|last week|this week|last month|this month|last weekend|over the weekend|earlier in the day|earlier today)\b", re.I)),
    ("recent", re.compile(r"\b(?:recently|in recent (?:days|weeks|months)|in the (?:past|last) (?:few )?(?:days|weeks)|(?:the )?past few days)\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?P<late>late|early)\s+(?:on\s+)?)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?P<pod>morning|afternoon|evening|night))?\b", re.I)),
    ("month", re.compile(r"\b(?:(?P<last>last|this|early|late|mid|in|since|from|of)\s+(?:-\s*)?)?" + r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december)(?:\s+(?P<year>(?:19|20)\d\d))?\b", re.I)),
    ("year", re.compile(r"\b(?:in|since|from|during|by)\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
]


_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: for each pattern above, words (lower case) one of which every match of it contains, how many
#: characters before that word a match may begin, and whether the pattern has the word begin a
#: word ("ago", not "Chicago"): the full pattern is tried only near those words (scanning a whole
#: article with a pattern that opens on optional words is slow), which finds exactly what a full
#: scan finds.  None: the pattern is scanned whole.
_GATES: list[tuple[tuple[str, ...], int, bool] | None] = [
    (_MONTH_WORDS, 8, True),  # "March 3", "Jan. 5"
    (_MONTH_WORDS, 24, True),  # "31st of March"
    None,  # 2020-03-01 (already fast: it opens on digits)
    (("ago",), 64, True),  # "more than a couple of weeks ago"
    (("day", "night", "week", "month", "morning", "evening", "afternoon"), 40, False),  # "earlier this week"
    (("recent", "days", "weeks"), 40, True),  # "in the past few days"
    (("day",), 40, False),  # "late on Monday"
    (_MONTH_WORDS, 24, True),  # "since - March"
    (("19", "20"), 24, True),  # "during 2015"
]
assert len(_GATES) == len(_PATTERNS), "one gate (or None) per pattern, in the same order"
#: longer than any match: the search near a gate word never stops inside one
_REACH = 160


def _positions(low: str, words: tuple[str, ...], word_start: bool) -> list[int]:
    """Where the words occur in a lower-cased text (only where a word begins, if asked), in order."""
    out = []
    for w in words:
        i = low.find(w)
        while i >= 0:
            if not (word_start and i and low[i - 1].isalnum()):
                out.append(i)
            i = low.find(w, i + 1)
    return sorted(out)


def _matches(pattern: re.Pattern, gate: tuple[tuple[str, ...], int, bool] | None, text: str, low: str | None):
    """``pattern.finditer(text)``, trying the pattern only near the words of its gate.  A match
    contains a gate word at most ``back`` characters after its start; so the leftmost match at
    or before a gate word, searched from ``back`` characters before it, is the one a full scan
    finds next (a match that begins after the word is left for a later word to find)."""
    if gate is None or low is None:
        yield from pattern.finditer(text)
        return
    words, back, word_start = gate
    end = 0
    for at in _positions(low, words, word_start):
        if at < end:
            continue
        m = pattern.search(text, max(end, at - back), at + _REACH)
        if m is not None and m.start() <= at:
            yield m
            end = max(m.end(), m.start() + 1)


def find(text: str) -> list[tuple[int, int, TimeExpr]]:
    """Temporal expressions in ``text``: (start, end, expression), earliest first, no overlaps."""
    found: list[tuple[int, int, TimeExpr]] = []
    taken: list[tuple[int, int]] = []
    low = text.lower()
    if len(low) != len(text):  # (a few letters change length when lower-cased)
        low = None
    for (kind, pattern), gate in zip(_PATTERNS, _GATES):
        for m in _matches(pattern, gate, text, low):
            s, e = m.span()
            if s == e or any(s < b and a < e for a, b in taken):
                continue
            expr = _expr(kind, m)
            if expr is None:
                continue
            taken.append((s, e))
            found.append((s, e, expr))
    return sorted(found, key=lambda x: x[0])


def _num(word: str | None) -> int:
    if not word:
        return 0
    word = word.lower().strip()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 0)


def _expr(kind: str, m: re.Match) -> TimeExpr | None:
    g = m.groupdict()
    text = m.group(0).strip()
    if kind == "absolute":
        month = int(g["month"]) if g.get("month") else MONTHS[g["mon"].lower().rstrip(".")]
        year = int(g["year"]) if g.get("year") else 0
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None
        return TimeExpr("absolute", text, (year, month, day))
    if kind == "ago":
        unit = g["unit"].lower().rstrip("s")
        n = _num(g.get("num"))
        return TimeExpr("ago", text, (n, unit))
    if kind == "relative":
        return TimeExpr("relative", text, (g["word"].lower(),))
    if kind == "recent":
        return TimeExpr("recent", text, ())
    if kind == "weekday":
        pod = (g.get("pod") or g.get("late") or "").lower()
        return TimeExpr("weekday", text, (WEEKDAYS[g["wd"].lower()],), pod)
    if kind == "month":
        lead = (g.get("last") or "").lower()
        if g["mon"].lower() == "may" and not g.get("year") and lead not in ("last", "since", "in", "early", "late", "mid"):
            return None  # the verb "may"
        if g["mon"].lower() == "march" and not g.get("year") and not lead:
            return None  # the verb or noun "march"
        year = int(g["year"]) if g.get("year") else 0
        return TimeExpr("month", text, (year, MONTHS[g["mon"].lower()], lead))
    if kind == "year":
        return TimeExpr("year", text, (int(g["year"]),))
    return None


def resolve(expr: TimeExpr, published: dt.date | None) -> tuple[dt.date | None, dt.date | None, int]:
    """(earliest, latest, time_precision) of an expression, never after publication.

    An expression that points outside the calendar ("3000 years ago", "99999999 weeks ago"),
    or to its first thousand years (where fusion's windows of days around a date would leave
    it), dates nothing: (None, None, 0), like any expression that cannot be resolved.
    """
    try:
        start, end, precision = _resolve(expr, published)
    except (OverflowError, ValueError):  # a date before year 1 or after 9999
        return None, None, 0
    if (start is not None and start < EARLIEST) or (end is not None and end < EARLIEST):
        return None, None, 0
    return start, end, precision


#: the earliest date an expression resolves to (ACLED's data begin in 1997; this is only a
#: guard against the edge of the calendar)
EARLIEST = dt.date(1000, 1, 1)


def _resolve(expr: TimeExpr, published: dt.date | None) -> tuple[dt.date | None, dt.date | None, int]:
    kind, v = expr.kind, expr.value
    if kind == "absolute":
        year, month, day = v
        if not year:
            if published is None:
                return None, None, 0
            year = published.year
            if _safe_date(year, month, day) and _safe_date(year, month, day) > published:
                year -= 1
        d = _safe_date(year, month, day)
        if d is None:
            return None, None, 0
        if published and d > published:
            return None, None, 0
        return d, d, 1
    if kind == "month":
        year, month, _lead = v
        if not year:
            if published is None:
                return None, None, 0
            year = published.year if month <= published.month else published.year - 1
        first = dt.date(year, month, 1)
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        if published:
            if first > published:
                return None, None, 0
            last = min(last, published)
        return first, last, 3
    if kind == "year":
        (year,) = v
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if published:
            if first > published:
                return None, None, 0
            last = min(last, published)
        return first, last, 3
    if published is None:
        return None, None, 0
    p = published
    if kind == "weekday":
        delta = (p.weekday() - v[0]) % 7
        d = p - dt.timedelta(days=delta)
        return d, d, 1
    if kind == "ago":
        n, unit = v
        if unit == "day":
            if n == 0:  # "days ago"
                return p - dt.timedelta(days=6), p - dt.timedelta(days=1), 2
            d = p - dt.timedelta(days=n)
            return d, d, 1
        if unit == "week":
            n = n or 2
            centre = p - dt.timedelta(days=7 * n)
            return centre - dt.timedelta(days=3), min(p, centre + dt.timedelta(days=3)), 2
        if unit == "month":
            n = n or 2
            centre = p - dt.timedelta(days=30 * n)
            return centre - dt.timedelta(days=15), min(p, centre + dt.timedelta(days=15)), 3
        if unit == "year":
            n = n or 2
            return dt.date(p.year - n, 1, 1), dt.date(p.year - n, 12, 31), 3
    if kind == "relative":
        word = v[0]
        if word in ("yesterday", "last night", "overnight"):
            d = p - dt.timedelta(days=1)
            return (d, p, 1) if word == "overnight" else (d, d, 1)
        if word in ("today", "tonight", "this morning", "this evening", "this afternoon",
                    "earlier in the day", "earlier today"):
            return p, p, 1
        monday = p - dt.timedelta(days=p.weekday())
        if word in ("this week", "earlier this week"):
            return monday, p, 2
        if word == "last week":
            return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), 2
        if word in ("last weekend", "over the weekend"):
            sat = monday - dt.timedelta(days=2)
            return sat, sat + dt.timedelta(days=1), 2
        if word in ("this month", "earlier this month"):
            return p.replace(day=1), p, 3
        if word == "last month":
            last = p.replace(day=1) - dt.timedelta(days=1)
            return last.replace(day=1), last, 3
    if kind == "recent":
        return p - dt.timedelta(days=30), p - dt.timedelta(days=1), 3
    if kind == "none":
        return p - dt.timedelta(days=1), p, 1
    return None, None, 0


def best_date(start: dt.date | None, end: dt.date | None, precision: int, expr: TimeExpr) -> dt.date | None:
    """The single date ACLED would write for a window: the day itself, or the latest day."""
    if start is None:
        return None
    if precision == 1 and expr.kind != "none":
        return start
    return end


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def explicit_year(expr: TimeExpr) -> int:
    """The year an expression names itself (2015, September 2018), or 0."""
    if expr.kind == "year":
        return expr.value[0]
    if expr.kind in ("absolute", "month") and expr.value and expr.value[0]:
        return expr.value[0]
    return 0
