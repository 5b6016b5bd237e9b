"""Where the bank shipped with selfeval is, and the file that names a bank's other files."""

from __future__ import annotations

from pathlib import Path

BANK_INDEX = "framework.toml"


def bundled_questions_dir() -> Path:
    """The bank shipped with the package: inside the wheel, or at the root of a source checkout."""
    package_dir = Path(__file__).resolve().parents[1]
    installed = package_dir / "questions"
    if (installed / BANK_INDEX).is_file():
        return installed
    return package_dir.parents[1] / "questions"
