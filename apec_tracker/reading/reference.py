"""Reading the reference data under data/reference/ into the framework records are
checked against.

It is checked when a command starts: a broken reference file stops the command
with exit 2, since nothing can be validated against it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
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
    IndicatorsFile,
    Partner,
    StandardIndicator,
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
T = TypeVar("T", Term, Economy, Forum, Partner, StandardIndicator)


REFERENCE_FILES = ("framework.yaml", "economies.yaml", "fora.yaml", "indicators.yaml")
# Commits from before the catalogue of standard indicators existed have no
# indicators.yaml: read at such a revision (`report --as-of`), the catalogue is
# empty, as it was then. The working tree must have it.
ADDED_LATER = frozenset({"indicators.yaml"})


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

    return _framework(read, str(reference_dir), required=frozenset(REFERENCE_FILES))


def framework_from_files(read: Callable[[str], bytes | None], where: str) -> Framework:
    """The reference data as ``read`` gives its files (by path from the repository
    root, None for a missing one): at a git revision, say. ``where`` names the
    place in messages."""
    return _framework(lambda name: read(f"{REFERENCE_DIR.as_posix()}/{name}"), where,
                      required=frozenset(REFERENCE_FILES) - ADDED_LATER)


def _framework(read: Callable[[str], bytes | None], where: str, *, required: frozenset[str]) -> Framework:
    raw: dict[str, bytes] = {}
    for name in REFERENCE_FILES:
        data = read(name)
        if data is None:
            if name in required:
                raise ReferenceDataError(f"{where}/{name} does not exist")
            continue
        raw[name] = data
    framework_file = _parse(raw["framework.yaml"], f"{where}/framework.yaml", FrameworkFile)
    economies_file = _parse(raw["economies.yaml"], f"{where}/economies.yaml", EconomiesFile)
    fora_file = _parse(raw["fora.yaml"], f"{where}/fora.yaml", ForaFile)
    indicators_file = (_parse(raw["indicators.yaml"], f"{where}/indicators.yaml", IndicatorsFile)
                       if "indicators.yaml" in raw else IndicatorsFile(indicators=[]))

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
    indicators = _unique(indicators_file.indicators, f"{where}/indicators.yaml")
    _check_indicators(indicators, framework_file, f"{where}/indicators.yaml")
    digest = hashlib.sha256()
    for name in REFERENCE_FILES:
        if name not in raw:
            continue
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
        indicators=indicators,
        digest=digest.hexdigest(),
    )


def _check_indicators(indicators: dict[str, StandardIndicator], framework_file: FrameworkFile, path: str) -> None:
    """What no single catalogue entry can be judged on alone: its actions and the
    indicator it is part of."""
    actions = {action.code for goal in framework_file.goals for action in goal.actions}
    for indicator in indicators.values():
        unknown = [code for code in indicator.actions if code not in actions]
        if unknown:
            raise ReferenceDataError(f"{path}: indicator {indicator.id} names the unknown action(s) "
                                     f"{', '.join(unknown)}")
        if indicator.part_of is None:
            continue
        whole = indicators.get(indicator.part_of)
        if whole is None:
            raise ReferenceDataError(f"{path}: indicator {indicator.id} is part of {indicator.part_of!r}, "
                                     "which is not in the catalogue")
        if whole.unit is not indicator.unit:
            raise ReferenceDataError(f"{path}: indicator {indicator.id} ({indicator.unit}) is part of "
                                     f"{whole.id}, which counts {whole.unit}: a part counts what its whole does")
        seen = {indicator.id}
        while whole is not None:
            if whole.id in seen:
                raise ReferenceDataError(f"{path}: indicator {indicator.id} is, through part_of, part of itself")
            seen.add(whole.id)
            whole = indicators.get(whole.part_of) if whole.part_of else None


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


def _unique(items: list[T], path: str) -> dict[str, T]:
    found: dict[str, T] = {}
    for item in items:
        if item.code in found:
            raise ReferenceDataError(f"{path}: code {item.code!r} appears twice")
        found[item.code] = item
    return found
