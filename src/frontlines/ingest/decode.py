"""Bytes to text: byte-order marks, UTF-8, else charset detection; binaries refused.

A file that is not text gets a reason a person can act on ("not text: looks like a PNG
image") instead of a page of mojibake reaching the coder.

Two ways in: ``decode_bytes`` decodes a whole file of one article; ``stream_encoding``
chooses, from the first bytes of a JSONL or CSV file (a crawler's dump may be gigabytes),
the codec to read it line by line with.  Both follow the same order:

1. known binary magic numbers are refused;
2. a byte-order mark decides;
3. NUL bytes: UTF-16 without a mark when they fall on every other byte; else a few stray
   NULs in a text (a crawler's write padded or cut short) are dropped, and more than
   ``NUL_SHARE`` of the bytes means binary data;
4. strict UTF-8; for HTML the charset the page declares;
5. mostly UTF-8: a few stray bytes in otherwise UTF-8 text are decoded as U+FFFD, keeping
   the article (charset detection would otherwise pick a legacy code page and turn every
   accented or non-Latin letter into mojibake, or find nothing that fits and lose it);
6. charset-normalizer's best guess, on a sample of the first ``DETECT_BYTES``.
"""

from __future__ import annotations

import codecs
import re


class NotText(ValueError):
    """The bytes are not a text document; ``str(err)`` is the reason, one short sentence."""


#: leading bytes of common binary formats -> what a person would call them
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"PK\x05\x06", "a ZIP archive (empty)"),
    (b"PK\x07\x08", "a ZIP archive (spanned)"),
    (b"\x1f\x8b", "GZIP-compressed data"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BZh", "BZIP2-compressed data"),
    (b"\xfd7zXZ\x00", "XZ-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable (ELF)"),
)

#: byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one)
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# the codec that reads a stream starting with each mark and skips the mark
_BOM_STREAM_CODECS = {"utf-8": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16",
                      "utf-32-le": "utf-32", "utf-32-be": "utf-32"}

#: more NUL bytes than this share of a file's bytes (NUL padding at its end aside) is binary
#: data; fewer are stray bytes in a text, dropped
NUL_SHARE = 0.05
#: more control characters than this share of the first CONTROL_SAMPLE characters is binary data
CONTROL_SHARE = 0.05
CONTROL_SAMPLE = 20_000
#: charset detection looks at this many bytes from the start (it samples inside them anyway);
#: the whole file is then decoded with what it found
DETECT_BYTES = 1 << 20

# A short Western text can decode identically under several single-byte code pages;
# charset-normalizer then ranks them equal. Prefer the one news sites actually used.
_TIE_PREFERENCE = ("cp1252", "iso8859_15", "latin_1")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_NON_SPACE = re.compile(rb"\S")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def sniff_binary(data: bytes) -> str | None:
    """What binary format the bytes look like, or None."""
    for magic, name in MAGIC_NUMBERS:
        if data.startswith(magic):
            return name
    return None


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 byte order of text without a BOM (NUL on every other byte for mostly-ASCII
    text), or None."""
    if len(data) < 4:
        return None
    sample = data[:4000]
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    for ratio_high, ratio_low, encoding in ((odd_nul, even_nul, "utf-16-le"),
                                            (even_nul, odd_nul, "utf-16-be")):
        if ratio_high > 0.6 and ratio_low < 0.05:
            return encoding
    return None


def _without_stray_nuls(data: bytes) -> bytes:
    """The bytes without NUL padding at the end and without a few NULs strewn in a text;
    raise NotText when there are too many of them for a text."""
    data = data.rstrip(b"\x00")
    if data.count(0) > NUL_SHARE * len(data):
        raise NotText("not text: contains NUL bytes (binary data)")
    return data.replace(b"\x00", b"")


def _binary_controls(data: bytes) -> bool:
    """Too many control bytes for text in an ASCII-compatible encoding."""
    sample = data[:CONTROL_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > CONTROL_SHARE * len(sample)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # a page's bytes in a byte-wise charset only: not a transform (rot13, base64: Python's
    # codecs lists them too), nor a wide or domain-name encoding, which bytes with no BOM and
    # no NULs are not in
    if not getattr(info, "_is_text_encoding", True) or info.name.startswith(("utf-16", "utf-32")) \
            or info.name in ("idna", "punycode"):
        return None
    return info.name


def _mostly_utf8(data: bytes) -> str | None:
    """``data`` decoded as UTF-8 with U+FFFD for the broken bytes, when well-formed multi-byte
    characters outnumber them (text in a legacy code page almost never forms well-formed
    multi-byte UTF-8 sequences); else None."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    wide = len(text) - len(text.encode("ascii", "ignore")) - broken
    return text if wide > broken else None


