"""SSH public keys as people paste them: well-formed ones kept exactly, anything else one line saying what is wrong."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st
from people_support import ed25519_key

from selfeval_tui.domain.people import check_login, parse_public_key, parse_role


def test_a_pasted_key_keeps_its_type_data_and_comment() -> None:
    line = ed25519_key("ann", "ann@laptop")
    key = parse_public_key(f"  {line}\n")
    assert key.line == line
    assert key.comment == "ann@laptop"
    assert key.fingerprint.startswith("SHA256:") and not key.fingerprint.endswith("=")


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen is not installed")
def test_a_real_key_and_its_fingerprint_match_ssh_keygen(tmp_path: Path) -> None:
    for kind in ("ed25519", "ecdsa", "rsa"):
        private = tmp_path / kind
        subprocess.run(["ssh-keygen", "-q", "-t", kind, "-N", "", "-C", "me@host", "-f", str(private)], check=True)
        key = parse_public_key(private.with_suffix(".pub").read_text())
        shown = subprocess.run(["ssh-keygen", "-l", "-f", str(private.with_suffix(".pub"))], capture_output=True, text=True, check=True)
        assert key.fingerprint in shown.stdout
        assert key.comment == "me@host"


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "the key is empty"),
        (ed25519_key("a") + "\n" + ed25519_key("b"), "a key is one line"),
        ("ssh-ed25519", "has no key data"),
        ("ssh-ed25519 !!!!", "not valid base64"),
        ("ssh-rsa " + ed25519_key("a").split()[1], "is not a ssh-rsa key"),
        ("ssh-ed25519 " + base64.b64encode(b"\x00\x00").decode(), "is not a ssh-ed25519 key"),
        ('restrict,command="sh" ' + ed25519_key("a"), "options before the key are not accepted"),
        ("ssh-dss AAAA", "DSA keys"),
        (ed25519_key("a", "two\x1b[31mred"), "one short line of printable text"),
        ("-----BEGIN OPENSSH PRIVATE KEY-----", "does not look like an SSH public key"),
    ],
)
def test_malformed_keys_are_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        parse_public_key(text)


@given(st.text(max_size=300))
def test_any_text_is_a_key_or_one_line_refusal(text: str) -> None:
    try:
        key = parse_public_key(text)
    except ValueError as exc:
        assert "\n" not in str(exc)
    else:
        assert parse_public_key(key.line) == key


@pytest.mark.parametrize("name", ["ann", "a_b.c-d", "_svc", "x" * 32])
def test_login_style_names(name: str) -> None:
    assert check_login(name) == name


@pytest.mark.parametrize("name", ["", "Ann", "1ann", "ann smith", "x" * 33, "ann;sh", "ann\n", "-ann"])
def test_names_that_are_not_login_style_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="is not a login-style name"):
        check_login(name)


def test_roles_are_read_in_any_case_and_unknown_ones_listed() -> None:
    assert parse_role(" Viewer ").value == "viewer"
    with pytest.raises(ValueError, match="'boss' is not a role: use one of coordinator, partner"):
        parse_role("boss")
