"""Every Mention and Figure the coder finds in every text at hand, written one per line, so that a
change meant to leave the coding alone (a speed-up, a refactoring) can be checked by comparing
two snapshots byte for byte.

    python benchmarks/coding_snapshot.py OUT.txt [--cache PARSED.spacy]

The texts: examples/, ../shared/seeds, the notes of every tests/data/acled_*.csv (dated by their
`published` column) and, when present, the 200 articles of ../shared/dev/geowebnews/GWN.xml.
Parsing them takes a minute or two; ``--cache`` keeps the parses in a spaCy DocBin file (made on
the first run, read on the next) so that only the coding runs again.
"""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def texts():
    from frontlines.evaluate.acled import read_acled
    from frontlines.ingest import IngestError, read_paths, read_text

    shared = ROOT.parent / "shared"
    paths = [p for p in (ROOT / "examples", shared / "seeds") if p.exists()]
    docs = [d for d in read_paths(paths) if not isinstance(d, IngestError)]
    for f in sorted((ROOT / "tests" / "data").glob("acled_*.csv")):
        for k, row in enumerate(read_acled(f, "published")):
            docs.append(read_text(row.notes, id=f"{f.stem}-{k}", published=row.published))
    gwn = shared / "dev" / "geowebnews" / "GWN.xml"
    if gwn.exists():
        for k, article in enumerate(ET.parse(gwn).getroot().iter("article")):
            docs.append(read_text(article.findtext("text") or "", id=f"gwn-{k}"))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--cache", help="a DocBin file holding the parses (made when missing)")
    args = ap.parse_args()

    from spacy.tokens import DocBin

    from frontlines import nlp as nlp_mod
    from frontlines.code import code_parsed

    docs = texts()
    nlp = nlp_mod.load()
    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.exists():
        parsed = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(parsed) != len(docs):
            raise SystemExit(f"{cache}: holds {len(parsed)} parses for {len(docs)} texts; delete it")
    else:
        parsed = list(nlp.pipe((d.text for d in docs), batch_size=32))
        if cache is not None:
            bin_ = DocBin(store_user_data=True)
            for p in parsed:
                bin_.add(p)
            bin_.to_disk(cache)
    with open(args.out, "w", encoding="utf-8") as out:
        for doc, p in zip(docs, parsed):
            mentions, figures = code_parsed(doc, p, nlp)
            out.write(f"## {doc.id}\n")
            for x in [*mentions, *figures]:
                out.write(repr(x) + "\n")
    print(f"{len(docs)} texts -> {args.out}")


if __name__ == "__main__":
    main()
