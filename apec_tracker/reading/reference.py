"""Reading the reference data under data/reference/ into the framework records are
checked against.

It is checked when a command starts: a broken reference file stops the command
with exit 2, since nothing can be validated against it.

The reporting calendar (calendar.yaml) and the catalogue of standard indicators
(indicators.yaml) are checked with the rest. Read from a git revision made
before such a file existed, it is an empty calendar or catalogue rather than an
error, so that an old review can still be rebuilt.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from apec_tracker.domain.framework import (
    BodiesFile,
    Body,
    Calendar,
    CalendarFile,
    EconomiesFile,
    Economy,
    ForaFile,
    Forum,
    Framework,
    FrameworkFile,
    IndicatorsFile,
    StandardIndicator,
    Term,
    YearCalendar,
)
from apec_tracker.domain.layout import REFERENCE_DIR
from apec_tracker.errors import SetupError
from apec_tracker.reading import record_yaml
from apec_tracker.reading.schema_problems import describe


class ReferenceDataError(SetupError):
    """A reference file is missing, unreadable or not what it should be."""

    def __init__(self, problem: str):
        super().__init__(f"the reference data is broken: {problem}")


M = TypeVar("M", bound=BaseModel)
T = TypeVar("T", Term, Economy, Forum, Body, StandardIndicator)


CALENDAR_FILE = "calendar.yaml"
INDICATORS_FILE = "indicators.yaml"
REFERENCE_FILES = ("framework.yaml", "economies.yaml", "fora.yaml", "bodies.yaml", INDICATORS_FILE, CALENDAR_FILE)
# What records are checked against: a stored check of a record is keyed by
# these files' bytes alone, so recording a step of the review in the calendar
# does not make the next run check every record afresh.
RECORD_REFERENCE_FILES = ("framework.yaml", "economies.yaml", "fora.yaml", "bodies.yaml", INDICATORS_FILE)
# Files a past revision may not have yet (read as empty there, so that --as-of
# rebuilds what was built then: before the catalogue of standard indicators, a
# review had no indicators to add up). The working tree must have them all.
_ADDED_LATER = ("bodies.yaml", INDICATORS_FILE, CALENDAR_FILE)


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
    return _framework(lambda name: read(f"{REFERENCE_DIR.as_posix()}/{name}"), where, history=True)


def _framework(read: Callable[[str], bytes | None], where: str, *, history: bool = False) -> Framework:
    raw: dict[str, bytes] = {}
    for name in REFERENCE_FILES:
        data = read(name)
        if data is None and history and name in _ADDED_LATER:
            continue  # a revision from before the file: it held nothing then
        if data is None:
            raise ReferenceDataError(f"{where}/{name} does not exist")
        raw[name] = data
    framework_file = _parse(raw["framework.yaml"], f"{where}/framework.yaml", FrameworkFile)
    economies_file = _parse(raw["economies.yaml"], f"{where}/economies.yaml", EconomiesFile)
    fora_file = _parse(raw["fora.yaml"], f"{where}/fora.yaml", ForaFile)
    bodies_file = (_parse(raw["bodies.yaml"], f"{where}/bodies.yaml", BodiesFile) if "bodies.yaml" in raw
                   else BodiesFile(bodies=[]))
    indicators_file = (_parse(raw[INDICATORS_FILE], f"{where}/{INDICATORS_FILE}", IndicatorsFile)
                       if INDICATORS_FILE in raw else IndicatorsFile(indicators=[]))

    economies = _unique(economies_file.economies, f"{where}/economies.yaml")
    fora = _unique(fora_file.fora, f"{where}/fora.yaml")
    bodies = _unique(bodies_file.bodies, f"{where}/bodies.yaml")
    # A code names one reporter: its folder, and what a record's reporter means.
    for name, codes, earlier in (("fora.yaml", fora.keys(), economies.keys()),
                                 ("bodies.yaml", bodies.keys(), economies.keys() | fora.keys())):
        clash = codes & earlier
        if clash:
            raise ReferenceDataError(
                f"{where}/{name}: codes used twice across economies, fora and bodies: {', '.join(sorted(clash))}"
            )
    for forum in fora.values():
        if forum.parent is not None and forum.parent not in fora:
            raise ReferenceDataError(f"{where}/fora.yaml: forum {forum.code} has the unknown parent {forum.parent!r}")
    indicators = _unique(indicators_file.indicators, f"{where}/{INDICATORS_FILE}")
    _check_indicators(indicators, framework_file, f"{where}/{INDICATORS_FILE}")
    for kind_items, name in ((framework_file.activity_types, "framework.yaml"),
                             (framework_file.target_groups, "framework.yaml"),
                             (framework_file.aider_focus_areas, "framework.yaml"),
                             (economies_file.economies, "economies.yaml"), (fora_file.fora, "fora.yaml"),
                             (bodies_file.bodies, "bodies.yaml")):
        _one_meaning(kind_items, f"{where}/{name}")
    calendar = (_calendar(_parse(raw[CALENDAR_FILE], f"{where}/{CALENDAR_FILE}", CalendarFile), framework_file,
                          f"{where}/{CALENDAR_FILE}", raw[CALENDAR_FILE]) if CALENDAR_FILE in raw else Calendar())
    digest = hashlib.sha256()
    for name in RECORD_REFERENCE_FILES:
        data = raw.get(name, b"")
        digest.update(name.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
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
        bodies=bodies,
        secretariat=fora_file.secretariat,
        indicators=indicators,
        calendar=calendar,
        digest=digest.hexdigest(),
    )


def _check_indicators(indicators: dict[str, StandardIndicator], framework_file: FrameworkFile, path: str) -> None:
    """What no single catalogue entry can be judged on alone: its actions and the
    indicator it is part of."""
    actions = {action.code for goal in framework_file.goals for action in goal.actions}
    # An indicator is named by its id or its name, with spaces for hyphens
    # (Framework.standard_indicator_named): each such word names one indicator.
    meaning: dict[str, str] = {}
    for indicator in indicators.values():
        for word in {indicator.id.replace("-", " "), " ".join(indicator.name.replace("-", " ").split()).casefold()}:
            other = meaning.setdefault(word, indicator.id)
            if other != indicator.id:
                raise ReferenceDataError(f"{path}: {word!r} names both {other} and {indicator.id}; "
                                         "an indicator's name may name one indicator only")
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


def _calendar(calendar_file: CalendarFile, framework_file: FrameworkFile, path: str, raw: bytes) -> Calendar:
    years: dict[int, YearCalendar] = {}
    period = framework_file.period
    for number, item in enumerate(calendar_file.years):
        if item.year in years:
            raise ReferenceDataError(f"{_at(path, raw, ('years', number, 'year'))}: the year {item.year} "
                                     "appears twice")
        refused = period.not_a_year(item.year)
        if refused is not None:
            raise ReferenceDataError(f"{_at(path, raw, ('years', number, 'year'))}: {refused}")
        years[item.year] = item
    return Calendar(main_branch=calendar_file.main_branch, years=dict(sorted(years.items())))


def _at(path: str, raw: bytes, loc: tuple[str | int, ...]) -> str:
    """``path`` with the line and column of the value at ``loc`` in its file, as
    every problem of a file is told."""
    position = record_yaml.locate(record_yaml.decode(raw).text, loc)
    return f"{path}:{position.line}:{position.column}" if position else path


def _parse(raw: bytes, path: str, model: type[M]) -> M:
    try:
        # The same checks as a record's bytes: NUL bytes or invalid UTF-8 get
        # their own message, not a puzzling YAML error.
        text = record_yaml.decode(raw).text
        data = record_yaml.parse(text)
    except record_yaml.YamlProblem as problem:
        raise ReferenceDataError(f"{path}:{problem.line}:{problem.column}: {problem.message}") from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        # Told in the words a record's problems are told in (schema_problems.describe).
        first = describe(error.errors(include_url=False)[0], model)
        position = record_yaml.locate(text, first.loc, key=first.at_key)
        line = f":{position.line}:{position.column}" if position else ""
        raise ReferenceDataError(
            f"{path}{line}: {first.message}{f'; {first.hint}' if first.hint else ''} "
            f"({'1 problem' if error.error_count() == 1 else f'{error.error_count()} problems'} in all)"
        ) from None


def _one_meaning(items: Sequence[Term | Economy | Forum | Body], path: str) -> None:
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
