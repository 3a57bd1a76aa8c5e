"""Language identification with py3langid (its model ships with the package: no download)."""

from __future__ import annotations

import re
from functools import lru_cache

#: below this many letters the guess is noise: the language is left unknown ("")
MIN_LETTERS = 20
#: enough text to decide; longer documents are cut here to keep identification fast
MAX_CHARS = 5000

_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _classify():
    import py3langid  # the model is loaded on first use

    return py3langid.classify


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en", "ar", "ru"), or "" if too short to tell."""
    sample = text[:MAX_CHARS]
    if len(_LETTER.findall(sample, 0, 4 * MIN_LETTERS)) < MIN_LETTERS and \
            len(_LETTER.findall(sample)) < MIN_LETTERS:
        return ""
    code, _score = _classify()(sample)
    return code
