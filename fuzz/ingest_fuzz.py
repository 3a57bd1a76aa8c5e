"""Fuzz target for ingest: arbitrary bytes in, a Document, an IngestError or a refusal out.

The first byte picks the format (.txt, .md, .html, .jsonl, .csv); the rest is the file's bytes.
They go the way a file goes through ``frontlines run``: bytes decoded to text (a ``NotText``
refusal ends there), the format's reader, and for each Document the checks below; the text
also goes through the pieces ingest is made of (normalisation, the head's metadata lines,
calendar dates), and through the coder's resolution of relative dates against a publication
date, with the invariants each of them promises.

Anything else is a crash: an exception (other than ``NotText`` from decoding), or an
invariant broken (an ``AssertionError``).

Run by ``python fuzz/run.py --seconds 600`` (atheris, ``pip install '.[fuzz]'``); directly:
``python fuzz/ingest_fuzz.py CORPUS_DIR -max_total_time=60`` (libFuzzer's options).
Without atheris the module still imports, so that the tests can call ``one_input``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

try:
    import atheris
except ImportError:  # the tests run one_input without the fuzzer
    atheris = None

if atheris is not None and __name__ == "__main__":
    with atheris.instrument_imports(include=["frontlines"]):
        from frontlines.code import timex
        from frontlines.geo.names import name_key
        from frontlines.ingest import dates, metadata
        from frontlines.ingest.decode import NotText, decode_bytes
        from frontlines.ingest.document import content_hash
        from frontlines.ingest.errors import IngestError
        from frontlines.ingest.normalize import normalize, normalize_lines, paragraphs
        from frontlines.ingest.readers import READERS, read_rows
        from frontlines.model import Document
else:
    from frontlines.code import timex
    from frontlines.geo.names import name_key
    from frontlines.ingest import dates, metadata
    from frontlines.ingest.decode import NotText, decode_bytes
    from frontlines.ingest.document import content_hash
    from frontlines.ingest.errors import IngestError
    from frontlines.ingest.normalize import normalize, normalize_lines, paragraphs
    from frontlines.ingest.readers import READERS, read_rows
    from frontlines.model import Document

#: the formats, picked by the first byte of an input
FORMATS = (".txt", ".md", ".html", ".jsonl", ".csv")
#: the publication date relative expressions are resolved against
PUBLISHED = dt.date(2020, 2, 27)
EARLIEST = dt.date(1990, 1, 1)
HOW = {"metadata", "text", "unknown"}
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def _utf8(value: str) -> None:
    value.encode("utf-8")  # a lone surrogate here would fail when the store writes it


def _check_document(doc: Document) -> None:
    assert doc.text.strip(), "a Document always has text (an empty one is an IngestError)"
    for value in (doc.id, doc.text, doc.title, doc.outlet, doc.url, doc.path, doc.language):
        assert isinstance(value, str)
        _utf8(value)
    assert doc.published_how in HOW, doc.published_how
    assert (doc.published is None) == (doc.published_how == "unknown"), (doc.published, doc.published_how)
    if doc.published is not None:
        latest = dt.date.today() + dt.timedelta(days=1)
        assert EARLIEST <= doc.published <= latest, doc.published
    assert _HEX64.match(doc.content_hash)
    assert doc.content_hash == content_hash(doc.text, doc.title, doc.outlet, doc.published, doc.url)
    assert "\r" not in doc.text and "\n\n\n" not in doc.text


def _check_item(item) -> None:
    if isinstance(item, IngestError):
        assert item.path and item.reason, item
        _utf8(str(item))
    else:
        assert isinstance(item, Document), type(item)
        _check_document(item)


def _check_text(text: str) -> None:
    """The pieces of ingest, and the coder's date resolution, on any decoded text."""
    once = normalize(text)
    assert normalize(once) == once, "normalisation is idempotent"
    paras = paragraphs(normalize_lines(text))
    head = metadata.scan_head(paras)
    assert all(0 <= i < len(paras) for i in head.drop)
    latest = dt.date.today() + dt.timedelta(days=1)
    if head.published is not None:
        assert EARLIEST <= head.published <= latest
    for para in paras[:8]:
        metadata.looks_like_title(para)
        metadata.dateline_outlet(para)
    found = dates.find_date(text[:5000])
    if found is not None:
        value, (start, end) = found
        assert EARLIEST <= value <= latest and 0 <= start < end
    value = dates.parse_date(text[:200])
    assert value is None or EARLIEST <= value <= latest
    for start, end, expr in timex.find(text[:5000]):
        assert 0 <= start < end
        first, last, precision = timex.resolve(expr, PUBLISHED)
        if first is not None:
            assert first <= last <= PUBLISHED, (expr, first, last)
            assert precision in (1, 2, 3)
        timex.resolve(expr, None)
    line = text[:80]
    assert name_key(name_key(line)) == name_key(line), "a name key is its own key"


