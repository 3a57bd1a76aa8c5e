"""Access to the knowledge files in ``frontlines/data`` and to the on-disk cache."""

from __future__ import annotations

import functools
import hashlib
import os
from importlib import resources
from pathlib import Path

import yaml


@functools.lru_cache(maxsize=None)
def load_yaml(name: str):
    """A data file of the package, parsed once per process."""
    with resources.files("frontlines.data").joinpath(name).open("r", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """sha256 of this frontlines's own code and knowledge (every .py and .yaml file of the
    package): what was computed by one build and kept in a store is reused by that build only."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".yaml") and p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_dir() -> Path:
    """Where built indexes live: $FRONTLINES_CACHE, else the user's cache folder."""
    base = os.environ.get("FRONTLINES_CACHE")
    if base:
        path = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        path = (Path(xdg) if xdg else Path.home() / ".cache") / "frontlines"
    path.mkdir(parents=True, exist_ok=True)
    return path
