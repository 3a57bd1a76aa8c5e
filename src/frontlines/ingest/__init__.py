"""Ingest: files, folders or raw text in; clean ``Document`` records out.

    >>> from frontlines.ingest import read_paths, read_text
    >>> for item in read_paths(["articles/"]):
    ...     print(item)          # a Document, or an IngestError naming the file and the reason

Page furniture (menus, share bars, photo credits, "Read more" links) is removed here and
nowhere else; the title, outlet, publication date (and how it was learnt) and language are
read from the format's metadata or from the article's own text.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Document
from .dates import parse_date
from .document import build_document
from .errors import IngestError
from .readers import READERS, read_file, read_rows

__all__ = ["IngestError", "files_under", "read_paths", "read_rows", "read_text", "SUPPORTED_EXTENSIONS"]

#: file extensions ingest reads (others give an "unsupported file type" error)
SUPPORTED_EXTENSIONS = tuple(sorted(READERS))


def _hidden(name: str) -> bool:
    return name.startswith(".")


def files_under(root: Path) -> list[Path]:
    """Every file below ``root``, hidden files and dot-folders skipped, sorted by path."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not _hidden(d))
        found.extend(Path(dirpath) / name for name in filenames if not _hidden(name))
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _read_one(path: Path) -> Iterator[Document | IngestError]:
    display = str(path)
    try:
        yield from read_file(path, display)
    except Exception as err:  # a reader bug must not stop the run: report it as this file's
        yield IngestError(display, f"could not be read ({type(err).__name__}: {err})")


def read_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Document | IngestError]:
    """Files and folders -> Documents, in a stable order.

    Folders are read recursively, files sorted by path (hidden files and dot-folders are
    skipped); the paths given are read in the order given, each file once. Never raises for
    a bad file: yields an ``IngestError`` (file, or file#line for a row) and goes on.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen: set[Path] = set()
    for given in paths:
        root = Path(given)
        if root.is_dir():
            files = files_under(root)
        elif root.exists():
            files = [root]
        else:
            yield IngestError(str(given), "no such file or directory")
            continue
        for path in files:
            try:
                key = path.resolve()
            except OSError:
                key = path.absolute()
            if key in seen:
                continue
            seen.add(key)
            yield from _read_one(path)


def read_text(
    text: str,
    *,
    id: str = "stdin",
    published: dt.date | str | None = None,
    title: str = "",
    outlet: str = "",
    url: str = "",
    path: str = "",
) -> Document:
    """A Document from raw text (used by ``frontlines extract`` and the Python API).

    Metadata passed in wins over what the text says (``published_how`` "metadata"); what
    is not passed is read from the text ("text") or left unknown ("unknown").
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    elif isinstance(published, str):
        published = parse_date(published)
    return build_document(text, id=id, title=title, outlet=outlet, published=published,
                          url=url, path=path)
