"""Cardinal numbers as news writes them, read from a run of words (tokens).

Digits, with or without thousands separators and with a scale word after them: "1,200",
"388000", "3.5 million", "12k". English number words, composed as English composes them:
"three", "twenty-five" (one word, or "twenty" "-" "five" as tokenizers split it), "three
hundred and twenty", "twelve hundred", "two thousand five hundred", "a thousand", "a dozen",
"two dozen".  Vague quantities ("dozens", "hundreds") are not numbers here: the coder reads
them from ``coding.yaml``'s ``vague_numbers``.

>>> number_at(["three", "hundred", "civilians"])
(300, 2)
>>> number_at(["1,200", "people"])
(1200, 1)
>>> number_at(["twenty", "-", "five", "thousand", "displaced"])
(25000, 4)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9}
TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
#: scale words after a count below a thousand; each group of a number uses a smaller one
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
#: scale words after digits ("3.5 million", "12k", "5 hundred")
DIGIT_SCALES = {"hundred": 100, "dozen": 12, "k": 1_000, **SCALES}
#: digits, with or without thousands separators, with an optional decimal part
DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_ARTICLES = ("a", "an")
#: more digits than this is not a count of anything (and no float holds it exactly)
MAX_DIGITS = 15
#: the most words (tokens) one number is read from: "nine hundred and ninety - nine million ..."
NUMBER_MAX_WORDS = 32


def _word(words: Sequence[str], i: int) -> str:
    return words[i].lower() if i < len(words) else ""


def _below_hundred(words: Sequence[str], i: int) -> tuple[int | None, int]:
    """1-99 from "seven", "fifteen", "forty", "forty-two", "forty two", "forty" "-" "two"."""
    w = _word(words, i)
    if w in ONES:
        return ONES[w], i + 1
    if w in TEENS:
        return TEENS[w], i + 1
    if w in TENS:
        value = TENS[w]
        if _word(words, i + 1) == "-" and _word(words, i + 2) in ONES:
            return value + ONES[_word(words, i + 2)], i + 3
        if _word(words, i + 1) in ONES:
            return value + ONES[_word(words, i + 1)], i + 2
        return value, i + 1
    tens, hyphen, ones = w.partition("-")
    if hyphen and tens in TENS and ones in ONES:
        return TENS[tens] + ONES[ones], i + 1
    return None, i


def _below_thousand(words: Sequence[str], i: int) -> tuple[int | None, int]:
    """A group: "seven", "three hundred and twelve", "twelve hundred", "a hundred", "two dozen".
    A scale word alone is no number: "million" of "half a million" is not 1,000,000."""
    w = _word(words, i)
    if w in _ARTICLES and _word(words, i + 1) in ("hundred", "dozen", *SCALES):
        value, j = 1, i + 1  # "a hundred", "a dozen", "a thousand": the scale word comes next
    else:
        value, j = _below_hundred(words, i)
        if value is None:
            return None, i
    if _word(words, j) == "dozen":
        return value * 12, j + 1
    if _word(words, j) == "hundred":
        value, j = value * 100, j + 1
        k = j + 1 if _word(words, j) == "and" else j
        rest, end = _below_hundred(words, k)
        if rest is not None:
            value, j = value + rest, end
    return value, j  # (j == i for a bare "thousand": the caller multiplies)


def _in_words(words: Sequence[str], i: int) -> tuple[int | None, int]:
    total, j, previous_scale = 0, i, None
    while True:
        start = j
        if total and _word(words, j) == "and":  # "one thousand and five"
            start = j + 1
        value, k = _below_thousand(words, start)
        if value is None:
            break
        scale = SCALES.get(_word(words, k))
        if scale is not None:
            if previous_scale is not None and scale >= previous_scale:
                break  # "one thousand two thousand": two numbers, the first ends before "two"
            total, j, previous_scale = total + value * scale, k + 1, scale
            continue
        if k == start or (previous_scale is not None and value >= previous_scale):
            break  # "two thousand twelve hundred" is no one number
        total, j = total + value, k
        break
    if j == i:
        return None, i
    return total, j


def number_at(words: Sequence[str], i: int = 0) -> tuple[int | None, int]:
    """(value, end) of the number that begins at ``words[i]``, ``end`` the index after its last
    word; (None, i) when no number begins there.  Words are tokens: "1,200", "twenty", "-"."""
    w = _word(words, i)
    if DIGITS.match(w):
        plain = w.replace(",", "")
        if len(plain.partition(".")[0]) > MAX_DIGITS:
            return None, i  # a serial number or an identifier, not a count
        value = float(plain)
        j = i + 1
        scale = DIGIT_SCALES.get(_word(words, j))
        if scale is not None:
            value, j = value * scale, j + 1
        return int(round(value)), j
    return _in_words(words, i)
