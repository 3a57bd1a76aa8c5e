"""From raw article text (and whatever the format already said) to a clean ``Document``.

Steps, in order:
1. normalise (newlines, spaces, NFC; paragraphs, unwrapping hard-wrapped text);
2. read and remove the metadata lines at the head (publication line, byline, date line);
3. remove page furniture (``furniture.yaml``), noting an outlet the furniture names;
4. find the title (the first remaining paragraph, if it looks like a headline) and the
   dateline's agency code;
5. decide each field by priority, identify the language, hash the content.

Priorities: the format's metadata (HTML meta tags, a JSONL/CSV field) first; then for the
date a "Published" line, a byline's date, a line that is only a date; for the outlet the
byline, the dateline's agency code, then furniture naming the site.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from ..model import Document
from . import furniture, metadata
from .errors import printable
from .language import detect_language
from .normalize import join_paragraphs, normalize_lines, paragraphs

#: a dateline is looked for at the start of this many of the first body paragraphs
DATELINE_PARAGRAPHS = 4

_NON_WORD = re.compile(r"\W+")


def _same_line(a: str, b: str) -> bool:
    return _NON_WORD.sub(" ", a).strip().casefold() == _NON_WORD.sub(" ", b).strip().casefold()


def _one_line(value: str) -> str:
    return " ".join(normalize_lines(value or "").split())


def content_hash(text: str, title: str, outlet: str, published: dt.date | None, url: str) -> str:
    """sha256 of the clean text and the metadata, fields separated by U+001F."""
    parts = [text, title, outlet, published.isoformat() if published else "", url]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def build_document(
    text: str,
    *,
    id: str,
    title: str = "",
    outlet: str = "",
    published: dt.date | None = None,
    url: str = "",
    path: str = "",
    title_in_text: bool = False,
) -> Document:
    """A clean Document from raw text and the metadata the format gave.

    ``title_in_text``: make sure the given title is the first line of the clean text (for
    HTML, where extraction separates the headline from the body; the headline carries news).
    """
    # a lone surrogate (JSON's "\ud800" escapes, the non-UTF-8 bytes of a file name) is no
    # character: it becomes U+FFFD, so that the text can be hashed and stored
    text, title, outlet, url = (printable(v or "").replace("\x00", "") for v in (text, title, outlet, url))
    id, path = printable(str(id)), printable(str(path))  # (a NUL, from a JSONL "\u0000" or a CSV
    # cell, is dropped as decoding drops a few in a file: PostgreSQL cannot store it)
    title = _one_line(title)
    outlet = _one_line(outlet)
    url = url.strip()
    paras = paragraphs(normalize_lines(text))

    head = metadata.scan_head(paras)
    paras = [p for i, p in enumerate(paras) if i not in head.drop]

    protected = frozenset({0}) if title and paras and _same_line(paras[0], title) else frozenset()
    cleaned = furniture.remove(paras, protected=protected)
    paras = cleaned.paragraphs

    if title:
        if title_in_text and not (paras and _same_line(paras[0], title)):
            paras.insert(0, title)
    elif len(paras) > 1 and metadata.looks_like_title(paras[0]):
        title = paras[0]

    body_start = 1 if title and paras and _same_line(paras[0], title) else 0
    dateline = ""
    for para in paras[body_start:body_start + DATELINE_PARAGRAPHS]:
        dateline = metadata.dateline_outlet(para)
        if dateline:
            break

    if published is not None:
        how = "metadata"
    elif head.published is not None:
        published, how = head.published, "text"
    else:
        how = "unknown"
    outlet = outlet or head.outlet or dateline or cleaned.outlet_hint

    clean_text = join_paragraphs(paras)
    return Document(
        id=str(id),
        text=clean_text,
        title=title,
        outlet=outlet,
        published=published,
        published_how=how,
        language=detect_language(clean_text),
        url=url,
        path=str(path),
        content_hash=content_hash(clean_text, title, outlet, published, url),
    )
