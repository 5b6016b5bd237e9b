"""How many questions each mode asks, for sample partnership profiles (reported in docs/conversation.md).

A profile says, per level, whether a partnership meets that level's criteria. The
script answers a whole evaluation accordingly in adaptive and in thorough mode and
counts the questions asked (criteria and measures; the 21 judgement questions are
the same in both modes and not counted).

    python benchmarks/question_counts.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from selfeval_tui.bank import Level, load_framework
from selfeval_tui.conversation import Mode, Session
from selfeval_tui.services.actor import Actor
from selfeval_tui.services.open import Services
from selfeval_tui.store import Store

PROFILES = {
    "Starting out (Developing not yet secured)": Level.NOT_YET,
    "Developing everywhere": Level.DEVELOPING,
    "Developed everywhere": Level.DEVELOPED,
    "Established everywhere": Level.ESTABLISHED,
    "Enhancing everywhere": Level.ENHANCING,
}
MEASURE_AT = {  # a value reaching exactly the minimum of each level, per measure kind
    "percent": {0: "0", 1: "1", 2: "75", 3: "90", 4: "100"},
    "checklist": {0: "none", 1: "none", 2: "1, 2, 3, 4, 5", 3: "1, 2, 3, 4, 5, 6, 7", 4: "all"},
    "success_rate": {0: "1 of 10", 1: "50 of 100", 2: "85 of 100", 3: "91 of 100", 4: "96 of 100"},
}


def count(profile: Level, mode: Mode, folder: Path) -> int:
    framework = load_framework()
    with Store.open(folder / f"{mode}-{int(profile)}.sqlite3") as store:
        evaluation = Services(store).create(Actor("counts"), framework, "Sample", "2026/27")
        session = Session(Services(store), framework, evaluation, mode, actor=Actor("counts"))
        turn = session.start()
        asked = 0
        while turn.question is not None:
            step = turn.question
            if step.kind == "judgement":
                reply = "agree"
            elif step.handler.plans:  # thorough mode asks for the plan after each rating: not a question counted here
                reply = "done"
            elif step.kind == "measure":
                reply = MEASURE_AT[step.measure.kind][int(profile)]
                asked += 1
            else:
                reply = "yes" if step.level <= profile else "no"
                asked += 1
            turn = session.handle(reply)
        return asked


def main() -> None:
    print("| profile | adaptive | thorough |\n|---|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for name, level in PROFILES.items():
            adaptive = count(level, Mode.ADAPTIVE, Path(folder))
            thorough = count(level, Mode.THOROUGH, Path(folder))
            print(f"| {name} | {adaptive} | {thorough} |")


if __name__ == "__main__":
    main()
