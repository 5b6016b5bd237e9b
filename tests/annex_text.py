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


def _find_seeds() -> Path:
    """The nearest ``shared/seeds`` above the project: beside a checkout, or beside a folder of worktrees."""
    here = Path(__file__).resolve()
    candidates = [parent / "shared" / "seeds" for parent in here.parents[1:]]
    return next((c for c in candidates if c.is_dir()), candidates[1])


SEEDS = _find_seeds()
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


DRAFT_START = "\tCurrent judgement\n"
_DRAFT_ELEMENT = re.compile(r"^\t(\d+\.\d+)\s")
_DRAFT_STRAND = re.compile(r"^\t\d+\.\s")


@cache
def draft_path() -> Path | None:
    matches = sorted(SEEDS.glob("003_*.txt")) if SEEDS.is_dir() else []
    return matches[0] if matches else None


@cache
def draft_cells() -> dict[str, tuple[str, str, str, str]]:
    """The 2009 draft's descriptor grid: element id to its Developing ... Enhancing cells.

    The draft is in reading order, one table row per element: a line opening with a tab
    starts a cell (the element title, the empty "current judgement" cell, then the four
    levels) and the lines after it, up to the next tab, continue that cell.
    """
    path = draft_path()
    assert path is not None
    text = path.read_text(encoding="utf-8")
    rows: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text[text.index(DRAFT_START) :].splitlines():
        if element := _DRAFT_ELEMENT.match(line):
            current = rows.setdefault(element.group(1), [])
        elif _DRAFT_STRAND.match(line):
            current = None
        elif current is not None and line.startswith("\t"):
            current.append(line)
        elif current is not None and current:
            current[-1] += "\n" + line
    cells: dict[str, tuple[str, str, str, str]] = {}
    for element_id, row in rows.items():
        assert len(row) == 5, f"{element_id}: {len(row)} cells in the 2009 draft, expected the judgement cell and four levels"
        developing, developed, established, enhancing = row[1:]
        cells[element_id] = (developing, developed, established, enhancing)
    return cells


def sentence_key(sentence: str) -> tuple[str, ...]:
    """A sentence's words, case and typography aside, to tell the same sentence in both texts."""
    return tuple(w.casefold() for w in words(sentence.replace("&", " and ")))


def draft_sentences(cell: str) -> set[tuple[str, ...]]:
    """The keys of a draft cell's sentences (bullets of "·" or "-" are units, as in the bank)."""
    text = re.sub(r"^\s*[·\-]\s*", "- ", cell.replace("\t", ""), flags=re.MULTILINE)
    return {sentence_key(s) for s in split_sentences(text)}