def _detect(data: bytes) -> str | None:
    """The encoding charset-normalizer finds for the first DETECT_BYTES bytes, or None."""
    from charset_normalizer import from_bytes

    results = from_bytes(data[:DETECT_BYTES])
    best = results.best()
    if best is None:
        return None
    for preferred in _TIE_PREFERENCE:
        for candidate in results:
            if (candidate.encoding == preferred and candidate.chaos <= best.chaos
                    and candidate.coherence >= best.coherence):
                return candidate.encoding
    return best.encoding


def _refuse_binary(data: bytes) -> None:
    kind = sniff_binary(data)
    if kind:
        raise NotText(f"not text: looks like {kind}")


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Decode a document's bytes to text, or raise ``NotText`` with the reason (the order is
    the module's).  The text is checked once more: a text full of control characters is
    refused as binary."""
    if not _NON_SPACE.search(data):
        raise NotText("empty file")
    _refuse_binary(data)
    text = None
    bom = _bom(data)
    if bom:
        encoding, size = bom
        try:
            text = data[size:].decode(encoding)
        except UnicodeDecodeError:
            raise NotText(f"not text: starts with a {encoding.upper()} byte-order mark "
                          "but does not decode as it") from None
    elif b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16:
            try:
                text = data.decode(utf16)
            except UnicodeDecodeError:
                text = None
        if text is None:
            data = _without_stray_nuls(data)
    if text is None:
        text = _decode_8bit(data, html)
    if not text.strip():
        raise NotText("empty file")
    controls = len(_CONTROL.findall(text[:CONTROL_SAMPLE]))
    if controls > CONTROL_SHARE * min(len(text), CONTROL_SAMPLE):
        raise NotText("not text: too many control characters (binary data)")
    return text


def _decode_8bit(data: bytes, html: bool) -> str:
    """Bytes without a BOM or NULs: UTF-8, the page's declared charset, mostly UTF-8, else
    what charset detection finds."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        declared = _declared_charset(data)
        if declared and declared != "utf-8":
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
    text = _mostly_utf8(data)
    if text is not None:
        return text
    if _binary_controls(data):
        raise NotText("not text: too many control characters (binary data)")
    encoding = _detect(data)
    if encoding is None:
        raise NotText("not text: no character encoding fits")
    return data.decode(encoding, errors="replace")


def stream_encoding(head: bytes, *, whole: bool) -> str:
    """The codec to read a file of rows (JSONL, CSV) with, line by line, judged on its first
    bytes ``head`` (``whole``: they are the whole file); raise ``NotText`` with the reason for
    a binary or empty file.  Read it with ``errors="replace"``: a stray byte further down
    costs that character, not the file."""
    if whole and not _NON_SPACE.search(head):
        raise NotText("empty file")
    _refuse_binary(head)
    bom = _bom(head)
    if bom:
        return _BOM_STREAM_CODECS[bom[0]]
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16:
            return utf16
        _without_stray_nuls(head)  # (refuses binary data; the rows with a NUL are reported)
    try:  # (a head that is not the whole file may end inside a character)
        codecs.getincrementaldecoder("utf-8")().decode(head, final=whole)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(head) is not None:
        return "utf-8"
    if _binary_controls(head):
        raise NotText("not text: too many control characters (binary data)")
    encoding = _detect(head)
    if encoding is None:
        raise NotText("not text: no character encoding fits")
    return encoding
