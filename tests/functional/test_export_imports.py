"""What ``selfeval export KIND`` imports: the one renderer it writes with, and none of the chat.

An export as a command is mostly imports (issue 13), so each kind loads only its
own renderer, markdown-it only for HTML, and never Textual or anything of the
conversation (its step registry, engine and session), which the chat uses and an
export does not: what an export shares with the chat (the bank's questions in
order, the confirmed-rating rule, the status words) is in ``domain``.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from selfeval_tui.bank import Framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store

CHAT_ONLY = (
    "textual",
    "selfeval_tui.shells.tui.app",
    "selfeval_tui.shells.plain.shell",
    "selfeval_tui.conversation",
)
RENDERERS = {
    "overview": "selfeval_tui.exports.markdown_overview",
    "grid": "selfeval_tui.exports.markdown_grid",
    "report": "selfeval_tui.exports.markdown_report",
    "json": "selfeval_tui.exports.json_export",
    "csv": "selfeval_tui.exports.csv_export",
}


def modules_after_export(db: Path, *args: str) -> set[str]:
    """Every module loaded once ``selfeval export ...`` has written its export, in a fresh interpreter."""
    code = textwrap.dedent(
        """
        import contextlib, io, json, sys
        from selfeval_tui.launch import main
        with contextlib.redirect_stdout(io.StringIO()) as out:
            code = main(sys.argv[1:])
        assert code == 0 and out.getvalue(), code
        print(json.dumps(sorted(sys.modules)))
        """
    )
    argv = ["export", *args, "--db", str(db), "--partnership", "North Leeds", "--date", "2026-11-30"]
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout))


@pytest.fixture
def db(tmp_path: Path, framework: Framework) -> Path:
    path = tmp_path / "exports.sqlite3"
    with Store.open(path) as store:
        Services(store).create(Actor("coordinator"), framework, "North Leeds", "2026/27")
    return path


def loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(m.startswith(f"{name}.") for m in modules)


@pytest.mark.parametrize("kind", ["report", "overview", "grid"])
def test_a_markdown_paper_loads_its_renderer_alone_and_neither_markdown_it_nor_the_chat(db: Path, kind: str) -> None:
    modules = modules_after_export(db, kind)
    assert RENDERERS[kind] in modules
    assert not [m for m in CHAT_ONLY if loaded(modules, m)]
    assert not loaded(modules, "markdown_it")
    assert "selfeval_tui.exports.html" not in modules
    # The report and the grid share the overview's title block; nothing else of another kind.
    others = {name for k, name in RENDERERS.items() if k not in (kind, "overview")}
    assert not modules & others


DEFERRED = ("platformdirs", "getpass", "selfeval_tui.shells.cli.chat")
"""Deferred for the export command (docs/performance.md): the default database's folder (an export given --db),
the login name on Windows, and the other subcommands' modules (argparse registers only the one being run)."""


def test_an_export_given_its_database_loads_nothing_deferred(db: Path) -> None:
    modules = modules_after_export(db, "report")
    assert not [m for m in DEFERRED if loaded(modules, m)]


def test_json_and_csv_load_neither_the_papers_nor_markdown_it(db: Path) -> None:
    for kind in ("json", "csv"):
        modules = modules_after_export(db, kind)
        assert RENDERERS[kind] in modules
        assert not modules & {name for k, name in RENDERERS.items() if k != kind}
        assert not loaded(modules, "markdown_it")
        assert not [m for m in CHAT_ONLY if loaded(modules, m)]


def test_html_loads_markdown_it(db: Path) -> None:
    modules = modules_after_export(db, "report", "--format", "html")
    assert loaded(modules, "markdown_it")
    assert "selfeval_tui.exports.html" in modules
    assert not [m for m in CHAT_ONLY if loaded(modules, m)]


PICTURES = ("selfeval_tui.exports.charts", "selfeval_tui.exports.svg", "selfeval_tui.exports.png")
BOARD_LIBRARIES = ("docx", "PIL", "weasyprint", "lxml")


def test_markdown_loads_no_pictures_and_no_board_library(db: Path) -> None:
    modules = modules_after_export(db, "report")
    assert not [m for m in (*PICTURES, *BOARD_LIBRARIES) if loaded(modules, m)]


def test_html_draws_its_pictures_as_svg_without_a_board_library(db: Path) -> None:
    modules = modules_after_export(db, "report", "--format", "html")
    assert "selfeval_tui.exports.charts" in modules and "selfeval_tui.exports.svg" in modules
    assert not [m for m in ("selfeval_tui.exports.png", *BOARD_LIBRARIES) if loaded(modules, m)]


def test_word_loads_python_docx_and_pillow_but_not_weasyprint_nor_the_chat(db: Path, tmp_path: Path) -> None:
    modules = modules_after_export(db, "report", "--out", str(tmp_path / "paper.docx"))
    assert loaded(modules, "docx") and loaded(modules, "PIL") and "selfeval_tui.exports.png" in modules
    assert not loaded(modules, "weasyprint")
    assert not [m for m in CHAT_ONLY if loaded(modules, m)]


@pytest.mark.slow
def test_pdf_loads_weasyprint_but_not_python_docx(db: Path, tmp_path: Path) -> None:
    modules = modules_after_export(db, "grid", "--out", str(tmp_path / "grid.pdf"))
    assert loaded(modules, "weasyprint") and "selfeval_tui.exports.pdf_export" in modules
    assert not loaded(modules, "docx") and "selfeval_tui.exports.png" not in modules


def test_every_dataclass_an_export_loads_has_a_docstring(db: Path) -> None:
    """Without one, ``dataclasses`` makes ``__doc__`` from ``inspect.signature`` at import, a cost on every command."""
    modules_after_export(db, "report")  # fills the bank cache: a miss loads the bank's reading code too, once
    ours = sorted(m for m in modules_after_export(db, "report") if m.startswith("selfeval_tui."))
    undocumented = [
        f"{name}.{cls.__name__}"
        for name in ours
        for cls in vars(importlib.import_module(name)).values()
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == name
        and (cls.__doc__ or "").startswith(f"{cls.__name__}(")
    ]
    assert undocumented == []
