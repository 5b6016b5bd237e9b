"""What the TUI imports, and when: Textual only once the TUI runs, other screens only when shown."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tui_support import YEAR

from selfeval_tui.bank import Framework
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store


def run_python(code: str, *args: str) -> str:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True).stdout


def test_choosing_what_to_open_does_not_import_textual() -> None:
    code = textwrap.dedent(
        """
        import sys
        import selfeval_tui.shells.cli.tui, selfeval_tui.shells.tui.workbench, selfeval_tui.shells.tui.progress, selfeval_tui.shells.tui.signals
        print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))
        """
    )
    assert run_python(code).strip() == "[]"


def modules_at_first_question(db: Path) -> set[str]:
    """The modules imported when the chat screen has put its first question up, started as the script starts."""
    code = textwrap.dedent(
        """
        import json, sys
        import selfeval_tui.shells.tui.app as tui_app
        from selfeval_tui.shells.tui.screens.chat import ChatScreen

        loaded = []
        show_first_question = ChatScreen.on_mount
        def on_mount(self):
            show_first_question(self)
            loaded.extend(sys.modules)
            self.app.exit()
        ChatScreen.on_mount = on_mount
        run = tui_app.SelfEvalApp.run
        tui_app.SelfEvalApp.run = lambda self, **kw: run(self, headless=True)
        from selfeval_tui.launch import main
        main(sys.argv[1:])
        print(json.dumps(sorted(loaded)))
        """
    )
    return set(json.loads(run_python(code, "--db", str(db), "--partnership", "Riverside", "--year", YEAR)))


def test_the_first_question_needs_only_the_chat_screen(tmp_path: Path, framework: Framework) -> None:
    db = tmp_path / "t.db"
    with Store.open(db) as store:
        Services(store).create(Actor("coordinator"), framework, "Riverside", YEAR)
    modules_at_first_question(db)  # the first start after a change validates the bank and caches it
    loaded = modules_at_first_question(db)
    assert "selfeval_tui.shells.tui.screens.chat" in loaded
    for lazy in (
        "selfeval_tui.shells.tui.screens.start",
        "selfeval_tui.shells.tui.screens.overview",
        "selfeval_tui.shells.tui.screens.help",
        "selfeval_tui.shells.tui.screens.export",
        "selfeval_tui.shells.tui.commands",
        "selfeval_tui.shells.tui.widgets.outline",  # mounted just after the first question is painted
        "selfeval_tui.exports.data",
        "selfeval_tui.conversation.replying",  # reading replies: from the first reply on
        "selfeval_tui.conversation.reading",
        "selfeval_tui.conversation.commands",
        "selfeval_tui.conversation.saves",
        "selfeval_tui.conversation.replies",
        "selfeval_tui.conversation.section_replies",
        "selfeval_tui.bank.loader",  # the bank comes from the cache
        "tomllib",
        "pydantic",  # imported to validate a changed bank, and on the first save
        "sqlite_utils",  # only to migrate an old database
        "rich.markdown",  # the first messages are plain text; Markdown is parsed when a message needs it
        "textual.widgets._data_table",
    ):
        assert lazy not in loaded, f"{lazy} is imported before the first question"
