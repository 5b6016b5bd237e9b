"""The local authority's roll-up (docs/exports.md, "Roll-up"): who may see it, what it counts, and files from other servers.

Two databases: "here" (North and South in Northshire, West in Westshire, with
people from ``people_support``) and "there" (East in Northshire), whose JSON
export is merged into the roll-up of "here" as a file from another installation.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from people_support import OWNER, shared_database

from selfeval_tui.bank import Framework
from selfeval_tui.domain.records import Status
from selfeval_tui.exports import export_text
from selfeval_tui.exports.rollup import build, file_documents, local_entries
from selfeval_tui.exports.rollup_render import render
from selfeval_tui.services.errors import Refused
from selfeval_tui.services.open import Services

DATE = dt.date(2027, 7, 20)
NOT_MET_CRITERION = "1.1.developing.1"


@pytest.fixture
def here(tmp_path: Path, framework: Framework) -> Iterator[Services]:
    with Services.open(tmp_path / "here.sqlite3") as services:
        shared_database(services, framework)
        for name in ("North", "South", "West"):
            evaluation = services.find(OWNER, name, "2026/27").evaluation
            assert evaluation is not None
            services.save_answer(OWNER, evaluation.id, NOT_MET_CRITERION, status=Status.NOT_MET)
        north = services.find(OWNER, "North", "2026/27").evaluation
        assert north is not None
        services.submit(OWNER, north.id)
        services.sign_off(services.person_actor("chair"), north.id, dt.date(2027, 7, 15), "approved")
        yield services


@pytest.fixture
def there(tmp_path: Path, framework: Framework) -> Path:
    """East's evaluation, exported as JSON from a second database: a file from another installation."""
    with Services.open(tmp_path / "there.sqlite3") as services:
        east = services.create(OWNER, framework, "East", "2026/27", local_authority="Northshire")
        services.save_answer(OWNER, east.id, NOT_MET_CRITERION, status=Status.NOT_MET)
        services.save_answer(OWNER, east.id, "1.1.developing.2", status=Status.MET)
        path = tmp_path / "east.json"
        path.write_text(export_text(services, OWNER, framework, east, "json", "json", DATE), encoding="utf-8")
    return path


def test_an_la_officer_rolls_up_their_local_authority_only_and_others_are_refused(here: Services, framework: Framework) -> None:
    officer = here.person_actor("la_officer")
    assert [v.partnership.name for v in here.rollup_views(officer, framework)] == ["North", "South"]
    admin = here.person_actor("admin")
    assert [v.partnership.name for v in here.rollup_views(admin, framework)] == ["North", "South", "West"]
    assert [v.partnership.name for v in here.rollup_views(admin, framework, local_authority="westshire")] == ["West"]
    for role in ("coordinator", "chair", "viewer"):
        with pytest.raises(Refused, match="may not see a roll-up"):
            here.rollup_views(here.person_actor(role), framework)


def test_a_file_from_another_database_is_rolled_up_with_the_local_ones(here: Services, framework: Framework, there: Path) -> None:
    local = local_entries(here, OWNER, framework, local_authority="Northshire", year=None)
    files, unread = file_documents([there])
    rollup = build(framework, [*local, *files], date=DATE, local_authority="Northshire", left_out=unread)
    assert [(e.partnership, e.source) for e in rollup.entries] == [("East", str(there)), ("North", ""), ("South", "")]
    assert rollup.left_out == ()
    unmet = rollup.most_unmet()
    assert unmet[0].criterion_id == NOT_MET_CRITERION
    assert unmet[0].partnerships == ("East", "North", "South")
    assert {e.partnership: e.state for e in rollup.entries} == {"East": "draft", "North": "signed_off", "South": "draft"}
    counts = dict(rollup.strand_counts())
    assert sum(sum(c.values()) for c in counts.values()) == 3 * len(framework.elements)


