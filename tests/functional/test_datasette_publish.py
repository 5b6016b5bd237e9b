"""docs/publishing.md, followed: a copy made with ``sqlite3 .backup``, stripped, served by Datasette's own test client.

The facets and saved queries of ``datasette/metadata.json`` answer as the
document says, from a fresh database written by the services.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from selfeval_tui.bank import Framework
from selfeval_tui.domain.progress import question_ids
from selfeval_tui.domain.records import Status
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services

datasette_app = pytest.importorskip("datasette.app")

REPO = Path(__file__).resolve().parents[2]
ACTOR = Actor("coordinator")


def seed(path: Path, framework: Framework) -> None:
    """Two partnerships over two years: North Leeds has 2.3 and 4.4 at Developing in 2026/27."""
    with Services.open(path, framework=framework) as services:
        north = [services.create(ACTOR, framework, "North Leeds", y, local_authority="Leeds") for y in ("2025/26", "2026/27")]
        south = services.create(ACTOR, framework, "South Leeds", "2026/27", local_authority="Leeds")
        services.save_judgement(ACTOR, north[0].id, "4.4", 2, "agreed at the review")
        for element in ("2.3", "4.4"):
            services.save_judgement(ACTOR, north[1].id, element, 1, "agreed at the review")
        services.save_judgement(ACTOR, south.id, "2.3", 3, "agreed at the review")
        element = framework.element("1.1")
        assert element is not None
        services.save_answer(ACTOR, south.id, question_ids(element)[0], status=Status.MET, note="private evidence")


def publish(live: Path, copy: Path, *scripts: str) -> None:
    """As docs/publishing.md says: ``sqlite3 live ".backup copy"``, then the scripts run on the copy."""
    if shutil.which("sqlite3"):
        subprocess.run(["sqlite3", str(live), f".backup '{copy}'"], check=True)
        for script in scripts:
            subprocess.run(["sqlite3", str(copy)], input=(REPO / "datasette" / script).read_text(), text=True, check=True)
    else:  # the same backup API, and the same SQL, from Python
        with closing(sqlite3.connect(live)) as source, closing(sqlite3.connect(copy)) as target:
            source.backup(target)
            for script in scripts:
                target.executescript((REPO / "datasette" / script).read_text())


@pytest.fixture
def published(tmp_path: Path, framework: Framework) -> Any:
    live = tmp_path / "live" / "selfeval.sqlite3"
    seed(live, framework)
    copy = tmp_path / "selfeval.sqlite3"
    publish(live, copy, "private.sql", "notes.sql")
    metadata = json.loads((REPO / "datasette" / "metadata.json").read_text())
    return datasette_app.Datasette([str(copy)], metadata=metadata, immutables=[])


async def get_json(ds: Any, url: str) -> Any:
    response = await ds.client.get(url)
    assert response.status_code == 200, response.text
    return response.json()


async def test_the_ratings_view_has_the_documented_facets(published: Any) -> None:
    data = await get_json(published, "/selfeval/ratings.json?_shape=objects&_size=max")
    facets = data["facet_results"]
    assert set(facets) == {"partnership", "year", "strand", "rating"}
    counts = {f["value"]: f["count"] for f in facets["partnership"]["results"]}
    assert counts == {"North Leeds": 3, "South Leeds": 2}
    assert {f["value"]: f["count"] for f in facets["rating"]["results"]} == {
        "Developing": 2, "Developed": 1, "Established": 1, "Not yet developing": 1,
    }  # fmt: skip
    filtered = await get_json(published, "/selfeval/ratings.json?_shape=objects&partnership=North+Leeds&year=2025/26")
    assert [(r["element"], r["rating"]) for r in filtered["rows"]] == [("4.4", "Developed")]


async def test_the_saved_query_lists_elements_at_developing_by_partnership(published: Any) -> None:
    data = await get_json(published, "/selfeval/elements_at_developing.json?_shape=objects")
    assert data["rows"] == [
        {"partnership": "North Leeds", "local_authority": "Leeds", "year": "2026/27", "elements": 2, "which": "2.3, 4.4"}
    ]
    profile = await get_json(published, "/selfeval/rating_profile.json?_shape=objects")
    assert [(r["partnership"], r["year"], r["developing"], r["established"]) for r in profile["rows"]] == [
        ("North Leeds", "2025/26", 0, 0), ("North Leeds", "2026/27", 2, 0), ("South Leeds", "2026/27", 0, 1),
    ]  # fmt: skip
    one = await get_json(published, "/selfeval/element_across_years.json?_shape=objects&element=4.4")
    assert [(r["year"], r["rating"]) for r in one["rows"]] == [("2025/26", "Developed"), ("2026/27", "Developing")]


async def test_what_must_not_be_published_is_gone(published: Any) -> None:
    database = await get_json(published, "/selfeval.json")
    tables = {t["name"] for t in database["tables"]}
    assert {"resume_points", "changes", "answer_history", "judgement_history"}.isdisjoint(tables)
    assert {"element_ratings", "partnerships"} <= tables and "ratings" in {v["name"] for v in database["views"]}
    notes = await get_json(published, "/selfeval/answers.json?_shape=objects")
    assert [row["note"] for row in notes["rows"]] == [""]
