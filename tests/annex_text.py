"""Reading the published Annex A text (seed 002) for fidelity tests.

The PDF's table columns were extracted interleaved, so a descriptor is not a
contiguous run of the seed. A sentence is taken as faithful when its words occur
in order within a short window of the Annex A word stream: a word changed, added
or moved breaks the match, while the interleaving of neighbouring columns does not.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
ANNEX_START = "Annex A: Self-evaluation framework for B&A partnerships\n(this is voluntary"
ANNEX_END = "Annex B:"

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def words(text: str) -> list[str]:
    """Words after normalising typography and rejoining words hyphenated across lines."""
    text = text.translate(_QUOTES)
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    return re.findall(r"[A-Za-z0-9%&']+", text)


def split_sentences(descriptor: str) -> list[str]:
    """Paragraphs, bullet items and sentences of a descriptor, each one unit to be covered."""
    units: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*- )", descriptor.strip()):
        paragraph = re.sub(r"^\s*- ", "", paragraph.strip())
        paragraph = " ".join(paragraph.split())
        if paragraph:
            units.extend(s for s in re.split(r"(?<=[.;])\s+(?=[A-Z0-9])", paragraph) if s)
    return units


@cache
def seed_path() -> Path | None:
    matches = sorted(SEEDS.glob("002_*.txt")) if SEEDS.is_dir() else []
    return matches[0] if matches else None


@cache
def annex_words() -> tuple[str, ...]:
    path = seed_path()
    assert path is not None
    text = path.read_text(encoding="utf-8")
    start = text.index(ANNEX_START)
    end = text.index(ANNEX_END, start)
    return tuple(words(text[start:end]))


def find_in_annex(sentence: str) -> bool:
    """True when the sentence is found whole, or in two parts split by a page break."""
    target = words(sentence)
    if _find_words(target):
        return True
    return any(_find_words(target[:cut]) and _find_words(target[cut:]) for cut in range(3, len(target) - 2))


def _find_words(target: list[str], slack: int = 4) -> bool:
    """True when the words occur in order in Annex A within ``slack`` x their number."""
    if not target:
        return True
    stream = annex_words()
    limit = slack * len(target) + 40
    for start, word in enumerate(stream):
        if word != target[0]:
            continue
        position, matched = start, 1
        while matched < len(target) and position < len(stream) and position - start < limit:
            position += 1
            if position < len(stream) and stream[position] == target[matched]:
                matched += 1
        if matched == len(target):
            return True
    return False
