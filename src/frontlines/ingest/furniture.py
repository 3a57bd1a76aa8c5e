"""Page-furniture removal: menus, share bars, newsletter calls, credits, related links.

The patterns are data (``frontlines/data/furniture.yaml``, one comment each), read once.
This module only knows how to apply them to the paragraphs of a text:

* ``lines``: a paragraph matching one is dropped;
* ``inline``: the match is cut out of the paragraph (a photo credit at the end of a caption
  sentence), the rest is kept;
* ``tail``: a paragraph matching one, once the article body has begun, starts the end matter
  (related-article lists): it and everything after it are dropped;
* ``outlet_hints``: furniture that names the site gives an outlet as a fallback;
* ``menu``: runs of short link-like lines, and lines split into short items by ``|`` or ``>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

# a list marker in front of a menu entry or a bullet: "1. ", "2) ", "- ", "• "
_LIST_MARKER = re.compile(r"^(?:\d{1,2}[.)]|[-*•·▪►])\s+")
_SENTENCE_END = re.compile(r"[.!?:;,]$")
_WORD = re.compile(r"\S+")
# a paragraph that is plainly article prose: long, with sentence punctuation
_BODY_MIN_CHARS = 100


@dataclass(frozen=True)
class Rules:
    lines: tuple[re.Pattern, ...]
    inline: tuple[re.Pattern, ...]
    tail: tuple[re.Pattern, ...]
    outlet_hints: tuple[re.Pattern, ...]
    menu_max_words: int
    menu_min_run: int
    menu_separators: tuple[str, ...]
    menu_min_separators: int
    outlets: dict[str, str]  # lower-cased name or alias -> canonical name


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The furniture rules, loaded once from the package data."""
    text = resources.files("frontlines").joinpath("data/furniture.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    menu = data.get("menu") or {}
    outlets: dict[str, str] = {}
    for canonical, aliases in (data.get("outlets") or {}).items():
        canonical = str(canonical)
        outlets[canonical.lower()] = canonical
        for alias in aliases or ():
            outlets.setdefault(str(alias).lower(), canonical)
    return Rules(
        lines=tuple(re.compile(p) for p in data.get("lines") or ()),
        inline=tuple(re.compile(p) for p in data.get("inline") or ()),
        tail=tuple(re.compile(p) for p in data.get("tail") or ()),
        outlet_hints=tuple(re.compile(p) for p in data.get("outlet_hints") or ()),
        menu_max_words=int(menu.get("max_words", 3)),
        menu_min_run=int(menu.get("min_run", 3)),
        menu_separators=tuple(menu.get("separators") or ("|", ">")),
        menu_min_separators=int(menu.get("min_separators", 2)),
        outlets=outlets,
    )


def bare(line: str) -> str:
    """A line without its list marker, for matching."""
    return _LIST_MARKER.sub("", line.strip(), count=1)


def is_furniture_line(line: str) -> bool:
    """True if the whole line is page furniture (by the ``lines`` patterns or a menu bar)."""
    candidate = bare(line)
    if not candidate:
        return False
    return any(p.search(candidate) for p in rules().lines) or _is_menu_bar(candidate)


def _is_short_item(item: str) -> bool:
    words = _WORD.findall(item)
    return (0 < len(words) <= rules().menu_max_words and any(c.isalpha() for c in item)
            and not _SENTENCE_END.search(item))


def _is_menu_bar(line: str) -> bool:
    """"Home | World | Middle East", "Home > News > Syria": short items between separators."""
    r = rules()
    for sep in r.menu_separators:
        if line.count(sep) >= r.menu_min_separators:
            items = [item.strip() for item in line.split(sep)]
            items = [item for item in items if item]
            if len(items) > r.menu_min_separators and all(_is_short_item(i) for i in items):
                return True
    return False


def strip_inline(line: str) -> str:
    """Cut credits out of a line ("... the town (Agency photo)" -> "... the town")."""
    for pattern in rules().inline:
        line = pattern.sub("", line)
    return line.strip()


def outlet_hint(line: str) -> str:
    """The outlet a furniture line names ("Skip to more X sites" -> "X"), or ""."""
    candidate = bare(line)
    for pattern in rules().outlet_hints:
        match = pattern.search(candidate)
        if match:
            return match.group("outlet").strip()
    return ""


def _is_tail_marker(line: str) -> bool:
    candidate = bare(line)
    return any(p.search(candidate) for p in rules().tail)


def _menu_runs(paras: list[str], protected: set[int]) -> set[int]:
    """Indexes of paragraphs that belong to a run of short link-like lines."""
    r = rules()
    drop: set[int] = set()
    run: list[int] = []

    def close() -> None:
        if len(run) >= r.menu_min_run:
            drop.update(run)
        run.clear()

    for i, para in enumerate(paras):
        if i not in protected and _is_short_item(bare(para)):
            run.append(i)
        else:
            close()
    close()
    return drop


@dataclass
class Cleaned:
    paragraphs: list[str]
    outlet_hint: str = ""
    removed: int = 0


def remove(paras: list[str], *, protected: frozenset[int] = frozenset()) -> Cleaned:
    """Remove furniture from a list of paragraphs.

    ``protected`` paragraphs (a title already known) are never removed as menu lines.
    """
    hint = ""
    keep: list[str] = []
    body_started = False
    removed = 0
    menu = _menu_runs(paras, set(protected))
    for i, para in enumerate(paras):
        if not hint:
            hint = outlet_hint(para)
        tail = _is_tail_marker(para)
        if tail and body_started:
            removed += len(paras) - i
            break
        if tail or i in menu or is_furniture_line(para):
            removed += 1
            continue
        cleaned = strip_inline(para)
        if not cleaned:
            removed += 1
            continue
        if len(cleaned) >= _BODY_MIN_CHARS:
            body_started = True
        keep.append(cleaned)
    return Cleaned(keep, hint, removed)


def canonical_outlet(name: str) -> str:
    """The canonical name of a known outlet or agency ("Agence France-Presse" -> "AFP"), or ""."""
    return rules().outlets.get(name.strip().strip(".").lower(), "")
