"""What an article's own text says about it: title, outlet, publication date.

Read from the head of the text, as news pages print it:

* publication lines: "Published: 09:12, March 3, 2021 | Updated: 14:40, May 1, 2022"
  (the published part counts, an update never does), "Posted on ...", "First published ...";
* bylines: "By AFP - Mar 3,2021 - Last updated at Mar 4,2021", "By Jane Doe | Reuters",
  "By Reuters" (an outlet only when it is a known agency/outlet or an all-capitals acronym;
  "By Jane Doe" names a person and gives no outlet);
* a line that is only a date, near the top: "March 3, 2021";
* a dateline opening the first paragraphs: "BEIRUT (Reuters) -", "CITY, (AB) –".

These lines are metadata, not news: the caller removes them from the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import furniture
from .dates import MONTH_PATTERN, date_line, find_date

#: how many non-furniture paragraphs at the top are searched for metadata lines
HEAD_PARAGRAPHS = 8
#: a headline is shorter than this
TITLE_MAX_CHARS = 200

_PUBLISHED_KW = re.compile(
    r"^(?:(?:first|originally)\s+)?(?:published|posted|publication date|date published|"
    r"release date|released)(?:\s+(?:on|at|in))?\s*[:\-–—]?\s*", re.I)
_UPDATED_KW = re.compile(
    r"^(?:(?:last|latest)\s+)?(?:updated?|modified|edited|changed|revised)(?:\s+(?:on|at))?"
    r"\s*[:\-–—]?\s*", re.I)
_UPDATED_ANYWHERE = re.compile(r"\b(?:(?:last|latest)\s+)?(?:updated?|modified|edited|revised)\b.*$",
                               re.I)
_AGO = re.compile(r"\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b", re.I)
_TIME = re.compile(r"\b[0-2]?\d[:.h][0-5]\d(?:[:.][0-5]\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?"
                   r"(?:\s*(?:utc|gmt|[ecmp][sd]t|cet|cest|eet|eest|msk|ast|ist|bst)\b)?", re.I)
_WORDS = re.compile(r"[^\W\d_][\w'’.-]*")
_SEGMENTS = re.compile(r"\s*[|•·]\s*")

_BYLINE = re.compile(r"^(?i:by)\s+(?P<rest>[A-Z\"“].{0,150})$")
_BYLINE_SPLIT = re.compile(r"\s+[-–—]\s+|\s*[|,;/]\s*|\s+(?:and|for|with|&)\s+|\s*\(|\)\s*")
_BYLINE_PLACE = re.compile(r"\s+in\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}(?=\s*(?:[-–—|,;]|$))")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_OUTLET_SUFFIX = re.compile(
    r"\s+(?:staff(?: writers?| reporters?)?|correspondents?|reporters?|desk|team|news ?desk|"
    r"bureau|online|digital|english|wire|wires|agencies)$", re.I)

_MONTH_WORD = MONTH_PATTERN.replace("?P<month>", "?:")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+){0,3})"
    r"(?:,\s*[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,2}){0,2}"
    rf"(?:,?\s+(?:(?i:{_MONTH_WORD})\s+\d{{1,2}}|\d{{1,2}}\s+(?i:{_MONTH_WORD})))?"
    r",?\s*\((?P<code>[^()]{1,30})\)\s*[-–—:]")
_AGENCY_CODE = re.compile(r"^[A-Z]{1,6}$")


@dataclass
class Head:
    """Metadata found at the top of a text, and which paragraphs carried it."""

    published: dt.date | None = None
    outlet: str = ""
    drop: set[int] = field(default_factory=set)


def outlet_name(token: str) -> str:
    """A known outlet's canonical name, an all-capitals acronym as written, or ""."""
    token = token.strip().strip("\"“”'.:")
    if not token:
        return ""
    known = furniture.canonical_outlet(token)
    if known:
        return known
    if _ACRONYM.match(token):
        return token
    stripped = _OUTLET_SUFFIX.sub("", token)
    if stripped != token:
        return outlet_name(stripped)
    # "Reuters Staff", "Al Jazeera English": the longest known outlet the token starts with
    words = token.split()
    for n in range(len(words) - 1, 0, -1):
        known = furniture.canonical_outlet(" ".join(words[:n]))
        if known:
            return known
    return ""


def _only_metadata_around(text: str, span: tuple[int, int]) -> bool:
    """Around the date of a "Published" segment there is at most a time, a weekday and a
    few words ("by Jane Doe"): not a sentence ("Posted on ..., the video shows ...")."""
    before = _TIME.sub(" ", text[:span[0]])
    after = _TIME.sub(" ", text[span[1]:])
    return len(_WORDS.findall(before)) <= 2 and len(_WORDS.findall(after)) <= 4


