"""Files written from the reference data: `tracker owners`, `tracker schema` and `tracker forms`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from apec_tracker.authoring.atomic_files import write_text_atomically
from apec_tracker.authoring.forms import form_text, forms
from apec_tracker.domain.json_schema import schema_text
from apec_tracker.domain.ownership import CODEOWNERS, codeowners_text
from apec_tracker.errors import SetupError
from apec_tracker.services.context import Workspace


@dataclass(frozen=True)
class GeneratedFileState:
    path: str
    current: bool  # the file says what the reference data does
    exists: bool
    written: bool = False


def write_codeowners(ws: Workspace, *, check: bool) -> GeneratedFileState:
    """Write .github/CODEOWNERS from the owners in the reference data (`tracker owners`)."""
    text = codeowners_text(ws.framework)
    path = ws.repo.root / CODEOWNERS
    shown = CODEOWNERS.as_posix()
    try:
        current = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = None
    except (OSError, UnicodeDecodeError) as error:
        raise SetupError(f"cannot read {CODEOWNERS}: {error}") from None
    if current == text or check:
        return GeneratedFileState(shown, current == text, exists=current is not None)
    try:
        write_text_atomically(path, text, overwrite=True)
    except OSError as error:
        raise SetupError(f"cannot write {CODEOWNERS}: {error.strerror or error}") from None
    return GeneratedFileState(shown, True, exists=True, written=True)


def record_schema(ws: Workspace) -> str:
    """The JSON Schema of a record, with the reference data's codes (`tracker schema`)."""
    return schema_text(ws.framework)


def write_schema(ws: Workspace, output: Path) -> None:
    try:
        write_text_atomically(output, schema_text(ws.framework))
    except OSError as error:
        raise SetupError(f"cannot write {output}: {error.strerror or error}") from None


def write_forms(ws: Workspace, *, check: bool) -> list[GeneratedFileState]:
    """Write the GitHub issue forms under .github/ISSUE_TEMPLATE/ from the
    reference data (`tracker forms`); with ``check``, only say which are current."""
    states = []
    for form in forms(ws.framework):
        path = ws.repo.root / form.path
        shown = form.path.as_posix()
        text = form_text(form)
        try:
            current: str | None = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        except (OSError, UnicodeDecodeError) as error:
            raise SetupError(f"cannot read {shown}: {error}") from None
        if current == text or check:
            states.append(GeneratedFileState(shown, current == text, exists=current is not None))
            continue
        try:
            write_text_atomically(path, text, overwrite=True)
        except OSError as error:
            raise SetupError(f"cannot write {shown}: {error.strerror or error}") from None
        states.append(GeneratedFileState(shown, True, exists=True, written=True))
    return states
