"""The one record ingest yields instead of a Document when something cannot be read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IngestError:
    """A file (or a row of one) that could not be read, and why, in one short sentence."""

    path: str  # file, or file#line for a JSONL/CSV row
    reason: str  # e.g. "not text: looks like a PNG image", "line 3: invalid JSON"

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
