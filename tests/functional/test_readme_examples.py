"""Every ``selfeval export`` example in the README runs as written (against the sample database)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from export_support import sample_db

from selfeval_tui.shells.cli import main

__all__ = ["sample_db"]

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_commands(prefix: str) -> list[list[str]]:
    """The README's shell lines starting with ``prefix``, without the comment and any ``> FILE`` redirection."""
    commands = []
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith(prefix):
            words = shlex.split(line, comments=True)
            commands.append(words[1 : words.index(">")] if ">" in words else words[1:])
    return commands


EXPORTS = readme_commands("selfeval export ")


def test_the_readme_has_export_examples() -> None:
    assert len(EXPORTS) >= 4 and any("--year" not in words for words in EXPORTS)


@pytest.mark.parametrize("words", EXPORTS, ids=" ".join)
def test_a_readme_export_example_runs_as_written(
    words: list[str], sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # where an example's --out FILE goes
    assert main([*words, "--db", str(sample_db)]) == 0, capsys.readouterr().err
    out, err = capsys.readouterr()
    assert out and err in ("", "selfeval: exporting North Leeds 2026/27, its latest evaluation (--year picks another)\n")
