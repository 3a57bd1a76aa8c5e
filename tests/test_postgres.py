"""The main job and the API on PostgreSQL (the store's own tests run on both backends: see
the ``db`` fixture of test_store.py).

Runs when $FRONTLINES_TEST_POSTGRES names a database the tests may wipe (an SQLAlchemy URL such
as postgresql+psycopg://frontlines:frontlines@127.0.0.1:5432/frontlines_test); .ci/run starts
Debian's PostgreSQL and sets it. Skipped otherwise.
"""

from __future__ import annotations

import json
import os

import pytest

URL = os.environ.get("FRONTLINES_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not URL, reason="set $FRONTLINES_TEST_POSTGRES to a database the tests may wipe")


@pytest.fixture
def pg():
    """The test database, emptied of frontlines's tables."""
    from sqlalchemy import create_engine

    from frontlines.store import schema

    engine = create_engine(URL)
    schema.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    engine.dispose()
    return URL


def test_the_main_job_and_the_api_work_on_postgresql(pg, tmp_path):
    from fastapi.testclient import TestClient

    import frontlines
    from frontlines.serve import create_app

    (tmp_path / "in").mkdir()
    rows = [{"id": "gao", "published": "2021-03-09", "outlet": "Sahel Wire",
             "text": "Soldiers clashed with militants near Gao on Sunday, killing four, the army said."},
            {"id": "menaka", "published": "2021-03-10", "outlet": "Desert Post",
             "text": "Rebel fighters seized the town of Menaka on Tuesday after heavy fighting, residents said."}]
    (tmp_path / "in" / "a.jsonl").write_text(json.dumps(rows[0]) + "\n", encoding="utf-8")
    first = frontlines.run([tmp_path / "in"], out=tmp_path / "out", db=pg)
    with open(tmp_path / "in" / "a.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(rows[1]) + "\n")
    second = frontlines.run([tmp_path / "in"], out=tmp_path / "out", db=pg)
    assert (second.coded, second.unchanged, second.blocks_fused, second.blocks_reused) == (1, 1, 1, first.blocks_fused)
    client = TestClient(create_app(pg))
    listed = client.get("/api/events").json()
    assert listed["total"] == len(second.events) == 2
    assert [e["location"] for e in client.get("/api/events", params={"actor": "rebel"}).json()["events"]] == ["Menaka"]
    assert [d["id"] for d in client.get("/api/documents", params={"q": "militants"}).json()] == ["gao"]
    assert "Menaka" in client.get("/").text


def test_writers_at_once_on_postgresql_store_each_document_once_without_errors(pg):
    import threading

    from test_store import make_doc, make_mentions

    from frontlines.store import Store

    Store(pg).close()  # (the tables, made once)
    batch = [(make_doc(doc_id=f"d{k}", content_hash=f"h{k}"), make_mentions(f"d{k}"), []) for k in range(20)]
    written, failures = [], []

    def writer():
        try:
            with Store(pg) as store:
                written.append(store.add_documents(batch))
        except Exception as err:  # (what the advisory lock prevents: duplicate keys between writers)
            failures.append(err)

    threads = [threading.Thread(target=writer) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert failures == [] and sorted(written) == [0, 0, 20]
    with Store(pg) as store:
        assert len(store.documents()) == 20 and len(store.mentions()) == 40
