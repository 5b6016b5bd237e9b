"""Reading and writing the files a user names, without ever tearing, hanging or following a link.

Two mechanisms shared by every shell. ``write_atomically`` is how an export
reaches disk (``selfeval export --out`` and the TUI's export screen): the text
goes to a temporary file beside the target, is flushed to disk and only then
renamed over it, so a full disk or a crash leaves the old file whole, never half
a board paper. ``open_regular_file`` is how the store and the bank loader open
a file they did not create: a FIFO would block a plain ``open`` forever and a
device such as ``/dev/zero`` never ends, so the file is opened without blocking
and refused unless it is a regular file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO


class NotAFileError(ValueError):
    """A path the user gave names a folder, a link, a pipe or a device where a regular file is needed."""

    def __init__(self, path: Path, what: str) -> None:
        self.path = path
        self.what = what
        super().__init__(f"{path} is {what}, not a regular file")


def describe(mode: int) -> str:
    """The kind of a non-regular file in plain words, for the one-line refusal."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


def open_regular_file(path: Path) -> BinaryIO:
    """``path`` opened for reading, or NotAFileError when it is anything but a regular file.

    ``O_NONBLOCK`` makes opening a FIFO return at once instead of waiting for a
    writer; the type is then checked on the open descriptor itself, so the file
    cannot be swapped between the check and the read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFileError(path, describe(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def check_destination(path: Path) -> None:
    """Refuse to write over anything but a regular file (or nothing): never through a link, into a folder or at a device."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise NotAFileError(path, describe(mode))


def write_atomically(path: Path, text: str | bytes, *, mode: int | None = None) -> None:
    """Write ``text`` (UTF-8, newlines as given; bytes as they are) to ``path``: readers see the old file or the whole new one.

    The destination is checked first (:func:`check_destination`); a symbolic
    link is refused rather than followed, as renaming over it would replace the
    link and writing through it would change a file the user did not name. The
    new file keeps the old one's permissions, or gets the usual ones for a new
    file, unless ``mode`` is given (``authorized_keys`` must be 0600 whatever it
    was). On any failure the temporary file is removed and the old file is left
    exactly as it was; the OSError is raised for the caller to report.
    """
    import tempfile  # here: opening the store and the bank, which share this module, never need it

    check_destination(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        data = text.encode() if isinstance(text, str) else text
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(out.fileno(), _mode_for(path) if mode is None else mode)
            os.fsync(out.fileno())
        check_destination(path)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The existing file's permissions, else what a plain ``open`` would give under the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without changing it where Linux allows (``os.umask`` sets it while reading)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current