def test_the_markdown_has_codes_with_a_legend_and_the_html_colour_with_words(here: Services, framework: Framework, there: Path) -> None:
    local = local_entries(here, OWNER, framework, local_authority=None, year="2026/27")
    files, _ = file_documents([there])
    rollup = build(framework, [*local, *files], date=DATE, year="2026/27")
    text = render(rollup, "md")
    assert "| Partnership | 1.1 | 1.2 |" in text
    assert "Codes: ENH Enhancing; EST Established" in text
    assert "Signed off by chair on 2027-07-15" in text
    assert "## Criteria most often not met" in text
    page = render(rollup, "html")
    assert 'style="background:#d9534f">Not yet developing' in page
    data = json.loads(render(rollup, "json"))
    assert [p["partnership"] for p in data["partnerships"]] == ["East", "North", "South", "West"]
    assert render(rollup, "csv").count("\r\n") == 1 + 4 * len(framework.elements)


@pytest.mark.parametrize(
    "content,problem",
    [
        (b"{not json", "is not valid JSON"),
        (b"[1, 2]", "it is not an object"),
        (b'{"hello": 1}', "is not a selfeval JSON export"),
        (b"\xff\xfe", "is not UTF-8 text"),
    ],
)
def test_a_bad_file_is_one_line_naming_it_and_is_left_out(tmp_path: Path, framework: Framework, content: bytes, problem: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    documents, unread = file_documents([bad])
    left_out = build(framework, documents, date=DATE, left_out=unread).left_out
    assert len(left_out) == 1 and left_out[0].startswith(f"{bad}: ") and problem in left_out[0]
    assert left_out[0].endswith("; left out") and "\n" not in left_out[0]


@pytest.mark.parametrize(
    "change,problem",
    [
        (lambda d: d.update(schema_version=99), "has schema_version 99"),
        (lambda d: d["framework"].update(id="another-bank"), "another question bank"),
        (lambda d: d["elements"][3].update(level=7), "elements[3].level 7"),
        (lambda d: d["elements"].pop(), "it is not a whole evaluation"),
        (lambda d: d["elements"][0]["criteria"][0].update(status="maybe"), "with status 'maybe'"),
        (lambda d: d["outcomes"][0]["values"].update(baseline="12"), "not a number or null"),
        (lambda d: d["sign_off"].update(state="signed_off"), "does not say by whom"),
        (lambda d: d.update(year="2026/28"), "has a bad year"),
    ],
)
def test_a_foreign_or_damaged_export_is_left_out_whole(there: Path, framework: Framework, change, problem: str) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(there.read_text(encoding="utf-8"))
    change(document)
    there.write_text(json.dumps(document), encoding="utf-8")
    documents, unread = file_documents([there])
    rollup = build(framework, documents, date=DATE, left_out=unread)
    assert rollup.entries == ()
    assert len(rollup.left_out) == 1 and problem in rollup.left_out[0], rollup.left_out


def test_the_same_partnership_and_year_twice_keeps_the_first(here: Services, framework: Framework, tmp_path: Path) -> None:
    north = here.find(OWNER, "North", "2026/27").evaluation
    assert north is not None
    copy = tmp_path / "north.json"
    copy.write_text(export_text(here, OWNER, framework, north, "json", "json", DATE), encoding="utf-8")
    local = local_entries(here, OWNER, framework, local_authority=None, year=None)
    files, _ = file_documents([copy])
    rollup = build(framework, [*local, *files], date=DATE)
    assert [e.partnership for e in rollup.entries] == ["North", "South", "West"]
    assert rollup.left_out == (f"{copy}: North 2026/27 is already in the roll-up from the local database; left out",)


def test_a_local_entry_is_what_its_json_export_gives(here: Services, framework: Framework, tmp_path: Path) -> None:
    """The roll-up reads the database directly, not through the export: the two must agree, field by field."""
    from selfeval_tui.exports.rollup import entry

    south = here.find(OWNER, "South", "2026/27").evaluation
    assert south is not None
    here.save_judgement(OWNER, south.id, "1.2", 3, "agreed")
    later = here.create(OWNER, framework, "North", "2027/28", carry_forward=True)
    here.save_outcome_value(OWNER, later.id, "persistent-absence", "baseline", 9.5)
    here.save_answer(OWNER, later.id, "1.1.developing.1", status=Status.MET)
    for found in local_entries(here, OWNER, framework, local_authority=None, year=None):
        evaluation = here.find(OWNER, found.partnership, found.year).evaluation
        assert evaluation is not None
        document = json.loads(export_text(here, OWNER, framework, evaluation, "json", "json", DATE))
        assert entry(framework, "", document) == found
