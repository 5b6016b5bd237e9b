"""The CSV export: one row per element, read back by the csv module, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

from export_support import sample_data, sample_db

from selfeval_tui.bank import Framework
from selfeval_tui.exports import csv_export

__all__ = ["sample_db"]


def test_one_row_per_element_with_ratings_and_focus(sample_db: Path, framework: Framework) -> None:
    text = csv_export.render(sample_data(sample_db, framework))
    assert text.endswith("\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["element_id"] for r in rows] == [e.id for e in framework.elements]
    by_id = {r["element_id"]: r for r in rows}
    assert by_id["1.2"] | {"focus": ""} == {
        "element_id": "1.2", "strand_id": "1", "title": "Transparent use of data", "rating": "Established",
        "level": "3", "computed_level": "2", "agreed_level": "3", "provisional": "no", "focus": "",
        "started": "yes",
    }  # fmt: skip
    assert by_id["1.2"]["focus"].startswith("Accurate, current data is used to set local targets; ")
    assert by_id["2.6"]["provisional"] == "yes" and by_id["1.1"]["agreed_level"] == ""


def test_cells_a_spreadsheet_would_run_as_formulas_are_defused(sample_db: Path, framework: Framework) -> None:
    data = sample_data(sample_db, framework)
    first = data.elements[0]
    evil = dataclasses.replace(first, element=dataclasses.replace(first.element, title="=HYPERLINK(\"x\")"))
    rows = list(csv.reader(io.StringIO(csv_export.render(dataclasses.replace(data, elements=(evil,))), newline="")))
    assert rows[1][2] == "'=HYPERLINK(\"x\")"
