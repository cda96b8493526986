"""Reading the valid records: `tracker list`, `show` and `export`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from apec_tracker.authoring.atomic_files import TargetExists, write_text_atomically
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.record import Status
from apec_tracker.errors import DataError, SetupError, UsageError
from apec_tracker.reading.records import LoadedRecord
from apec_tracker.reporting import export as exporting
from apec_tracker.reporting.selection import Filters, Selection, find_record, select, usable_records
from apec_tracker.services.context import Workspace
from apec_tracker.services.validation import validate

__all__ = ["Filters", "LoadedRecord", "Selection", "Status"]


def valid_records(ws: Workspace) -> Selection:
    """The records that pass validation, by id, and the files left out."""
    return usable_records(validate(ws))


def list_activities(ws: Workspace, filters: Filters) -> tuple[list[LoadedRecord], Selection]:
    """The valid records that match every filter (`tracker list`)."""
    filters.check(ws.framework)
    selection = valid_records(ws)
    return select(selection.records, filters), selection


def show_activity(ws: Workspace, record_id: str) -> tuple[LoadedRecord, Selection]:
    """One valid record (`tracker show`); DataError if its file has errors."""
    selection = valid_records(ws)
    for path in selection.excluded:
        if path.rsplit("/", 1)[-1].removesuffix(".yaml") == record_id:
            raise DataError(f"{path} has errors; run `tracker validate {path}` to see them")
    return find_record(selection.records, record_id), selection


def export_text(ws: Workspace, records: Sequence[LoadedRecord], output_format: str, *,
                for_spreadsheets: bool) -> str:
    """The records as CSV (`for_spreadsheets`: with Excel's byte-order mark) or JSON (`tracker export`)."""
    if output_format == "csv":
        return exporting.to_csv(records, ws.framework, for_spreadsheets=for_spreadsheets)
    return exporting.to_json(records)


def records_as_table(records: Sequence[LoadedRecord], framework: Framework, output_format: str) -> str:
    """The records as JSON or CSV for another tool (`tracker list --format`)."""
    if output_format == "csv":
        return exporting.to_csv(records, framework, for_spreadsheets=False)
    return exporting.to_json(records)


def record_document(record: LoadedRecord) -> dict[str, Any]:
    return exporting.record_document(record)


def write_new_file(path: Path, text: str, *, force: bool) -> None:
    """Write an output file the user named; UsageError if it exists and ``force`` is not given."""
    try:
        write_text_atomically(path, text, overwrite=force)
    except TargetExists:
        raise UsageError(f"{path} exists; choose another file or add --force to replace it") from None
    except OSError as error:
        raise SetupError(f"cannot write {path}: {error.strerror or error}") from None
