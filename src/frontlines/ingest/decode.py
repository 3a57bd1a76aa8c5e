"""Bytes to text: byte-order marks, UTF-8, else charset detection; binaries refused.

A file that is not text gets a reason a person can act on ("not text: looks like a PNG
image") instead of a page of mojibake reaching the coder.
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

# A short Western text can decode identically under several single-byte code pages;
# charset-normalizer then ranks them equal. Prefer the one news sites actually used.
_TIE_PREFERENCE = ("cp1252", "iso8859_15", "latin_1")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
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
    """UTF-16 text without a BOM: NUL on every other byte for mostly-ASCII text."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4000]
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    for ratio_high, ratio_low, encoding in ((odd_nul, even_nul, "utf-16-le"),
                                            (even_nul, odd_nul, "utf-16-be")):
        if ratio_high > 0.6 and ratio_low < 0.05:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    for preferred in _TIE_PREFERENCE:
        for candidate in results:
            if (candidate.encoding == preferred and candidate.chaos <= best.chaos
                    and candidate.coherence >= best.coherence):
                return str(candidate)
    return str(best)


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Decode a document's bytes to text, or raise ``NotText`` with the reason.

    Order: known binary magic numbers are refused; a BOM decides; strict UTF-8; for HTML the
    charset the page declares; else charset-normalizer's best guess. NUL bytes (outside UTF-16)
    and a text full of control characters are refused as binary.
    """
    if not data or not data.strip():
        raise NotText("empty file")
    kind = sniff_binary(data)
    if kind:
        raise NotText(f"not text: looks like {kind}")
    bom = _bom(data)
    if bom:
        encoding, size = bom
        try:
            text = data[size:].decode(encoding)
        except UnicodeDecodeError:
            raise NotText(f"not text: starts with a {encoding.upper()} byte-order mark "
                          "but does not decode as it") from None
    elif b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise NotText("not text: contains NUL bytes (binary data)")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is None and html:
            declared = _declared_charset(data)
            if declared:
                try:
                    text = data.decode(declared)
                except UnicodeDecodeError:
                    text = None
        if text is None:
            text = _detect(data)
            if text is None:
                raise NotText("not text: no character encoding fits")
    if not text.strip():
        raise NotText("empty file")
    controls = len(_CONTROL.findall(text[:20000]))
    if controls > 0.05 * min(len(text), 20000):
        raise NotText("not text: too many control characters (binary data)")
    return text
