"""One reader per file format: bytes of a file in, Documents (or IngestErrors) out.

* .txt / .text: plain text; .md / .markdown: Markdown (markup and front matter read);
* .html / .htm / .xhtml: trafilatura's main-text extraction with the page's title,
  publication date (not the modification date) and site name; our own tag stripper when
  trafilatura finds nothing;
* .jsonl / .ndjson: one article per line, fields id, text (or content, body), title, url,
  published, outlet; a bad line is reported and skipped, the others kept;
* .csv: a header naming at least a text column, the same fields per row.

A file of one article (txt, md, html) is read in one go, once; a JSONL or CSV file (a
crawler's dump may be gigabytes) line by line.  A news article is never tens of megabytes:
a document whose text is over ``MAX_TEXT_CHARS`` is refused, per row in a JSONL or CSV file,
and a file of one article over ``MAX_FILE_BYTES`` is refused without being read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import logging
import os
import re
import stat
from collections.abc import Callable, Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

from ..model import Document, replace
from .dates import parse_date
from .decode import NotText, decode_bytes, stream_encoding
from .document import build_document
from .errors import IngestError, os_reason

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

#: The longest text one document may have, in characters ("5 MB of text"). The longest news
#: articles, long reads and live blogs included, have a few hundred thousand; a text over this
#: is a dump, a log or a book saved with the wrong name, and coding it would hold a run for
#: many minutes. It is refused with a reason, per document (a JSONL or CSV row is one).
MAX_TEXT_CHARS = 5_000_000
#: A file of one article (txt, md, html) bigger than this is refused without being read: every
#: character takes at most 4 bytes, so its text is over MAX_TEXT_CHARS (or, for a page, it is
#: mostly markup or inline images, more than the extractor can take in seconds).
MAX_FILE_BYTES = 4 * MAX_TEXT_CHARS
#: A JSONL line longer than this (in characters) is skipped without being kept in memory
#: whole: even with every character escaped as \uXXXX its text would be over MAX_TEXT_CHARS.
MAX_LINE_CHARS = 6 * MAX_TEXT_CHARS + 100_000
#: the first bytes of a JSONL or CSV file from which its encoding is judged
HEAD_BYTES = 1 << 20


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def too_long(what: str, *, file: bool = False) -> str:
    """The reason for refusing a document over the limits (``what``: "7.5 MB of text"; with
    ``file``, the size of a file of one article: "a 50.0 MB file")."""
    limit = (f"{MAX_FILE_BYTES / 1e6:g} MB for a file of one article" if file
             else f"{MAX_TEXT_CHARS / 1e6:g} MB of text")
    return f"too long for a news article ({what}; the limit is {limit})"


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
#: embedded content whose text is never the article's (a frame, a player's or a plug-in's
#: fallback text, what shows without scripts): trafilatura keeps it unless told to prune it
_PRUNED = [f"//{tag}" for tag in ("iframe", "noscript", "template", "object", "embed", "video", "audio",
                                  "canvas", "svg", "script", "style")]
_BLOCK_TAGS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "article",
               "section", "blockquote", "pre", "figcaption", "figure", "ul", "ol", "table",
               "dd", "dt", "hr", "main", "time", "address"}
# elements that never have an end tag (they do not nest)
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
              "source", "track", "wbr", "keygen"}
#: libxml2, which parses pages for trafilatura (through lxml), stops at this depth of nested
#: elements and silently drops the rest of the page; such a page is read by our own tag
#: stripper, which has no depth limit
LXML_MAX_DEPTH = 256
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
        # start tags minus end tags: an upper bound of the nesting when end tags are left out
        self._depth = 0
        self.max_depth = 0

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
        if tag not in _VOID_TAGS:
            self._depth += 1
            self.max_depth = max(self.max_depth, self._depth)
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
        if tag not in _VOID_TAGS:
            self._depth -= 1
        if tag in _SKIP_TAGS and self._skip:  # a self-closed element encloses nothing
            self._skip -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID_TAGS:
            self._depth = max(0, self._depth - 1)
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
            include_images=False, include_links=False, date_extraction_params=date_params,
            prune_xpath=_PRUNED)
    except Exception:  # trafilatura can fail on pathological markup: fall back
        return None


def _too_deep_for_lxml(html: str, page: _PageParser) -> bool:
    """Whether libxml2 would stop reading the page at its depth limit (asked only of pages our
    own parser finds that deep: it counts unclosed elements as nested, lxml closes them)."""
    if page.max_depth < LXML_MAX_DEPTH:
        return False
    from lxml import etree
    from lxml.html import HTMLParser

    parser = HTMLParser(encoding="utf-8")
    try:
        etree.fromstring(html.encode("utf-8", "surrogatepass"), parser)
    except Exception:
        return True
    return any(e.type_name == "ERR_RESOURCE_LIMIT" or "depth" in e.message.lower()
               for e in parser.error_log)


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
    # a page nested deeper than lxml reads (10,000 unclosed <div>s) loses its text after that
    # depth in trafilatura, silently: our own stripper reads it whole
    extracted = None if _too_deep_for_lxml(text, page) else _trafilatura(text)
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
    if len(text) > MAX_TEXT_CHARS:  # (before the cleaning, which would take minutes)
        return IngestError(where, f"line {line}: {too_long(f'{_megabytes(len(text))} of text')}")
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


def _lines(stream: IO[str], limit: int) -> Iterator[tuple[int, str | None, int]]:
    """(number, line, length) of each line of ``stream``; a line longer than ``limit``
    characters comes as None, read past without being kept whole."""
    for number in itertools.count(1):
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith("\n"):
            yield number, line, len(line)
            continue
        length = len(line)
        while line and not line.endswith("\n"):
            line = stream.readline(1 << 20)
            length += len(line)
        yield number, None, length


def read_jsonl(source: str | IO[str], path: Path, display: str) -> Iterator[Item]:
    """One article per line; ``source``: the text, or a stream read line by line."""
    stream = io.StringIO(source) if isinstance(source, str) else source
    rows = 0
    for number, line, length in _lines(stream, MAX_LINE_CHARS):
        where = f"{display}#{number}"
        if line is None:
            yield IngestError(where, f"line {number}: {too_long(f'a {_megabytes(length)} line')}")
            rows += 1
            continue
        cut_short = not line.endswith("\n")  # (the last line, when the file ends without one)
        line = line.strip()
        if not line:
            continue
        rows += 1
        try:
            row = json.loads(line)
        except RecursionError:  # (json raises it, not JSONDecodeError, for [[[[... thousands deep)
            yield IngestError(where, f"line {number}: invalid JSON (nested too deeply to read)")
            continue
        except json.JSONDecodeError as err:
            at = "" if err.msg.endswith(" at") else " at"  # ("Unterminated string starting at")
            reason = f"line {number}: invalid JSON ({err.msg}{at} column {err.colno})"
            if cut_short and (err.pos >= len(line) - 1 or err.msg.startswith("Unterminated")):
                reason += "; the file ends inside this line: cut short?"
            yield IngestError(where, reason)
            continue
        except ValueError as err:  # (valid JSON Python will not read: an integer of 5,000 digits)
            yield IngestError(where, f"line {number}: JSON that cannot be read ({err})")
            continue
        if not isinstance(row, dict):
            yield IngestError(where, f"line {number}: not a JSON object")
            continue
        yield _row_document(row, path, display, number)
    if not rows:
        yield IngestError(display, "empty file")


def _delimiter(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_csv(source: str | IO[str], path: Path, display: str) -> Iterator[Item]:
    """A header row naming the fields, one article per row; ``source``: the text, or a stream
    opened with ``newline=""``, read row by row.  A row with fewer fields than the header is
    read when its text is there (tools drop empty trailing fields); one whose text is missing
    is reported, naming how many fields it has."""
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))
    stream = io.StringIO(source, newline="") if isinstance(source, str) else source
    first_line = stream.readline()
    reader = csv.reader(itertools.chain([first_line], stream), delimiter=_delimiter(first_line))
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
    text_columns = [i for i, name in enumerate(names) if name in TEXT_FIELDS]
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
        if len(values) <= min(text_columns):
            yield IngestError(f"{display}#{start}", f"line {start}: only {len(values)} of the "
                                                    f"{len(names)} columns, no text")
            continue
        row = {name: value for name, value in zip(names, values) if name}
        yield _row_document(row, path, display, start)


# ----------------------------------------------------------------------------- dispatch

# (text, or for JSONL and CSV a text stream; the path; the path as shown) -> Documents, errors
Reader = Callable[[Any, Path, str], Iterator[Item]]

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


_ROWS = {".jsonl", ".ndjson", ".csv"}  # files of many articles, read line by line
_FILE_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
               (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def _cannot_open(path: Path, err: OSError) -> str:
    if os.path.islink(path) and not os.path.exists(path) and err.errno == 2:  # ENOENT
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return f"broken symbolic link (it points to {target}, which does not exist)"
    return os_reason(err)


def read_file(path: Path, display: str | None = None) -> Iterator[Item]:
    """Documents (or errors) from one file, by its extension. Never raises for a bad file.

    The file is opened once: a file of one article is read whole (when not over
    MAX_FILE_BYTES), a JSONL or CSV file line by line.  What is not a regular file (a named
    pipe would block the run) is refused unopened."""
    display = display if display is not None else str(path)
    try:
        info = path.stat()
    except OSError as err:
        yield IngestError(display, _cannot_open(path, err))
        return
    extension = path.suffix.lower()
    reader = READERS.get(extension)
    if reader is None:
        kind = f"'{extension}'" if extension else "no extension"
        yield IngestError(display, f"unsupported file type ({kind})")
        return
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _FILE_KINDS if test(info.st_mode)), "special")
        yield IngestError(display, f"not a regular file ({kind})")
        return
    if extension in _ROWS:
        yield from _read_row_file(path, display, reader)
        return
    if info.st_size > MAX_FILE_BYTES:
        yield IngestError(display, too_long(f"a {_megabytes(info.st_size)} file", file=True))
        return
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        yield IngestError(display, _cannot_open(path, err))
        return
    if len(data) > MAX_FILE_BYTES:  # (it grew since)
        yield IngestError(display, too_long(f"a file over {_megabytes(MAX_FILE_BYTES)}", file=True))
        return
    try:
        text = decode_bytes(data, html=extension in _HTML)
    except NotText as err:
        yield IngestError(display, str(err))
        return
    del data
    if len(text) > MAX_TEXT_CHARS:  # refused before the cleaning, which would take minutes
        yield IngestError(display, too_long(f"{_megabytes(len(text))} of text"))
        return
    yield from reader(text, path, display)


def _read_row_file(path: Path, display: str, reader: Reader) -> Iterator[Item]:
    """A JSONL or CSV file, its encoding judged on its first HEAD_BYTES, read line by line:
    a stray undecodable byte further down costs that character (U+FFFD), not the file."""
    try:
        with open(path, "rb") as raw:
            head = raw.read(HEAD_BYTES)
            try:
                encoding = stream_encoding(head, whole=len(head) < HEAD_BYTES)
            except NotText as err:
                yield IngestError(display, str(err))
                return
            raw.seek(0)
            newline = "" if path.suffix.lower() == ".csv" else "\n"
            with io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline=newline) as stream:
                yield from reader(stream, path, display)
    except OSError as err:
        yield IngestError(display, _cannot_open(path, err))
