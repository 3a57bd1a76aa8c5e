"""One reader per file format: bytes of a file in, Documents (or IngestErrors) out.

* .txt / .text: plain text; .md / .markdown: Markdown (markup and front matter read);
* .html / .htm / .xhtml: trafilatura's main-text extraction with the page's title,
  publication date (not the modification date) and site name; our own tag stripper when
  trafilatura finds nothing;
* .jsonl / .ndjson: one article per line, fields id, text (or content, body), title, url,
  published, outlet; a bad line is reported and skipped, the others kept;
* .csv: a header naming at least a text column, the same fields per row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import re
from collections.abc import Callable, Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..model import Document, replace
from .dates import parse_date
from .decode import NotText, decode_bytes
from .document import build_document
from .errors import IngestError

Item = Document | IngestError

#: field names accepted for the article text, in order of preference
TEXT_FIELDS = ("text", "content", "body")
#: other fields of a JSONL/CSV row, with the aliases accepted for each
FIELD_ALIASES = {
    "id": ("id",),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "date", "published_at", "publish_date"),
    "outlet": ("outlet", "sitename", "site_name"),
}
NO_TEXT = "no article text (empty, or only page furniture)"


# ----------------------------------------------------------------------------- plain text

def _text_document(text: str, path: Path, display: str, **fields: Any) -> Item:
    doc = build_document(text, id=path.stem, path=display, **fields)
    if not doc.text:
        return IngestError(display, NO_TEXT)
    return doc


def read_plain(text: str, path: Path, display: str) -> Iterator[Item]:
    yield _text_document(text, path, display)


# ----------------------------------------------------------------------------- Markdown

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_MD_RULES: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"^\s*(?:```|~~~).*$", re.M), ""),  # code fences
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: keep the words
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.M), ""),  # link definitions
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.M), r"\1"),  # headings
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),  # block quotes
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
    (re.compile(r"<[^>\n]+>"), ""),  # inline HTML tags
)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t")):
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[match.end():]


def markdown_to_text(text: str) -> str:
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text


def read_markdown(text: str, path: Path, display: str) -> Iterator[Item]:
    front, body = _front_matter(text)
    fields = _known_fields(front)
    yield _text_document(markdown_to_text(body), path, display, title=fields["title"],
                         url=fields["url"], outlet=fields["outlet"],
                         published=fields["published"])


# ----------------------------------------------------------------------------- HTML

_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg",
              "template", "iframe", "button", "select", "head", "menu"}
_BLOCK_TAGS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "article",
               "section", "blockquote", "pre", "figcaption", "figure", "ul", "ol", "table",
               "dd", "dt", "hr", "main", "time", "address"}
_META_TITLE = ("og:title", "twitter:title", "title", "dc.title", "headline")
_META_SITE = ("og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site")
# publication dates only: modification dates (article:modified_time, lastmod) are not it
_META_DATE = ("article:published_time", "datepublished", "pubdate", "publishdate",
              "publish-date", "publish_date", "date", "dc.date", "dc.date.issued",
              "dcterms.issued", "sailthru.date", "parsely-pub-date", "og:published_time",
              "published_time", "article.published", "originalpublicationdate")
_META_MODIFIED = ("article:modified_time", "og:updated_time", "datemodified", "last-modified",
                  "lastmod", "dc.date.modified", "dcterms.modified", "modified", "updated",
                  "article:updated_time", "parsely-updated-date")
_META_URL = ("og:url",)
# JSON-LD (schema.org) dates, read straight from the page source
_JSONLD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_JSONLD_MODIFIED = re.compile(r'"dateModified"\s*:\s*"([^"]{6,40})"')


class _PageParser(HTMLParser):
    """Our own tag stripper: visible text by blocks, plus the page's meta data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self._skip = 0
        self._in_title = False
        self._time_published = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").lower()
            if key and attr.get("content") and key not in self.meta:
                self.meta[key] = attr["content"].strip()
            return
        if tag == "link" and attr.get("rel", "").lower() == "canonical" and attr.get("href"):
            self.meta.setdefault("canonical", attr["href"].strip())
            return
        if tag == "time" and attr.get("itemprop", "").lower() == "datepublished":
            self._time_published = self._time_published or attr.get("datetime", "")
        if tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS:
            self._skip += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIP_TAGS and self._skip:  # a self-closed element encloses nothing
            self._skip -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if not self._skip:
            self.parts.append(data)

    def first_meta(self, keys: tuple[str, ...]) -> str:
        for key in keys:
            if self.meta.get(key):
                return self.meta[key]
        return ""

    @property
    def text(self) -> str:
        lines = ("".join(self.parts)).split("\n")
        return "\n".join(" ".join(line.split()) for line in lines)

    @property
    def published(self) -> str:
        return self.first_meta(_META_DATE) or self._time_published


def _parse_page(html: str) -> _PageParser:
    parser = _PageParser()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # a broken page still gives what was read before the break
        pass
    return parser


_trafilatura_quiet = False


def _trafilatura(html: str) -> Any:
    global _trafilatura_quiet
    import trafilatura

    if not _trafilatura_quiet:  # its warnings about odd pages are not our users' concern
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
        logging.getLogger("htmldate").setLevel(logging.ERROR)
        _trafilatura_quiet = True
    date_params = {"original_date": True, "extensive_search": False,
                   "max_date": dt.date.today().isoformat()}
    try:
        return trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False, date_extraction_params=date_params)
    except Exception:  # trafilatura can fail on pathological markup: fall back
        return None


