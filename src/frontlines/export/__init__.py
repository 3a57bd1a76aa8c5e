"""Writing the outputs of a run: CSV, JSON Lines, GeoJSON and the HTML report.

    >>> write_outputs(Path("frontlines-out"), documents=docs, events=events,
    ...               contradictions=contradictions, control=control, figures=figures,
    ...               inferred={"001_c7e3": date(2020, 2, 27)})

Files, columns and conventions are the output contract of PRODUCT.md. The outputs are
deterministic: rows sorted by natural keys, ``\\n`` line ends, UTF-8, nothing about the run
itself (no clock time). A file whose content has not changed is not rewritten, and a file
that changes is replaced atomically (written beside it, then renamed over it).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from frontlines.export.report import render_report
from frontlines.export.tables import (
    CONTRADICTION_COLUMNS,
    CONTROL_COLUMNS,
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    EVIDENCE_FIELDS,
    FIGURE_COLUMNS,
    LIST_SEP,
    contradiction_sort_key,
    contradiction_values,
    control_sort_key,
    control_values,
    csv_text,
    document_values,
    event_json,
    event_sort_key,
    event_values,
    events_by_document,
    figure_sort_key,
    figure_values,
    geojson_text,
    jsonl_text,
)
from frontlines.model import Contradiction, ControlPeriod, Document, Event, Figure

#: the files write_outputs writes, in the order it returns them
OUTPUT_FILES = (
    "events.csv", "events.jsonl", "events.geojson", "control.csv", "contradictions.csv",
    "figures.csv", "documents.csv", "report.html",
)


def write_text(path: Path, text: str) -> bool:
    """Write UTF-8 text as is ('\\n' stays '\\n'); atomic, and skipped when unchanged.

    Returns whether the file was (re)written.
    """
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return True


def render_outputs(*, documents: list[Document], events: list[Event],
                   contradictions: list[Contradiction], control: list[ControlPeriod],
                   figures: list[Figure],
                   inferred: dict[str, dt.date] | None = None) -> dict[str, str]:
    """The content of every output file, by file name (what write_outputs writes)."""
    events = sorted(events, key=event_sort_key)
    control = sorted(control, key=control_sort_key)
    contradictions = sorted(contradictions, key=contradiction_sort_key)
    figures = sorted(figures, key=figure_sort_key)
    documents = sorted(documents, key=lambda d: d.id)
    reported = events_by_document(events)

    return {
        "events.csv": csv_text(EVENT_COLUMNS, (event_values(e) for e in events)),
        "events.jsonl": jsonl_text(event_json(e) for e in events),
        "events.geojson": geojson_text(events),
        "control.csv": csv_text(CONTROL_COLUMNS, (control_values(c) for c in control)),
        "contradictions.csv": csv_text(
            CONTRADICTION_COLUMNS, (contradiction_values(c) for c in contradictions)),
        "figures.csv": csv_text(FIGURE_COLUMNS, (figure_values(f) for f in figures)),
        "documents.csv": csv_text(
            DOCUMENT_COLUMNS,
            (document_values(d, reported.get(d.id, []), inferred) for d in documents)),
        "report.html": render_report(
            documents=documents, events=events, contradictions=contradictions,
            control=control, figures=figures, inferred=inferred),
    }


def write_outputs(out_dir: Path, *, documents: list[Document], events: list[Event],
                  contradictions: list[Contradiction], control: list[ControlPeriod],
                  figures: list[Figure],
                  inferred: dict[str, dt.date] | None = None) -> list[Path]:
    """Write events.csv, events.jsonl, events.geojson, control.csv, contradictions.csv,
    figures.csv, documents.csv and report.html into ``out_dir`` (created if missing).

    ``inferred`` maps a document id to the publication date fuse inferred for it; it fills
    ``published`` (with ``published_how`` "inferred") of documents that had no date.
    Returns the paths of the eight files, in the order above.  Call it from one writer at a
    time (``frontlines.pipeline.output_lock``): it removes what a killed writer left.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    contents = render_outputs(documents=documents, events=events,
                              contradictions=contradictions, control=control,
                              figures=figures, inferred=inferred)
    paths = []
    for name in OUTPUT_FILES:
        path = out_dir / name
        for left in out_dir.glob(f".{name}.*.tmp"):  # (left by a writer killed before its rename)
            left.unlink(missing_ok=True)
        write_text(path, contents[name])
        paths.append(path)
    return paths


__all__ = [
    "write_outputs", "render_outputs", "render_report", "write_text", "OUTPUT_FILES",
    "EVENT_COLUMNS", "EVIDENCE_FIELDS", "CONTROL_COLUMNS", "CONTRADICTION_COLUMNS",
    "FIGURE_COLUMNS", "DOCUMENT_COLUMNS", "LIST_SEP",
]
