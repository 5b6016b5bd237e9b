"""The step and command registries: every kind of question has a handler, every command help and a docs row."""

from __future__ import annotations

import re
from pathlib import Path

from selfeval_tui.bank import Framework
from selfeval_tui.conversation import Mode, Session
from selfeval_tui.conversation.commands import BY_NAME, COMMANDS, HELP_TEXT, docs_table
from selfeval_tui.conversation.steps import (
    HANDLERS,
    Snapshot,
    StepHandler,
    evaluation_flow,
    outcome_steps,
)

ROOT = Path(__file__).resolve().parents[2]


def every_step_kind(framework: Framework) -> set[str]:
    """The kinds of every question the flow can ask: all sections, every level, every period, an element's plan."""
    snapshot = Snapshot({}, {})
    flow = evaluation_flow(framework, snapshot, Mode.THOROUGH, sections=True, termly="term1", planning="1.1")
    return {step.kind for step in flow} | {step.kind for step in outcome_steps(framework, snapshot, None, every_period=True)}


def test_every_kind_of_step_has_its_handler(framework: Framework) -> None:
    kinds = every_step_kind(framework)
    assert kinds == set(HANDLERS)
    for kind, handler in HANDLERS.items():
        assert isinstance(handler, StepHandler)
        assert handler.kind == kind


def test_every_handler_says_how_to_reply_to_its_questions(framework: Framework) -> None:
    flow = evaluation_flow(framework, Snapshot({}, {}), Mode.THOROUGH, sections=True, planning="1.1")
    for kind in HANDLERS:
        step = next(step for step in flow if step.kind == kind)
        assert step.handler.hints(step), kind
        assert step.tag, kind


def test_no_module_outside_the_handlers_asks_what_kind_a_step_is() -> None:
    """Kind-specific rules live in the step handlers (conversation/steps/), not in checks spread elsewhere."""
    checks = re.compile(r"\.kind\s*(?:==|!=|not in|in)\s*\(?\s*[\"'](\w+)[\"']")
    found = []
    for path in (ROOT / "src").rglob("*.py"):
        for match in checks.finditer(path.read_text(encoding="utf-8")):
            if match.group(1) in HANDLERS:
                found.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert found == []


def test_every_command_has_one_help_line_in_help() -> None:
    names = [command.name for command in COMMANDS]
    assert len(names) == len(set(names))
    assert len(BY_NAME) == sum(1 + len(command.aliases) for command in COMMANDS)
    for command in COMMANDS:
        assert command.help and "\n" not in command.help
        assert f"/{command.name}" in HELP_TEXT and command.help in HELP_TEXT


def test_the_docs_table_of_commands_is_the_registry() -> None:
    """docs/conversation.md lists exactly the registry's commands, in its words (paste ``docs_table()`` to fix)."""
    docs = (ROOT / "docs" / "conversation.md").read_text(encoding="utf-8")
    section = docs.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))
    assert table == docs_table()


def test_every_command_in_the_registry_is_dispatched(new_session) -> None:
    session: Session = new_session()
    session.start()
    for name in BY_NAME:
        if name == "quit":
            continue
        turn = session.handle(f"/{name}")
        assert not any("Unknown command" in message.text for message in turn.messages), name
    assert "Unknown command /nonsense" in session.handle("/nonsense").messages[0].text
