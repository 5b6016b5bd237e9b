"""``export --out`` and the TUI's export screen write atomically and never through a link, folder or device.

The full disk is simulated by a file object that writes part of the text and
then fails with ENOSPC, as a real full disk does part-way through a report.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import IO, Any

import pytest
from export_support import PARTNERSHIP, YEAR, sample_db
from textual.widgets import Input, Static
from tui_support import make_app, press, settle, until

from selfeval_tui import files
from selfeval_tui.bank import Framework
from selfeval_tui.files import NotAFileError, write_atomically
from selfeval_tui.shells.cli import main
from selfeval_tui.shells.tui.screens.chat import ChatScreen
from selfeval_tui.shells.tui.screens.export import ExportScreen
from selfeval_tui.store import Evaluation, Store

__all__ = ["sample_db"]
pytest_plugins = ("tui_support",)  # the tui_store and riverside fixtures

OLD = "# The good report of last week\n" * 100


def export(capsys: pytest.CaptureFixture[str], db: Path, out: Path) -> tuple[int, str, str]:
    code = main(["export", "--db", str(db), "--partnership", PARTNERSHIP, "--year", YEAR, "report", "--out", str(out)])
    printed, err = capsys.readouterr()
    return code, printed, err


class _FillsUp:
    """A text file on a disk that fills after ``room`` characters."""

    def __init__(self, real: IO[str], room: int) -> None:
        self.real, self.room = real, room

    def write(self, text: str) -> int:
        self.real.write(text[: self.room])
        self.real.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __enter__(self) -> _FillsUp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def fill_disk(monkeypatch: pytest.MonkeyPatch, room: int = 28_672) -> None:
    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> _FillsUp:
        return _FillsUp(real_fdopen(fd, *args, **kwargs), room)

    monkeypatch.setattr(files.os, "fdopen", fdopen)


def test_a_full_disk_leaves_the_old_report_whole(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sample_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "paper.md"
    target.write_text(OLD, encoding="utf-8")
    fill_disk(monkeypatch)
    code, printed, err = export(capsys, sample_db, target)
    assert code == 2 and printed == ""
    assert err == f"selfeval: cannot write {target} (No space left on device); any file already there is unchanged\n"
    assert target.read_text(encoding="utf-8") == OLD
    assert list(tmp_path.iterdir()) == [target]  # the torn temporary file is gone


def test_a_full_disk_on_a_new_file_leaves_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sample_db: Path, tmp_path: Path
) -> None:
    fill_disk(monkeypatch, room=10)
    assert export(capsys, sample_db, tmp_path / "paper.md")[0] == 2
    assert list(tmp_path.iterdir()) == []


def test_a_symlink_is_refused_and_its_target_untouched(
    capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path
) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("not a report", encoding="utf-8")
    link = tmp_path / "paper.md"
    link.symlink_to(precious)
    code, printed, err = export(capsys, sample_db, link)
    assert code == 2 and printed == ""
    assert err == (
        f"selfeval: {link} is a symbolic link, not a regular file, so it was left as it is; "
        "give the name of a file to write\n"
    )
    assert precious.read_text(encoding="utf-8") == "not a report"
    assert link.is_symlink() and os.readlink(link) == str(precious)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.md", "precious.txt"]


def test_a_dangling_symlink_is_refused_and_nothing_is_created(
    capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path
) -> None:
    link = tmp_path / "paper.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    assert export(capsys, sample_db, link)[0] == 2
    assert not (tmp_path / "elsewhere.md").exists() and link.is_symlink()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_or_device_is_refused_without_blocking(
    capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = export(capsys, sample_db, fifo)
    assert code == 2 and "is a named pipe (FIFO), not a regular file" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    code, _, err = export(capsys, sample_db, Path("/dev/null"))
    assert code == 2 and err.startswith("selfeval: /dev/null is a device, not a regular file")


def test_the_old_file_is_replaced_whole_keeping_its_permissions(
    capsys: pytest.CaptureFixture[str], sample_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "paper.md"
    target.write_text(OLD, encoding="utf-8")
    target.chmod(0o640)
    assert export(capsys, sample_db, target)[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# ") and OLD not in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert list(tmp_path.iterdir()) == [target]


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomically(tmp_path / "new.md", "text\r\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640  # not mkstemp's private 0600
    assert (tmp_path / "new.md").read_bytes() == b"text\r\n"


def test_the_writer_refuses_a_folder_by_name(tmp_path: Path) -> None:
    with pytest.raises(NotAFileError) as refused:
        write_atomically(tmp_path, "text")
    assert refused.value.what == "a folder"


async def test_the_tui_export_screen_refuses_a_symlink_and_keeps_its_target(
    tui_store: Store, framework: Framework, riverside: Evaluation, tmp_path: Path
) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("not a report", encoding="utf-8")
    link = tmp_path / "paper.md"
    link.symlink_to(precious)
    app = make_app(tui_store, framework, riverside)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ChatScreen))
        await press(pilot, "f6")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-file", Input).value = str(link)
        app.screen.query_one("#export-file", Input).focus()
        await press(pilot, "enter")
        await settle(pilot)
        message = str(app.screen.query_one("#export-message", Static).render())
        assert message.startswith(f"Not written: {link} is a symbolic link, not a regular file.")
    assert precious.read_text(encoding="utf-8") == "not a report" and link.is_symlink()
