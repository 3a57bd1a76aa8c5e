"""The one record ingest yields instead of a Document when something cannot be read."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass

# Lone surrogates: what Python makes of the bytes of a file name that are not UTF-8 (a name
# from an old archive, in a legacy code page), and of JSON's "\ud800" escapes.  They cannot be
# printed, stored nor hashed: each becomes U+FFFD.
_SURROGATES = re.compile("[\ud800-\udfff]")


def printable(value: str) -> str:
    """``value`` with every lone surrogate replaced by U+FFFD."""
    return _SURROGATES.sub("\ufffd", value)


@dataclass(frozen=True)
class IngestError:
    """A file (or a row of one) that could not be read, and why, in one short sentence."""

    path: str  # file, or file#line for a JSONL/CSV row
    reason: str  # e.g. "not text: looks like a PNG image", "line 3: invalid JSON"

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", printable(str(self.path)))
        object.__setattr__(self, "reason", printable(str(self.reason)))  # (it may name a path)

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def os_reason(err: OSError, doing: str = "cannot read") -> str:
    """One short sentence for a failure of the operating system to open or list a path."""
    if err.errno in (errno.EACCES, errno.EPERM):
        return f"{doing}: permission denied"
    if err.errno == errno.ELOOP:
        return "symbolic link loop: the link leads back to itself, never to a file"
    if err.errno == errno.ENOENT:
        return "no such file or directory"
    return f"{doing}: {(err.strerror or str(err)).lower()}"
