"""Evaluation against gold data: geoparsing corpora (and, later, ACLED exports)."""
