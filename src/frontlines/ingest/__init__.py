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
from .errors import IngestError, os_reason
from .readers import READERS, read_file, read_rows

__all__ = ["IngestError", "files_under", "read_paths", "read_rows", "read_text", "SUPPORTED_EXTENSIONS"]

#: file extensions ingest reads (others give an "unsupported file type" error)
SUPPORTED_EXTENSIONS = tuple(sorted(READERS))


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(root: Path) -> list[Path | IngestError]:
    """Every file below ``root`` and an error for each folder that cannot be listed or whose
    symbolic link loops, sorted by path (hidden files and dot-folders skipped).

    Links to folders are followed, each real folder once: a link back to a folder being read
    (to its parent, to itself) is a loop, reported and not followed; a second link to a
    folder already read elsewhere is passed over (its files are read once).  Links to files
    are listed as files: reading one that loops or is broken says so."""
    found: list[tuple[tuple[str, ...], Path | IngestError]] = []  # (sort key, item)

    def key(path: str) -> tuple[str, ...]:  # (from the path as the system gives it: an error's
        return Path(path).relative_to(root).parts  # path has U+FFFD for bytes that are not UTF-8)

    def unlisted(err: OSError) -> None:
        where = err.filename or str(root)
        found.append((key(where), IngestError(where, os_reason(err, "cannot list the folder"))))

    walked = {os.path.realpath(root): str(root)}  # real folder -> the path it is read under
    for dirpath, dirnames, filenames in os.walk(root, onerror=unlisted, followlinks=True):
        kept = []
        for name in sorted(d for d in dirnames if not _hidden(d)):
            path = os.path.join(dirpath, name)
            real = os.path.realpath(path)
            first = walked.setdefault(real, path)
            if first == path:
                kept.append(name)
            elif dirpath == first or dirpath.startswith(first + os.sep):
                found.append((key(path), IngestError(path, f"symbolic link loop: leads back to {first}, "
                                                           "a folder being read (not followed)")))
        dirnames[:] = kept
        found.extend((key(os.path.join(dirpath, name)), Path(dirpath) / name)
                     for name in filenames if not _hidden(name))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def files_under(root: Path) -> list[Path]:
    """Every file below ``root``, hidden files and dot-folders skipped, sorted by path (links
    to folders followed, each real folder once, loops not)."""
    return [item for item in _walk(root) if isinstance(item, Path)]


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
    a bad file: yields an ``IngestError`` (file, or file#line for a row) and goes on: a file
    that cannot be read, a folder that cannot be listed, a symbolic link that loops.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen: set[str] = set()
    for given in paths:
        root = Path(given)
        try:
            is_dir = root.is_dir()
        except OSError as err:  # (a name too long, a folder on the way that cannot be entered)
            yield IngestError(str(given), os_reason(err))
            continue
        if is_dir:
            items = _walk(root)
        elif os.path.lexists(root):  # (a link that loops or is broken is reported by the reader)
            items = [root]
        else:
            yield IngestError(str(given), "no such file or directory")
            continue
        for item in items:
            if isinstance(item, IngestError):
                yield item
                continue
            key = os.path.realpath(item)  # (never raises, even for a loop)
            if key in seen:
                continue
            seen.add(key)
            yield from _read_one(item)


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
