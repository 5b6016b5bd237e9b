"""The validated bank kept on disk: served while nothing changed, never stale, never an error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from selfeval_tui.bank import BankError, Framework, cache, loader
from selfeval_tui.bank.cache import CACHE_ENV, load_framework_cached
from selfeval_tui.shells.cli import main

OLD_QUESTION = "Are your partnership's details publicised?"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def refuse_toml(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, any read of the TOML fails the test: what loads must come from the cache."""

    def no_toml(root: Path | None = None) -> Framework:
        raise AssertionError("the bank was read from its TOML")

    monkeypatch.setattr("selfeval_tui.bank.loader.load_framework", no_toml)


def test_second_load_comes_from_the_cache_and_equals_the_first(bank: Path, folder: Path, monkeypatch) -> None:
    first = load_framework_cached(bank, folder)
    assert len(list(folder.glob("bank-*.pickle"))) == 1
    refuse_toml(monkeypatch)
    second = load_framework_cached(bank, folder)
    assert second == first
    assert second.hash == first.hash
    assert len(second.elements) == 21


def test_an_edited_bank_is_read_again_not_served_stale(bank: Path, folder: Path) -> None:
    first = load_framework_cached(bank, folder)
    strand = bank / "1-leadership.toml"
    text = strand.read_text()
    assert OLD_QUESTION in text
    strand.write_text(text.replace(OLD_QUESTION, "Are the details of your partnership publicised?", 1))
    second = load_framework_cached(bank, folder)
    assert second.hash != first.hash
    questions = [c.question for lv in second.elements[0].levels for c in lv.criteria]
    assert any(q.startswith("Are the details of your partnership publicised?") for q in questions)
    assert len(list(folder.glob("bank-*.pickle"))) == 1  # replaced, not piled up


def test_an_edit_that_keeps_the_size_is_noticed_too(bank: Path, folder: Path) -> None:
    load_framework_cached(bank, folder)
    strand = bank / "1-leadership.toml"
    text = strand.read_text()
    strand.write_text(text.replace(OLD_QUESTION, OLD_QUESTION.replace("details", "detaisl"), 1))
    assert strand.stat().st_size == len(text.encode())
    questions = [c.question for lv in load_framework_cached(bank, folder).elements[0].levels for c in lv.criteria]
    assert "Are your partnership's detaisl publicised?" in questions


def test_a_corrupt_cache_is_ignored_and_rewritten(bank: Path, folder: Path, monkeypatch) -> None:
    expected = load_framework_cached(bank, folder)
    (cached,) = folder.glob("bank-*.pickle")
    cached.write_bytes(b"not a pickle at all")
    assert load_framework_cached(bank, folder) == expected
    refuse_toml(monkeypatch)
    assert load_framework_cached(bank, folder) == expected


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners")
def test_a_cache_file_someone_else_could_have_written_is_not_unpickled(bank: Path, folder: Path) -> None:
    expected = load_framework_cached(bank, folder)
    (cached,) = folder.glob("bank-*.pickle")
    cached.chmod(0o666)  # as if another user of a shared folder could have replaced it
    reads: list[Path] = []
    real = loader.load_framework

    def counted(root: Path | None = None) -> Framework:
        reads.append(Path(root) if root else Path())
        return real(root)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "load_framework", counted)
        assert load_framework_cached(bank, folder) == expected
    assert len(reads) == 1  # read from the TOML again, and the cache written afresh, for this user only
    assert not cached.stat().st_mode & 0o022


def test_an_unwritable_cache_costs_only_speed(bank: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way of the cache folder")
    framework = load_framework_cached(bank, blocked / "cache")
    assert len(framework.elements) == 21
    assert blocked.read_text() == "in the way of the cache folder"


def test_a_bank_with_errors_is_never_cached(bank: Path, folder: Path) -> None:
    (bank / "glossary.toml").write_text("terms = 'not a list'\n")
    for _ in range(2):
        with pytest.raises(BankError, match="glossary.toml"):
            load_framework_cached(bank, folder)
    assert not list(folder.glob("bank-*.pickle"))


def test_two_banks_keep_one_cache_file_each(bank: Path, bank_dir: Path, folder: Path) -> None:
    load_framework_cached(bank, folder)
    load_framework_cached(bank_dir, folder)
    assert len(list(folder.glob("bank-*.pickle"))) == 2


def test_an_empty_environment_variable_turns_the_cache_off(bank: Path, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache.default_cache_dir() is None
    assert len(load_framework_cached(bank).elements) == 21
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "elsewhere"))
    assert cache.default_cache_dir() == tmp_path / "elsewhere"


def test_questions_check_always_reads_the_toml(bank: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(
        "selfeval_tui.shells.cli.context.load_framework_cached",
        lambda *args, **kwargs: pytest.fail("questions check used the cache"),
    )
    assert main(["questions", "check", "--questions", str(bank)]) == 0
    assert capsys.readouterr().out.startswith("Question bank OK")
