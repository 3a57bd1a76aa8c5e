"""Text normalisation: one newline convention, one space convention, NFC.

The clean text of a Document has paragraphs separated by exactly one blank line, whatever
the source used (one paragraph per line, or blank lines between paragraphs). Hard-wrapped
plain text (a paragraph broken over short lines) is unwrapped first.
"""

from __future__ import annotations

import re
import unicodedata

_NEWLINES = re.compile(r"\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")
# no-break and other typographic spaces behave as spaces for every later rule
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# invisible characters that only get in the way of matching
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MANY_SPACES = re.compile(r" {2,}")
_BLANKS = re.compile(r"\n{3,}")
_SENTENCE_END = re.compile(r"[.!?\"”’»]$")
#: hard-wrapped text is wrapped at this width or less (e-mail and terminals use 72-80)
WRAP_MAX_WIDTH = 100
#: how much shorter than the longest line a wrapped line can be
WRAP_RAGGEDNESS = 25


def normalize_lines(text: str) -> str:
    """Newlines to \\n, odd spaces to plain spaces, no trailing spaces, NFC.

    Keeps the line structure (every line of the input is a line of the output), so that
    later rules can work line by line.
    """
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    # NFC after the removals: an invisible character between a letter and its accent kept
    # them apart, and the output must already be NFC (normalising it again changes nothing)
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(_MANY_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip("\n")


def _looks_hard_wrapped(blocks: list[list[str]]) -> bool:
    """The text was wrapped at a fixed width: no line of a multi-line block is longer than
    a wrapping width, most lines inside those blocks come close to the block's longest line,
    and most of them stop mid-sentence."""
    multi = [block for block in blocks if len(block) > 1]
    inner = [line for block in multi for line in block[:-1]]
    if len(inner) < 3:
        return False
    width = max(len(line) for block in multi for line in block)
    if width > WRAP_MAX_WIDTH:
        return False
    full = sum(1 for line in inner if len(line) >= width - WRAP_RAGGEDNESS)
    open_ended = sum(1 for line in inner if not _SENTENCE_END.search(line))
    return full >= 0.7 * len(inner) and open_ended >= 0.5 * len(inner)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a line-normalised text."""
    blocks = [[line for line in block.split("\n") if line]
              for block in text.split("\n\n")]
    blocks = [block for block in blocks if block]
    if _looks_hard_wrapped(blocks):
        return [" ".join(block) for block in blocks]
    return [line for block in blocks for line in block]


def join_paragraphs(paras: list[str]) -> str:
    return "\n\n".join(p for p in paras if p)


def normalize(text: str) -> str:
    """Full normalisation: lines, then paragraphs separated by one blank line."""
    return join_paragraphs(paragraphs(normalize_lines(text)))
