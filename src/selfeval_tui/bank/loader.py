"""Reading a question bank from a folder of TOML files into a validated ``Framework``.

The loader collects every problem it can find before giving up, so an author fixes
a bank in one pass instead of one error per run.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from selfeval_tui.bank.bundled import BANK_INDEX, bundled_questions_dir
from selfeval_tui.bank.checks import check_bank, check_file_names, check_strand
from selfeval_tui.bank.errors import BankError, describe_validation_error
from selfeval_tui.bank.files import (
    FrameworkFile,
    GlossaryFile,
    MembershipFile,
    OutcomesFile,
    StrandFile,
)
from selfeval_tui.domain.caching import cache_by_class
from selfeval_tui.domain.framework import Framework, Strand
from selfeval_tui.files import NotAFileError, open_regular_file

if TYPE_CHECKING:
    from pydantic import TypeAdapter

ModelT = TypeVar("ModelT")


class _Reader:
    """Reads files of one bank, remembering problems instead of stopping at the first."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[str] = []
        self.digest = hashlib.sha256()

    def label(self, name: str) -> str:
        return f"{self.root.name}/{name}"

    def read(self, name: str, model: type[ModelT]) -> ModelT | None:
        label = self.label(name)
        data = self._bytes(label, self.root / name)
        if data is None:
            return None
        self.digest.update(name.encode() + b"\0" + data + b"\0")
        try:
            raw: dict[str, Any] = tomllib.loads(data.decode("utf-8"))
        except UnicodeDecodeError:
            self.problems.append(f"{label}: is not UTF-8 text")
            return None
        except tomllib.TOMLDecodeError as exc:
            self.problems.append(f"{label}: invalid TOML: {exc}")
            return None
        except RecursionError:
            # tomllib parses nested arrays and inline tables recursively; no bank nests more than a few deep.
            self.problems.append(f"{label}: invalid TOML: arrays or tables are nested too deeply")
            return None
        from pydantic import ValidationError

        try:
            return _adapter(model).validate_python(raw)
        except ValidationError as exc:
            self.problems.extend(describe_validation_error(label, raw, exc))
            return None

    def _bytes(self, label: str, path: Path) -> bytes | None:
        """The file's contents, if it is a regular file inside the bank folder (a link may not lead out of it)."""
        try:
            if not path.resolve().is_relative_to(self.root.resolve()):
                self.problems.append(f"{label}: is a link to a file outside the bank folder")
                return None
            with open_regular_file(path) as file:
                return file.read()
        except FileNotFoundError:
            self.problems.append(f"{label}: file not found")
        except NotAFileError as exc:
            self.problems.append(f"{label}: is {exc.what}, not a regular file")
        except OSError as exc:
            self.problems.append(f"{label}: cannot be read ({exc.strerror or exc})")
        except RuntimeError as exc:  # Path.resolve on a loop of links (Python 3.11 and 3.12)
            self.problems.append(f"{label}: cannot be read ({exc})")
        return None


@cache_by_class
def _adapter(model: type[ModelT]) -> TypeAdapter[ModelT]:
    """Pydantic is imported only here, when TOML is validated: a cached bank never needs it."""
    from pydantic import TypeAdapter

    return TypeAdapter(model)


def load_framework(root: Path | None = None) -> Framework:
    """Load and validate a bank; raise ``BankError`` listing every problem found."""
    root = Path(root) if root is not None else bundled_questions_dir()
    if not root.is_dir():
        raise BankError([f"{root}: no such question bank folder"])
    reader = _Reader(root)
    index = reader.read(BANK_INDEX, FrameworkFile)
    if index is None:
        raise BankError(reader.problems)
    reader.problems.extend(check_file_names(reader.label(BANK_INDEX), index))
    if reader.problems:
        raise BankError(reader.problems)  # before reading a file that may be outside the bank

    strands: list[tuple[str, Strand]] = []
    for name in index.strands:
        parsed = reader.read(name, StrandFile)
        if parsed is not None:
            strand = Strand(id=parsed.strand.id, title=parsed.strand.title, elements=parsed.elements)
            reader.problems.extend(check_strand(reader.label(name), strand))
            strands.append((reader.label(name), strand))
    outcomes = reader.read(index.outcomes, OutcomesFile)
    membership = reader.read(index.membership, MembershipFile)
    glossary = reader.read(index.glossary, GlossaryFile)
    if outcomes is not None and glossary is not None and membership is not None:
        reader.problems.extend(
            check_bank(
                strands,
                (reader.label(index.outcomes), [*outcomes.outcomes, *outcomes.local_outcomes]),
                (reader.label(index.glossary), list(glossary.terms)),
                {category.id for category in membership.categories},
            )
        )
    if reader.problems or outcomes is None or membership is None or glossary is None:
        raise BankError(reader.problems)
    return Framework(
        id=index.id,
        title=index.title,
        version=index.version,
        source=index.source,
        hash=reader.digest.hexdigest(),
        strands=tuple(strand for _, strand in strands),
        outcomes=outcomes.outcomes,
        local_outcomes_intro=outcomes.local_outcomes_intro,
        local_outcomes=outcomes.local_outcomes,
        membership=membership.categories,
        glossary=glossary.terms,
    )