def publication_line(line: str) -> tuple[bool, dt.date | None]:
    """(is a publication/update line, its publication date).

    Segments split by "|": a "Published ..." segment gives the date; "Updated ..." segments
    are recognised (so the line is removed) and ignored; a segment that is only a date
    counts as the publication date when no "Published" segment gave one.
    """
    if len(line) > 200:
        return False, None
    published: dt.date | None = None
    bare_date: dt.date | None = None
    seen_keyword = False
    for segment in _SEGMENTS.split(line.strip()):
        if not segment:
            continue
        kw = _PUBLISHED_KW.match(segment)
        if kw:
            rest = segment[kw.end():]
            found = find_date(rest)
            if not found or not _only_metadata_around(rest, found[1]):
                return False, None
            seen_keyword = True
            published = published or found[0]
            continue
        kw = _UPDATED_KW.match(segment)
        if kw and (find_date(segment) or _AGO.search(segment) or _TIME.search(segment)):
            seen_keyword = True
            continue
        value = date_line(segment)
        if value is not None:
            bare_date = bare_date or value
            continue
        return False, None
    if not seen_keyword:
        return False, None
    return True, published or bare_date


def byline(line: str) -> tuple[bool, str, dt.date | None]:
    """(is a byline, outlet it names or "", date it gives or None)."""
    match = _BYLINE.match(line.strip())
    if not match:
        return False, "", None
    rest = match.group("rest").strip()
    # a sentence beginning "By Wednesday, troops had ..." is not a byline
    if rest.endswith(".") and not re.search(r"\b[A-Z][a-z]?\.$", rest):
        return False, "", None
    rest = _UPDATED_ANYWHERE.sub("", rest)
    published = None
    found = find_date(rest)
    if found:
        published, (start, end) = found
        rest = rest[:start] + " - " + rest[end:]
    rest = _TIME.sub(" ", rest)
    rest = _BYLINE_PLACE.sub("", rest)  # "By Jane Doe in CITY": the place is not an outlet
    if ":" in rest:  # "By the Numbers: ..." is a headline
        return False, "", None
    parts = [p.strip(" -–—") for p in _BYLINE_SPLIT.split(rest)]
    parts = [p for p in parts if p]
    if not parts or len(parts[0].split()) > 6:
        return False, "", None
    outlet = ""
    for part in parts:
        outlet = outlet_name(part)
        if outlet:
            break
    return True, outlet, published


def dateline_outlet(paragraph: str) -> str:
    """The agency code of a dateline ("BEIRUT (Reuters) - ...", "CITY, (AB) – ...") or ""."""
    match = _DATELINE.match(paragraph)
    if not match:
        return ""
    code = match.group("code").strip()
    known = furniture.canonical_outlet(code)
    if known:
        return known
    if _AGENCY_CODE.match(code):
        return code
    return ""


def looks_like_title(line: str) -> bool:
    """A headline: short, no final period, starts like a sentence, not furniture or a date."""
    line = line.strip()
    if not (3 <= len(line) < TITLE_MAX_CHARS) or len(line.split()) < 2:
        return False
    if line.endswith((".", ",", ":", ";")) and not line.endswith("..."):
        return False
    first = next((c for c in line if c.isalnum()), "")
    if not first or first.islower():
        return False
    if date_line(line) is not None or furniture.is_furniture_line(line):
        return False
    return True


def scan_head(paragraphs: list[str], limit: int = HEAD_PARAGRAPHS) -> Head:
    """Publication lines, bylines and date lines among the first ``limit`` paragraphs
    that are not furniture. Priority of dates: a "Published" line, then a byline's date,
    then a line that is only a date."""
    head = Head()
    from_publication: dt.date | None = None
    from_byline: dt.date | None = None
    from_date_line: dt.date | None = None
    seen = 0
    for i, para in enumerate(paragraphs):
        if seen >= limit:
            break
        if furniture.is_furniture_line(para):
            continue
        seen += 1
        is_pub, value = publication_line(para)
        if is_pub:
            head.drop.add(i)
            from_publication = from_publication or value
            continue
        is_by, outlet, value = byline(para)
        if is_by:
            head.drop.add(i)
            head.outlet = head.outlet or outlet
            from_byline = from_byline or value
            continue
        value = date_line(para)
        if value is not None:
            head.drop.add(i)
            from_date_line = from_date_line or value
    head.published = from_publication or from_byline or from_date_line
    return head