def _page_published(html: str, page: _PageParser, extracted_date: str) -> dt.date | None:
    """The page's publication date: a publication meta tag (or JSON-LD datePublished) first,
    then the date trafilatura found unless it is only the modification date (trafilatura
    falls back to the modification date when a page gives no other)."""
    match = _JSONLD_PUBLISHED.search(html)
    own = page.published or (match.group(1) if match else "")
    if own:
        value = parse_date(own, fallback=False)
        if value:
            return value
    value = parse_date(extracted_date, fallback=False) if extracted_date else None
    if value is None:
        return None
    modified = [page.first_meta((key,)) for key in _META_MODIFIED]
    modified += _JSONLD_MODIFIED.findall(html)
    if any(parse_date(m, fallback=False) == value for m in modified if m):
        return None
    return value


def read_html(text: str, path: Path, display: str) -> Iterator[Item]:
    page = _parse_page(text)
    extracted = _trafilatura(text)
    body = (getattr(extracted, "text", "") or "") if extracted is not None else ""
    title = (getattr(extracted, "title", "") or "") if extracted is not None else ""
    date_text = (getattr(extracted, "date", "") or "") if extracted is not None else ""
    site = (getattr(extracted, "sitename", "") or "") if extracted is not None else ""
    url = (getattr(extracted, "url", "") or "") if extracted is not None else ""
    if not body.strip():
        body = page.text
    title = title or page.first_meta(_META_TITLE) or unescape(page.title).strip()
    site = site or page.first_meta(_META_SITE)
    if site.startswith("@"):  # a Twitter handle is not a name
        site = ""
    url = url or page.first_meta(_META_URL) or page.meta.get("canonical", "")
    published = _page_published(text, page, date_text)
    yield _text_document(body, path, display, title=title, outlet=site, url=url,
                         published=published, title_in_text=True)


# ----------------------------------------------------------------------------- rows

def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _known_fields(row: dict[str, Any]) -> dict[str, Any]:
    """id, title, url, outlet, published (a date or None) from a row, by name or alias."""
    lowered = {str(k).strip().lower(): v for k, v in row.items()}
    out: dict[str, Any] = {}
    for name, aliases in FIELD_ALIASES.items():
        out[name] = next((_as_text(lowered[a]) for a in aliases if _as_text(lowered.get(a))), "")
    out["published"] = parse_date(out["published"]) if out["published"] else None
    return out


def _row_text(row: dict[str, Any]) -> str | None:
    lowered = {str(k).strip().lower(): v for k, v in row.items()}
    for name in TEXT_FIELDS:
        value = lowered.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _row_document(row: dict[str, Any], path: Path, display: str, line: int) -> Item:
    where = f"{display}#{line}"
    text = _row_text(row)
    if text is None:
        return IngestError(where, f"line {line}: no text (expected a field "
                                  f"{', '.join(repr(f) for f in TEXT_FIELDS)})")
    fields = _known_fields(row)
    doc = build_document(text, id=fields["id"] or f"{path.stem}-{line}", title=fields["title"],
                         outlet=fields["outlet"], published=fields["published"],
                         url=fields["url"], path=where)
    if not doc.text:
        return IngestError(where, f"line {line}: {NO_TEXT}")
    return doc


def read_rows(rows: list, source: str) -> Iterator[Item]:
    """Documents from rows already parsed (a JSON array posted to the API), with the fields of a
    JSONL row; ``source`` names where they came from in error messages.  A row without an id
    is named after its content ("api-" and the start of its content hash), not its position:
    rows posted one at a time must not take each other's place."""
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            yield IngestError(f"{source}#{number}", f"item {number}: not a JSON object")
            continue
        item = _row_document(row, Path(source), source, number)
        if isinstance(item, Document) and not _known_fields(row)["id"]:
            item = replace(item, id=f"{source}-{item.content_hash[:16]}")
        yield item


def read_jsonl(text: str, path: Path, display: str) -> Iterator[Item]:
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            yield IngestError(f"{display}#{number}", f"line {number}: invalid JSON ({err.msg})")
            continue
        if not isinstance(row, dict):
            yield IngestError(f"{display}#{number}", f"line {number}: not a JSON object")
            continue
        yield _row_document(row, path, display, number)


def _delimiter(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_csv(text: str, path: Path, display: str) -> Iterator[Item]:
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        yield IngestError(display, "CSV has no header row")
        return
    names = [name.strip().lower() for name in header]
    if not any(name in TEXT_FIELDS for name in names):
        yield IngestError(display, "CSV header has no text column (expected "
                                   f"{', '.join(repr(f) for f in TEXT_FIELDS)})")
        return
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield IngestError(f"{display}#{start}", f"line {start}: unreadable CSV ({err}); "
                                                    "the rest of the file is skipped")
            return
        if not any(v.strip() for v in values):
            continue
        row = {name: value for name, value in zip(names, values) if name}
        yield _row_document(row, path, display, start)


# ----------------------------------------------------------------------------- dispatch

Reader = Callable[[str, Path, str], Iterator[Item]]

READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".text": read_plain,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
}
_HTML = {".html", ".htm", ".xhtml"}


def read_file(path: Path, display: str | None = None) -> Iterator[Item]:
    """Documents (or errors) from one file, by its extension. Never raises for a bad file."""
    display = display if display is not None else str(path)
    extension = path.suffix.lower()
    reader = READERS.get(extension)
    if reader is None:
        kind = f"'{extension}'" if extension else "no extension"
        yield IngestError(display, f"unsupported file type ({kind})")
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield IngestError(display, f"cannot read: {err.strerror or err}")
        return
    try:
        text = decode_bytes(data, html=extension in _HTML)
    except NotText as err:
        yield IngestError(display, str(err))
        return
    yield from reader(text, path, display)
