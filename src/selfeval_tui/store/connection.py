"""Opening a database file safely, and turning SQLite's failures into StoreErrors.

Two promises shape this module. A file the store refuses is left exactly as it
was: every check runs before anything could write (the connection is
``query_only`` until the checks pass). And a write either commits completely or
leaves nothing behind, with each failure reported as one line that names the file.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from selfeval_tui.files import NotAFileError, open_regular_file
from selfeval_tui.store.errors import (
    StoreError,
    StoreFullError,
    StoreReadOnlyError,
)
from selfeval_tui.store.versions import (
    KNOWN_MIGRATIONS,
    MIGRATION_SET,
    MIGRATIONS_TABLE,
)

BUSY_TIMEOUT_MS = 5000
"""How long a writer waits for another process's write to finish before giving up.

Transactions here are one answer long (well under a millisecond of work), so five
seconds only runs out when something is badly stuck, never under normal sharing.
"""

_SQLITE_HEADER = b"SQLite format 3\x00"


def _primary_code(exc: sqlite3.Error) -> int:
    """SQLITE_FULL rather than an extended code; 0 for errors raised by Python's sqlite3 itself."""
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF


def fault(exc: sqlite3.Error, path: Path) -> StoreError:
    """The StoreError a user should see for a SQLite failure on ``path``."""
    primary = _primary_code(exc)
    if primary == sqlite3.SQLITE_FULL:
        return StoreFullError(
            "the disk (or the database) is full, so the last change was NOT saved; "
            "everything saved before it is intact",
            path=path,
        )
    if primary == sqlite3.SQLITE_READONLY:
        return StoreReadOnlyError(
            "the database is read-only (no write permission on the file or its folder), "
            "so nothing can be saved",
            path=path,
        )
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreError(
            f"the database stayed locked by another selfeval for over {BUSY_TIMEOUT_MS // 1000} s, "
            "so nothing was saved; try again",
            path=path,
        )
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return StoreError(f"the database is damaged ({exc}); restore it from a backup", path=path)
    if primary == sqlite3.SQLITE_IOERR:
        return StoreError(f"the file could not be read or written ({exc})", path=path)
    if primary == sqlite3.SQLITE_CANTOPEN:
        return StoreError(f"the database could not be opened ({exc})", path=path)
    if isinstance(exc, sqlite3.ProgrammingError):
        return StoreError(f"the store cannot be used ({exc})", path=path)
    return StoreError(f"SQLite refused the operation ({exc})", path=path)


def _rollback(conn: sqlite3.Connection) -> None:
    # Some failures (SQLITE_FULL among them) have already rolled the transaction
    # back inside SQLite; a second ROLLBACK would then raise and hide the cause.
    if conn.in_transaction:
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


@contextmanager
def write_transaction(conn: sqlite3.Connection, path: Path) -> Iterator[None]:
    """Run the block as one transaction that is committed before this returns.

    BEGIN IMMEDIATE takes the write lock up front, waiting up to the busy
    timeout for it. A plain (deferred) BEGIN would start as a reader and try to
    upgrade to a writer at its first write; if another process committed in
    between, SQLite cannot upgrade that stale snapshot and fails at once with
    "database is locked" (SQLITE_BUSY) without honouring the busy timeout. Every
    write here reads first (versions, old values), so it must hold the lock
    before it reads.

    The connection runs with ``isolation_level=None`` so Python's sqlite3 never
    opens or commits transactions behind our back: this BEGIN, COMMIT and
    ROLLBACK are the only ones.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise fault(exc, path) from exc
    try:
        yield
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _rollback(conn)
        raise fault(exc, path) from exc
    except BaseException:
        _rollback(conn)
        raise


def _check_file(path: Path) -> None:
    """Refuse anything that is not a SQLite file (or an empty one) before SQLite touches it.

    The type is checked before a byte is read: reading the header of a FIFO
    would wait forever for a writer, and a device such as /dev/zero never ends.
    """
    try:
        with open_regular_file(path) as file:
            header = file.read(len(_SQLITE_HEADER))
    except NotAFileError as exc:
        raise StoreError(f"this is {exc.what}, not a database file", path=path) from None
    except OSError as exc:
        raise StoreError(f"the file cannot be read ({exc.strerror or exc})", path=path) from exc
    # SQLite treats a zero-byte file as an empty database, so one may be set up.
    if header and header != _SQLITE_HEADER:
        raise StoreError("this is not a SQLite database, so selfeval will not touch it", path=path)


def _exists(path: Path) -> bool:
    """Whether there is something at ``path``; a loop of links or a file used as a folder is refused here.

    ``Path.exists`` answers False for those, and the store would then try to
    create the file and fail with a traceback.
    """
    try:
        os.stat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StoreError(f"the path cannot be used ({exc.strerror or exc})", path=path) from exc
    return True


def _prepare_new_file(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"cannot create the folder {path.parent} ({exc.strerror or exc})", path=path
        ) from exc
    if not os.access(path.parent, os.W_OK):
        raise StoreError(f"cannot create the database: the folder {path.parent} is read-only", path=path)


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise fault(exc, path) from exc
    conn.row_factory = sqlite3.Row
    return conn


def _applied(conn: sqlite3.Connection) -> list[str]:
    """Migrations recorded in the file, read with plain SQL so an up-to-date file needs no sqlite-utils."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)).fetchone():
        return []
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", (MIGRATION_SET,)
    )
    return [row[0] for row in rows]


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return {row[0] for row in rows} - {MIGRATIONS_TABLE}


