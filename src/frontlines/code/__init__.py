"""Coding: a pure function from a Document to its event Mentions and reported Figures.

``code_document(document) -> (mentions, figures)`` is what runs in one process, a process
pool or a Dask worker alike: it reads nothing but its argument and the package's data.
"""

from frontlines.code.coder import CODER_VERSION, code_document, code_parsed

__all__ = ["CODER_VERSION", "code_document", "code_parsed"]
