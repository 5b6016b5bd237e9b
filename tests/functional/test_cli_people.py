"""``selfeval people`` and ``selfeval partnership set-la``: each action, and bad input as one line, exit 2, nothing changed."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from people_support import OWNER, acting_as, ed25519_key

from selfeval_tui.bank import Framework
from selfeval_tui.domain.people import ROLE_HELP, Role
from selfeval_tui.services.open import Services
from selfeval_tui.shells.cli import main

HOSTILE = "[@click=app.quit]x[/] \x1b]0;owned\x07 [link=file:///etc/passwd]y[/link]"


@pytest.fixture
def db(tmp_path: Path, framework: Framework) -> Iterator[Path]:
    """Two partnerships in two local authorities, and one person (ann) with one key."""
    path = tmp_path / "people.sqlite3"
    with Services.open(path) as services:
        services.create(OWNER, framework, "North", "2026/27", local_authority="Northshire")
        services.create(OWNER, framework, "West", "2026/27", local_authority="Westshire")
        services.add_person(OWNER, "ann", "Ann Smith", [ed25519_key("ann", "ann@laptop")])
    yield path


def run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["people", *argv, "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


def rows(db: Path) -> tuple[list[tuple[object, ...]], ...]:
    with closing(sqlite3.connect(db)) as conn:
        return tuple(
            conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in (
                "people",
                "person_keys",
                "grants",
                "people_history",
                "partnerships",
                "local_authorities",
            )
        )


def listed(capsys: pytest.CaptureFixture[str], db: Path) -> list[dict[str, object]]:
    code, out, _ = run(capsys, db, "list", "--json")
    assert code == 0
    people: list[dict[str, object]] = json.loads(out)["people"]
    return people


def test_add_grant_list_revoke_disable_round_trip(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    keys = tmp_path / "bob.pub"
    keys.write_text(f"# bob's keys\n\n{ed25519_key('bob1', 'bob@work')}\n  {ed25519_key('bob2')}\n")
    assert run(capsys, db, "add", "bob", "--name", "Bob Jones", "--key-file", str(keys))[:2] == (
        0,
        "Added bob (Bob Jones) with 2 keys\n",
    )
    assert run(capsys, db, "grant", "bob", "viewer", "--partnership", "north")[0] == 0
    assert run(capsys, db, "grant", "bob", "la-officer", "--la", "Westshire")[0] == 0
    assert run(capsys, db, "grant", "ann", "admin")[0] == 0
    people = {p["name"]: p for p in listed(capsys, db)}
    bob = people["bob"]
    assert bob["display_name"] == "Bob Jones" and bob["active"] is True
    assert [k["comment"] for k in bob["keys"]] == ["bob@work", ""]  # type: ignore[union-attr]
    assert all(str(k["fingerprint"]).startswith("SHA256:") and k["type"] == "ssh-ed25519" for k in bob["keys"])  # type: ignore[union-attr]
    assert bob["grants"] == [
        {"role": "viewer", "partnership": "North", "local_authority": None},
        {"role": "la-officer", "partnership": None, "local_authority": "Westshire"},
    ]
    assert people["ann"]["grants"] == [{"role": "admin", "partnership": None, "local_authority": None}]

    assert run(capsys, db, "revoke", "bob", "viewer", "--partnership", "North")[0] == 0
    assert run(capsys, db, "disable", "bob")[0] == 0
    bob = {p["name"]: p for p in listed(capsys, db)}["bob"]
    assert bob["active"] is False and len(bob["grants"]) == 1  # type: ignore[arg-type]
    code, out, _ = run(capsys, db, "list")
    assert (
        code == 0 and "bob  Bob Jones  (disabled)" in out and "grant  la-officer over local authority Westshire" in out
    )
    assert run(capsys, db, "enable", "bob")[0] == 0
    assert {p["name"]: p for p in listed(capsys, db)}["bob"]["active"] is True


def test_keys_are_added_and_removed_by_line_or_fingerprint(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    assert run(capsys, db, "key", "add", "ann", "--key", ed25519_key("ann2", "phone"))[0] == 0
    keys = {p["name"]: p for p in listed(capsys, db)}["ann"]["keys"]
    assert len(keys) == 2  # type: ignore[arg-type]
    fingerprint = str(keys[1]["fingerprint"])  # type: ignore[index]
    assert run(capsys, db, "key", "remove", "ann", fingerprint)[0] == 0
    assert run(capsys, db, "key", "remove", "ann", ed25519_key("ann", "another comment"))[0] == 0
    assert {p["name"]: p for p in listed(capsys, db)}["ann"]["keys"] == []


def test_roles_prints_every_role_without_a_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, tmp_path / "absent.sqlite3", "roles")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [role.value for role in Role]
    assert ROLE_HELP[Role.VIEWER] in out


BAD = [
    (("grant", "ann", "boss", "--partnership", "North"), "'boss' is not a role"),
    (
        ("grant", "ann", "viewer", "--partnership", "Nowhere"),
        "no partnership called 'Nowhere'",
    ),
    (
        ("grant", "ann", "viewer", "--la", "Eastshire"),
        "no local authority called 'Eastshire'",
    ),
    (("grant", "ann", "viewer"), "needs one of --partnership P or --la LA"),
    (
        ("grant", "ann", "admin", "--la", "Westshire"),
        "admin is over the whole database",
    ),
    (("grant", "zed", "viewer", "--partnership", "North"), "no person called 'zed'"),
    (("revoke", "ann", "viewer", "--partnership", "North"), "ann has no such grant"),
    (("add", "Bob Jones", "--name", "Bob"), "is not a login-style name"),
    (("add", "ann", "--name", "Ann again"), "already a person called 'ann'"),
    (
        ("add", "bob", "--name", "Bob", "--key", "ssh-ed25519 AAAA"),
        "not valid base64|is not a ssh-ed25519 key",
    ),
    (
        (
            "add",
            "bob",
            "--name",
            "Bob",
            "--key",
            ed25519_key("b"),
            "--key",
            "ssh-rsa nonsense",
        ),
        "is not a ssh-rsa key",
    ),
    (
        ("add", "bob", "--name", "Bob", "--key", ed25519_key("ann", "stolen")),
        "already belongs to ann",
    ),
    (("add", "bob", "--name", "Bob\x1b[2J"), "control characters"),
    (
        ("key", "add", "ann", "--key", ed25519_key("ann")),
        "already belongs to this person",
    ),
    (("key", "add", "zed", "--key", ed25519_key("z")), "no person called 'zed'"),
    (("key", "remove", "ann", "SHA256:nothing"), "no key with fingerprint"),
    (("disable", "zed"), "no person called 'zed'"),
    (("list", "--yaml"), "unrecognized arguments"),
]


@pytest.mark.parametrize("argv,message", BAD, ids=[" ".join(argv)[:40] for argv, _ in BAD])
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], db: Path, argv: tuple[str, ...], message: str
) -> None:
    before = rows(db)
    code, out, err = run(capsys, db, *argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert re.search(message, err), err
    assert rows(db) == before


def test_a_key_file_that_is_not_a_file_of_keys_is_one_line(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "keys.fifo"
    os.mkfifo(fifo)
    empty = tmp_path / "empty.pub"
    empty.write_text("# nothing\n\n")
    bad = tmp_path / "bad.pub"
    bad.write_text(f"{ed25519_key('c1')}\nssh-ed25519 AAAAC3\n")
    before = rows(db)
    for path, message in ((fifo, "a FIFO|not a regular file|named pipe"), (empty, "holds no public key"),
                          (tmp_path / "missing.pub", "cannot read"), (bad, "not valid base64|is not a ssh-ed25519 key")):  # fmt: skip
        code, out, err = run(capsys, db, "key", "add", "ann", "--key-file", str(path))
        assert (code, out, err.count("\n")) == (2, "", 1), err
        assert re.search(message, err, re.IGNORECASE), err
    assert rows(db) == before


def test_a_person_who_is_not_an_admin_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the gateway (``args.person``) ann may not manage people: the refusal says who, what and why."""
    acting_as(monkeypatch, "ann")
    before = rows(db)
    code, out, err = run(capsys, db, "add", "eve", "--name", "Eve")
    assert (code, out) == (2, "")
    assert err == "selfeval: Ann Smith may not add eve: that needs an admin grant\n"
    assert rows(db) == before


def test_hostile_names_are_listed_inert(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    """A display name stored by another way in (the services take any text) prints without escapes or markup obeyed."""
    with Services.open(db) as services:
        services.add_person(OWNER, "mal", HOSTILE, [])
    code, out, _ = run(capsys, db, "list")
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert "mal  [@click=app.quit]x[/] ␛]0;owned␇ [link=file:///etc/passwd]y[/link]" in out
    assert {p["name"]: p for p in listed(capsys, db)}["mal"]["display_name"] == HOSTILE  # JSON: exactly as stored


def test_partnership_set_la(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    assert main(["partnership", "set-la", "West", "Northshire", "--db", str(db)]) == 0
    assert capsys.readouterr().out == "West is now in Northshire\n"
    before = rows(db)
    assert main(["partnership", "set-la", "East", "Northshire", "--db", str(db)]) == 2
    assert capsys.readouterr().err == "selfeval: there is no partnership called 'East'\n"
    assert rows(db) == before