def _apply_migrations(conn: sqlite3.Connection) -> None:
    """Imported here: only a new or older file pays for loading sqlite-utils."""
    from sqlite_utils import Database

    from selfeval_tui.store.schema import MIGRATIONS

    MIGRATIONS.apply(Database(conn, execute_plugins=False))


def _check_integrity(conn: sqlite3.Connection, path: Path, pragma: str) -> None:
    """Run ``PRAGMA quick_check`` or ``integrity_check`` and refuse the file on the first problem."""
    problems: list[str] = []
    try:
        for row in conn.execute(f"PRAGMA {pragma}"):
            problems.append(row[0])
    except sqlite3.DatabaseError as exc:
        # Depending on where the damage is, the check reports it as a row or
        # stops with an error part-way; either way the first problem is the news.
        if _primary_code(exc) not in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            raise
        problems.append(str(exc))
    if problems != ["ok"]:
        raise StoreError(
            f"the database is damaged (PRAGMA {pragma}: {problems[0]}); restore it from a backup",
            path=path,
        )


def _validate(conn: sqlite3.Connection, applied: list[str], path: Path, *, integrity: str | None) -> None:
    """Damage, a newer schema or somebody else's database: refuse before writing anything.

    ``integrity`` names the PRAGMA that reads the whole file, or None to skip it:
    it costs time in proportion to the file (0.6 s on a 125 MB one), so it runs
    only where damage is likely or a write is about to build on it (see ``open_database``).
    """
    if integrity is not None:
        _check_integrity(conn, path, integrity)
    unknown = [name for name in applied if name not in KNOWN_MIGRATIONS]
    if unknown:
        raise StoreError(
            "the schema is newer than this version of selfeval knows "
            f"(migration {unknown[-1]!r}); upgrade selfeval to open it",
            path=path,
        )
    if _tables(conn) and not applied:
        raise StoreError(
            "this SQLite database was not made by selfeval, so selfeval will not change it",
            path=path,
        )


def _switch_to_wal(conn: sqlite3.Connection) -> str:
    """Set WAL mode, waiting for other processes as the busy timeout would.

    Turning a file to WAL needs an exclusive lock, and SQLite answers "database
    is locked" at once, without calling the busy handler, when another process
    holds any lock on it; in practice, when several people open a new file
    together and another of them is still creating its tables. A file that is
    already in WAL mode returns at the first try.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if _primary_code(exc) != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _configure_for_writing(conn: sqlite3.Connection, path: Path) -> None:
    conn.execute("PRAGMA query_only = OFF")
    # WAL lets readers carry on while one process writes, and a commit is one
    # append to the -wal file. synchronous=FULL fsyncs that file at every commit,
    # so an answer reported saved survives a power cut, not only a killed process.
    mode = _switch_to_wal(conn)
    if mode != "wal":
        raise StoreError(
            f"SQLite could not use WAL mode here (it stayed in {mode!r} mode); "
            "keep the database on a local disk",
            path=path,
        )
    conn.execute("PRAGMA synchronous = FULL")


_PROC_LOCKS = Path("/proc/locks")


def _wal_has_content(path: Path) -> bool:
    try:
        return os.stat(f"{path}-wal").st_size > 0
    except OSError:
        return False


def _in_use(path: Path) -> bool | None:
    """Whether any process has ``path`` open in SQLite right now; None where that cannot be seen.

    Every SQLite connection to a WAL database holds a shared lock on the file and
    on the dead-man's-switch byte of its -shm for as long as it is open, and the
    kernel drops them when the process ends however it ends. Linux lists every
    lock by device and inode in /proc/locks, which is read here rather than
    probing the files: opening and closing one of them in this process would
    release SQLite's own locks on it (POSIX locks belong to the process, and any
    close drops them).
    """
    wanted = set()
    for name in (path, Path(f"{path}-shm")):
        try:
            found = os.stat(name)
        except OSError:
            continue
        wanted.add(f"{os.major(found.st_dev):02x}:{os.minor(found.st_dev):02x}:{found.st_ino}")
    try:
        listing = _PROC_LOCKS.read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return any(field in wanted for line in listing.splitlines() for field in line.split())


def left_unclean(path: Path) -> bool:
    """Whether the last program to use ``path`` stopped without closing it (killed, crashed, power cut).

    The signal is SQLite's own: the last connection to close a WAL database
    checkpoints the -wal file into the database and deletes it, so a -wal file
    with content that no open connection is using was left by one that never
    closed. SQLite replays it on the next open, as it should; this only decides
    whether that open also reads the whole file for damage. Where open
    connections cannot be seen (no /proc/locks), any -wal file with content
    counts: a needless check costs time, a missed one could let damage spread.
    """
    real = path.resolve()
    return _wal_has_content(real) and _in_use(real) is not True


_HELD: dict[tuple[int, int], int] = {}
"""How many of this process's stores have each database file (device, inode) open.

