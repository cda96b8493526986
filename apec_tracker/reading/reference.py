"""Reading the reference data under data/reference/ into the framework records are
checked against.

It is checked when a command starts: a broken reference file stops the command
with exit 2, since nothing can be validated against it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from apec_tracker.domain.framework import (
    EconomiesFile,
    Economy,
    ForaFile,
    Forum,
    Framework,
    FrameworkFile,
    Partner,
    Term,
)
from apec_tracker.domain.layout import REFERENCE_DIR
from apec_tracker.errors import SetupError
from apec_tracker.reading import syntax


class ReferenceDataError(SetupError):
    """A reference file is missing, unreadable or not what it should be."""

    def __init__(self, problem: str):
        super().__init__(f"the reference data is broken: {problem}")


M = TypeVar("M", bound=BaseModel)
T = TypeVar("T", Term, Economy, Forum, Partner)


REFERENCE_FILES = ("framework.yaml", "economies.yaml", "fora.yaml")


def load_framework(reference_dir: Path) -> Framework:
    """Read and check the reference data in ``reference_dir``; ReferenceDataError on any problem."""

    def read(name: str) -> bytes | None:
        try:
            return (reference_dir / name).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise ReferenceDataError(f"{reference_dir / name}: cannot read reference data: "
                                     f"{error.strerror or error}") from None

    return _framework(read, str(reference_dir))


def framework_from_files(read: Callable[[str], bytes | None], where: str) -> Framework:
    """The reference data as ``read`` gives its files (by path from the repository
    root, None for a missing one): at a git revision, say. ``where`` names the
    place in messages."""
    return _framework(lambda name: read(f"{REFERENCE_DIR.as_posix()}/{name}"), where)


def _framework(read: Callable[[str], bytes | None], where: str) -> Framework:
    raw: dict[str, bytes] = {}
    for name in REFERENCE_FILES:
        data = read(name)
        if data is None:
            raise ReferenceDataError(f"{where}/{name} does not exist")
        raw[name] = data
    framework_file = _parse(raw["framework.yaml"], f"{where}/framework.yaml", FrameworkFile)
    economies_file = _parse(raw["economies.yaml"], f"{where}/economies.yaml", EconomiesFile)
    fora_file = _parse(raw["fora.yaml"], f"{where}/fora.yaml", ForaFile)

    economies = _unique(economies_file.economies, f"{where}/economies.yaml")
    fora = _unique(fora_file.fora, f"{where}/fora.yaml")
    partners = _unique(fora_file.partners, f"{where}/fora.yaml")
    clash = (economies.keys() & fora.keys()) | (partners.keys() & (fora.keys() | economies.keys()))
    if clash:
        raise ReferenceDataError(
            f"{where}/fora.yaml: codes used twice across economies, fora and partners: {', '.join(sorted(clash))}"
        )
    for forum in fora.values():
        if forum.parent is not None and forum.parent not in fora:
            raise ReferenceDataError(f"{where}/fora.yaml: forum {forum.code} has the unknown parent {forum.parent!r}")
    for kind_items, name in ((framework_file.activity_types, "framework.yaml"),
                             (framework_file.target_groups, "framework.yaml"),
                             (framework_file.aider_focus_areas, "framework.yaml"),
                             (economies_file.economies, "economies.yaml"), (fora_file.fora, "fora.yaml"),
                             (fora_file.partners, "fora.yaml")):
        _one_meaning(kind_items, f"{where}/{name}")
    digest = hashlib.sha256()
    for name in REFERENCE_FILES:
        digest.update(name.encode() + b"\0" + len(raw[name]).to_bytes(8, "big") + raw[name])
    return Framework(
        title=framework_file.title,
        period=framework_file.period,
        objectives=tuple(framework_file.objectives),
        goals=tuple(framework_file.goals),
        target_groups=_unique(framework_file.target_groups, f"{where}/framework.yaml"),
        activity_types=_unique(framework_file.activity_types, f"{where}/framework.yaml"),
        aider_focus_areas=_unique(framework_file.aider_focus_areas, f"{where}/framework.yaml"),
        economies=economies,
        fora=fora,
        partners=partners,
        secretariat=fora_file.secretariat,
        digest=digest.hexdigest(),
    )


def _parse(raw: bytes, path: str, model: type[M]) -> M:
    try:
        # The same checks as a record's bytes: NUL bytes or invalid UTF-8 get
        # their own message, not a puzzling YAML error.
        text = syntax.decode(raw)
        data = syntax.parse(text)
    except syntax.YamlProblem as problem:
        raise ReferenceDataError(f"{path}:{problem.line}:{problem.column}: {problem.message}") from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "the file"
        position = syntax.locate(text, first["loc"])
        line = f":{position.line}:{position.column}" if position else ""
        raise ReferenceDataError(
            f"{path}{line}: {field}: {first['msg']} ({error.error_count()} problem(s) in all)"
        ) from None


def _one_meaning(items: Sequence[Term | Economy | Forum | Partner], path: str) -> None:
    """Each code, name and alias of a list names one item: a word that named two
    would be read as either at a prompt."""
    meaning: dict[str, str] = {}
    for item in items:
        for word in {" ".join(w.split()).casefold() for w in (item.code, item.name, *item.aliases)}:
            other = meaning.setdefault(word, item.code)
            if other != item.code:
                raise ReferenceDataError(f"{path}: {word!r} names both {other} and {item.code}; "
                                         "a name or alias may name one code only")


def _unique(items: list[T], path: str) -> dict[str, T]:
    found: dict[str, T] = {}
    for item in items:
        if item.code in found:
            raise ReferenceDataError(f"{path}: code {item.code!r} appears twice")
        found[item.code] = item
    return found
