"""A whole workshop: one facilitator and eight voters, each command a separate process acting as its person.

Each process runs the real command line as the gateway would (``workshop_child``
sets ``args.person``). Checked: no voter's output, nor the status anyone can ask
for, shows who voted what before the reveal; the last vote reveals by itself; a
re-vote keeps round 1; the agreed rating and the dissent reach the evaluation
and the minutes; a viewer's vote and a vote from another partnership are refused.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from people_support import OWNER
from workshop_support import VOTERS, north_workshop, workshop_database

from selfeval_tui.bank import Framework
from selfeval_tui.services.open import Services

CHILD = Path(__file__).resolve().parents[1] / "workshop_child.py"
LEVELS = ("established", "established", "developed", "established", "developing", "established", "developed", "established")
REASONS = [f"reason of {voter}" for voter in VOTERS]

pytestmark = pytest.mark.slow


def run(db: Path, person: str, *words: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SELFEVAL_DB": str(db)}
    return subprocess.run(
        [sys.executable, str(CHILD), person, *words], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def ok(db: Path, person: str, *words: str) -> str:
    done = run(db, person, *words)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def refused(db: Path, person: str, *words: str) -> str:
    done = run(db, person, *words)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    return done.stderr


def secret_free(text: str, *, revealed_reasons: bool = False) -> None:
    """Nothing that says what anyone voted: no level words beside a name, no reason."""
    for reason in REASONS:
        assert reason not in text
    for voter in VOTERS:
        for level in ("Established", "Developed", "Developing", "established", "developed", "developing"):
            assert f"{voter}: {level}" not in text and f'"person": "{voter}"' not in text


def test_a_whole_workshop(tmp_path: Path, framework: Framework) -> None:
    db = tmp_path / "workshop.sqlite3"
    with Services.open(db) as services:
        actors = workshop_database(services, framework)
        workshop = north_workshop(services, framework, actors)
    wid = str(workshop.id)

    assert "1.1 is open" in ok(db, "fac", "workshop", "next")
    assert "Voting is open on 1.1 (round 1)" in ok(db, "fac", "workshop", "voting")

    # The viewer watches and is not counted; a partner of South may not vote in North's workshop.
    assert "Watcher may not vote in workshop" in refused(db, "watcher", "workshop", "vote", "1.1", "established", "--workshop", wid)
    assert "no grant for North" in refused(db, "outsider", "workshop", "vote", "1.1", "established", "--workshop", wid)
    assert "Outsider may not see workshop" in refused(db, "outsider", "workshop", "status", "--workshop", wid)

    # Seven of the eight vote at once, each in their own process; head_a changes their vote.
    with ThreadPoolExecutor(max_workers=4) as pool:
        outputs = list(pool.map(
            lambda i: ok(db, VOTERS[i], "workshop", "vote", "1.1", LEVELS[i], "--reason", REASONS[i]), range(7)
        ))  # fmt: skip
    outputs.append(ok(db, "head_a", "workshop", "vote", "1.1", "developed", "--reason", REASONS[0]))
    for out in outputs:
        assert "is recorded" in out and "revealed" not in out
        secret_free(out)
    for who in ("fac", "head_b", "watcher"):
        status = json.loads(ok(db, who, "workshop", "status", "--json"))
        current = status["current"]
        assert (current["voted"], current["eligible"], current["revealed"]) == (7, 8, False)
        assert current["votes"] == [] and current["distribution"] == {}
        secret_free(json.dumps(status))
        text = ok(db, who, "workshop", "status")
        secret_free(text)
        assert ("Your vote: Established" in text) == (who == "head_b")  # each voter sees their own, and only theirs
    with Services.open(db) as services:
        changes = services.changes_since(OWNER, 0)
        assert not (changes.people & set(VOTERS)), "the change log names a voter before the reveal"

    # The eighth vote reveals.
    last = ok(db, VOTERS[7], "workshop", "vote", "1.1", LEVELS[7], "--reason", REASONS[7])
    assert "the votes are revealed" in last
    status = json.loads(ok(db, "watcher", "workshop", "status", "--json"))["current"]
    assert status["revealed"] and len(status["votes"]) == 8
    assert status["distribution"] == {"developing": 1, "developed": 3, "established": 4}
    assert status["spread"] == 2 and status["discuss"]
    assert "revealed" in refused(db, "head_b", "workshop", "vote", "1.1", "enhancing")

    # A re-vote: round 2, nothing shown of it, round 1 kept; a show of hands for two people without a device.
    assert "Round 2" in ok(db, "fac", "workshop", "revote")
    assert json.loads(ok(db, "head_c", "workshop", "status", "--json"))["current"]["votes"] == []
    assert "round 2" in ok(db, "fac", "workshop", "tally", "Established 2")
    for voter in VOTERS[:4]:
        ok(db, voter, "workshop", "vote", "1.1", "established")
    ok(db, "fac", "workshop", "reveal")
    round_two = json.loads(ok(db, "fac", "workshop", "status", "--json"))["current"]
    assert (round_two["round"], round_two["distribution"], round_two["hands"]) == (2, {"established": 6}, 2)

    # The agreement, with dissent, reaches the evaluation and the minutes.
    ok(db, "fac", "workshop", "agree", "1.1", "established", "--reason", "data and visits agree",
       "--dissent", "head_e: the attendance data is a term old")  # fmt: skip
    with Services.open(db) as services:
        evaluation = services.find(OWNER, "North", "2026/27").evaluation
        assert evaluation is not None
        judgement = services.judgements(OWNER, evaluation.id)["1.1"]
    assert judgement.level == 3 and judgement.agreed_by == "fac"
    assert '"Autumn moderation" on 2026-11-30' in judgement.reason
    minutes = json.loads(ok(db, "fac", "export", "workshop", "--workshop", wid, "--format", "json"))["workshops"][0]
    item = minutes["items"][0]
    assert [r["round"] for r in item["rounds"]] == [1, 2]
    assert item["rounds"][0]["distribution"] == {"developing": 1, "developed": 3, "established": 4}
    assert {v["reason"] for v in item["rounds"][0]["votes"]} == set(REASONS)
    assert item["agreed"]["dissent"] == [{"person": "head_e", "why": "the attendance data is a term old"}]
    report = ok(db, "coord_h", "export", "report", "--partnership", "North")
    assert "agreed 1.1 Established (1 dissenting)" in report