POSIX gives a process one set of locks per file, and closing ANY descriptor of
the file drops them all: SQLite knows this for its own descriptors, but not for
ours. Reading the header of a file another store of this process holds would
silently drop that store's locks, after which another process's last close can
delete the -wal file under it and commits are lost. So a file held here is
neither read by hand nor checked again: it passed those checks when first opened.
"""


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


_HELD_LOCK = threading.Lock()


def hold(path: Path) -> tuple[int, int] | None:
    """Count one more open store of ``path`` in this process; the key to give :func:`release` on close."""
    key = _identity(path)
    if key is not None:
        with _HELD_LOCK:
            _HELD[key] = _HELD.get(key, 0) + 1
    return key


def release(key: tuple[int, int] | None) -> None:
    with _HELD_LOCK:
        if key is not None and key in _HELD:
            _HELD[key] -= 1
            if not _HELD[key]:
                del _HELD[key]


def _held_here(path: Path) -> bool:
    key = _identity(path)
    return key is not None and key in _HELD


def _existing_file_mode(path: Path) -> str:
    """``ro`` or ``rw`` for a file that passed ``_check_file``: read-only rather than refused."""
    if not _held_here(path):
        _check_file(path)
    readonly = not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
    return "ro" if readonly else "rw"


def _query_only(conn: sqlite3.Connection) -> None:
    """Nothing can be written until the checks pass (``_configure_for_writing`` lifts it)."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA query_only = ON")
    conn.execute("PRAGMA foreign_keys = ON")


def _check_on_own_connection(path: Path, mode: str, pragma: str) -> None:
    """Check ``path`` on a connection of its own, closed before anything is written.

    After an unclean shutdown the connection is read-only (``mode`` "ro"): the
    last connection to close folds the -wal file into the database, even one
    that is ``query_only``, and a read-only one cannot. So a file refused here
    is left exactly as it was, its -wal included, for whoever restores it.
    """
    conn = _connect(path, mode)
    try:
        _query_only(conn)
        _validate(conn, _applied(conn), path, integrity=pragma)
    except sqlite3.Error as exc:
        raise fault(exc, path) from exc
    finally:
        conn.close()


def check_database(path: Path) -> None:
    """Read every page of ``path`` (``PRAGMA integrity_check``) and run an open's other checks.

    Raises the one-line StoreError an open would, naming what is wrong. Nothing
    is migrated or set up, and the connection stays ``query_only``, so checking
    a file never changes it.
    """
    if not _exists(path):
        raise StoreError("there is no database here", path=path)
    mode = _existing_file_mode(path)
    _check_on_own_connection(path, "ro" if left_unclean(path) else mode, "integrity_check")


def open_database(path: Path, *, create: bool) -> tuple[sqlite3.Connection, bool]:
    """A checked, configured, migrated connection to ``path`` and whether it is read-only.

    A file or folder this user cannot write is opened read-only rather than
    refused, so someone can still look at a shared evaluation they may not edit.
    """
    unclean = False
    if _exists(path):
        mode = _existing_file_mode(path)
        readonly = mode == "ro"
        # Decided before any connection of ours takes locks on the file (one already open here: clean).
        unclean = not _held_here(path) and left_unclean(path)
        if unclean:
            _check_on_own_connection(path, "ro", "quick_check")
    elif create:
        _prepare_new_file(path)
        readonly, mode = False, "rwc"
    else:
        raise StoreError("there is no database here", path=path)

    conn = _connect(path, mode)
    try:
        _query_only(conn)
        applied = _applied(conn)
        pending = [name for name in KNOWN_MIGRATIONS if name not in applied]
        # The whole file is read only before a migration builds on it or after
        # its last user stopped without closing it (checked above); an ordinary open skips it.
        _validate(conn, applied, path, integrity="quick_check" if pending and not unclean else None)
        if readonly:
            if pending:
                raise StoreError(
                    "the database needs setting up or upgrading, but it is read-only for you",
                    path=path,
                )
        else:
            _configure_for_writing(conn, path)
            if pending:
                with write_transaction(conn, path):
                    _apply_migrations(conn)
    except sqlite3.Error as exc:
        conn.close()
        folder_readonly = not os.access(path.parent, os.W_OK)
        if folder_readonly and _primary_code(exc) in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN):
            raise StoreError(
                "cannot open it read-only: its folder is read-only too, and SQLite needs to "
                f"create {path.name}-wal and {path.name}-shm beside it to read a shared database",
                path=path,
            ) from exc
        raise fault(exc, path) from exc
    except BaseException:
        conn.close()
        raise
    return conn, readonly