def one_input(data: bytes) -> None:
    """One fuzz case; raises on a crash, returns otherwise."""
    if not data:
        return
    extension = FORMATS[data[0] % len(FORMATS)]
    body = data[1:]
    try:
        text = decode_bytes(body, html=extension == ".html")
    except NotText as refusal:  # ingest's documented refusal of a file that is not text
        assert str(refusal)
        return
    assert isinstance(text, str) and text.strip()
    name = "fuzz" + extension
    for item in READERS[extension](text, Path(name), name):
        _check_item(item)
    if extension == ".jsonl":  # the API's path: a JSON array of rows, or one row
        try:
            rows = json.loads(text)
        except (ValueError, RecursionError):
            rows = None
        if isinstance(rows, dict):
            rows = [rows]
        if isinstance(rows, list):
            for item in read_rows(rows, "api"):
                _check_item(item)
    _check_text(text)


#: small inputs of each format, written for this harness: the start of a corpus
SEEDS: dict[str, bytes] = {
    "plain.txt": (
        b"Gunmen attack a checkpoint near a border town\n\n"
        b"Published: 09:12, March 3, 2021 | Updated: 14:40, May 1, 2022\n\n"
        b"By Reuters - Mar 3,2021\n\n"
        b"NORTHTOWN, March 3 (Reuters) - Gunmen killed three hundred and twelve people on Tuesday "
        b"and 1,200 fled three weeks ago, a monitor said on Thursday.\n\nShare this article\n"),
    "wrapped.txt": (
        b"Shelling hit the\nmarket of the town\nlast month, killing\ndozens, officials said\n"
        b"in a statement on\nWednesday evening.\n"),
    "front.md": (
        b"---\ntitle: Clashes in the north\ndate: 2020-02-06\noutlet: Example Wire\n---\n"
        b"# Clashes in the north\n\nFighters **captured** the [village](http://x.test) "
        b"yesterday.\n"),
    "page.html": (
        b"<html><head><title>Army retakes the hill</title>"
        b"<meta property=\"article:published_time\" content=\"2020-02-27T10:00:00Z\">"
        b"<meta property=\"og:site_name\" content=\"Example News\">"
        b"<script>var secret = 'SCRIPT TEXT';</script><style>p{color:red}</style></head>"
        b"<body><nav>Home | World</nav><article><h1>Army retakes the hill</h1>"
        b"<p>Troops retook the hill on Thursday after heavy fighting, the ministry said.</p>"
        b"<iframe>FRAME TEXT</iframe><p>Twenty-five soldiers were wounded.</p></article>"
        b"<script type=\"application/ld+json\">{\"datePublished\": \"2020-02-27\"}</script>"
        b"</body></html>"),
    "broken.html": b"<p>Unclosed <b>tags <div><script>x<p>Text after a script</p",
    "rows.jsonl": (
        b'{"id": "a", "text": "Rebels shelled the town on Monday.", "published": "2020-02-24"}\n'
        b'not json\n[1, 2]\n{"text": "\\ud800 lone surrogate", "date": "24/02/2020"}\n'
        b'{"content": "Three thousand people fled.", "published": 20200224}\n'),
    "rows.csv": (
        b"id;title;text;published\n"
        b"r1;Clashes;\"Fighting went on for weeks, a source said.\";March 3, 2021\n"
        b"r2;;\"Multi\nline\";\n;;\n"),
    "utf16.txt": "\ufeffTroops entered the city on Sunday.\n".encode("utf-16-le"),
    "cp1252.txt": "Caf\u00e9 owners fled \u201cthe fighting\u201d \u2013 three weeks ago.".encode("cp1252"),
    "png.txt": b"\x89PNG\r\n\x1a\n\x00\x00",
}


def seed_inputs() -> dict[str, bytes]:
    """SEEDS as fuzz inputs: the format's byte first, then the file's bytes."""
    out = {}
    for name, body in SEEDS.items():
        extension = "." + name.rsplit(".", 1)[1]
        out[name] = bytes([FORMATS.index(extension)]) + body
    return out


def main(argv: list[str]) -> None:
    if atheris is None:
        sys.exit("atheris is not installed: pip install '.[fuzz]' (or run fuzz/run.py)")
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
