"""A run must not die on one document: long texts are coded in pieces, failures are isolated."""

from __future__ import annotations

import frontlines
from frontlines import pipeline


def test_a_text_longer_than_the_parser_accepts_is_coded_in_pieces_with_true_offsets(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    filler = "The weather was mild and markets were open as usual in the capital.\n\n" * 1600
    text = filler + "Rebels seized the town of Menaka in northern Mali on Monday.\n\n" + filler
    assert len(text) > 2 * pipeline.CHUNK_CHARS
    (src / "long.txt").write_text(text, encoding="utf-8")
    result = frontlines.run([src], out=tmp_path / "out")
    assert result.errors == []
    events = [e for e in result.events if e.location == "Menaka"]
    assert len(events) == 1
    doc_text = result.documents[0].text
    for e in events[0].evidence:
        assert doc_text[e.start:e.end] == e.quote and "Menaka" in e.quote


def test_a_document_that_cannot_be_coded_is_reported_and_the_others_are_stored(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Rebels seized the town of Menaka in northern Mali on Monday.", encoding="utf-8")
    (src / "poison.txt").write_text("Police arrested 20 activists in Minsk on Saturday.", encoding="utf-8")
    real = pipeline.code_parsed

    def failing(doc, parsed, nlp=None):
        if doc.id == "poison":
            raise RuntimeError("simulated coder failure")
        return real(doc, parsed, nlp)

    monkeypatch.setattr(pipeline, "code_parsed", failing)
    result = frontlines.run([src], out=tmp_path / "out")
    assert [d.id for d in result.documents] == ["good"]
    assert len(result.errors) == 1 and "poison.txt" in str(result.errors[0])
    assert "simulated coder failure" in str(result.errors[0])
    monkeypatch.setattr(pipeline, "code_parsed", real)
    again = frontlines.run([src], out=tmp_path / "out")  # nothing half-stored: it is coded next time
    assert [d.id for d in again.documents] == ["good", "poison"] and again.coded == 1
