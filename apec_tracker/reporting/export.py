"""Records as rows for spreadsheets and as JSON for other tools.

Rendering is a pure function from records to a string; the CLI decides where the
string goes. A CSV row is one activity; fields holding several values are joined
with "; ". Cells a spreadsheet would read as a formula are neutralised, since an
export is opened by people who did not write every record in it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from apec_tracker.domain.framework import Framework
from apec_tracker.domain.printable import printable, printable_data
from apec_tracker.domain.record import Activity, Role
from apec_tracker.reading.records import LoadedRecord

JSON_EXPORT_VERSION = 1
MULTI_VALUE_SEPARATOR = "; "
# Excel reads a UTF-8 file as the local code page unless it starts with a BOM.
BYTE_ORDER_MARK = "\ufeff"
# A cell starting with one of these is a formula (or DDE payload) to a spreadsheet.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str
    value: Callable[[LoadedRecord, Framework], object]


def _joined(values: Sequence[object]) -> str:
    return MULTI_VALUE_SEPARATOR.join(str(value) for value in values)


def _latest_progress(activity: Activity) -> Any:
    return max(activity.progress, key=lambda entry: entry.year, default=None)


def _optional(value: object) -> object:
    return "" if value is None else value


COLUMNS: tuple[Column, ...] = (
    Column("id", lambda r, f: r.activity.id),
    Column("title", lambda r, f: r.activity.title),
    Column("reporter", lambda r, f: r.activity.reporter),
    Column("reporter_name", lambda r, f: f.reporter_name(r.activity.reporter)),
    Column("level", lambda r, f: r.activity.level_in(f.economies).value),
    Column("host_economy", lambda r, f: _optional(r.activity.host_economy)),
    Column("lead_economies", lambda r, f: _joined(r.activity.lead_economies)),
    Column("co_sponsors", lambda r, f: _joined(r.activity.co_sponsors)),
    Column("partner_fora", lambda r, f: _joined(r.activity.partner_fora)),
    Column("partners", lambda r, f: _joined(r.activity.partners)),
    Column("principal_actions", lambda r, f: _joined(r.activity.action_codes(Role.PRINCIPAL))),
    Column("significant_actions", lambda r, f: _joined(r.activity.action_codes(Role.SIGNIFICANT))),
    Column("goals", lambda r, f: _joined(_goals(r.activity))),
    Column("activity_type", lambda r, f: r.activity.activity_type),
    Column("status", lambda r, f: r.activity.status.value),
    Column("planned_start", lambda r, f: _optional(r.activity.planned_start)),
    Column("planned_end", lambda r, f: _optional(r.activity.planned_end)),
    Column("actual_start", lambda r, f: _optional(r.activity.actual_start)),
    Column("actual_end", lambda r, f: _optional(r.activity.actual_end)),
    Column("target_groups", lambda r, f: _joined(r.activity.target_groups)),
    Column("aider_focus_areas", lambda r, f: _joined(r.activity.aider_focus_areas)),
    Column("apec_project", lambda r, f: _optional(r.activity.apec_project)),
    Column("funding_source", lambda r, f: r.activity.funding.source if r.activity.funding else ""),
    Column("funding_usd", lambda r, f: _amount(r.activity.funding.amount_usd if r.activity.funding else None)),
    Column("co_funding_usd",
           lambda r, f: _amount(r.activity.funding.co_funding_usd if r.activity.funding else None)),
    Column("progress_years", lambda r, f: _joined(sorted(entry.year for entry in r.activity.progress))),
    Column("latest_progress_year", lambda r, f: _optional(getattr(_latest_progress(r.activity), "year", None))),
    Column("latest_narrative",
           lambda r, f: _optional(getattr(_latest_progress(r.activity), "narrative", None))),
    Column("summary", lambda r, f: r.activity.summary),
    Column("links", lambda r, f: _joined(r.activity.links)),
    Column("sources", lambda r, f: _joined(r.activity.sources)),
    Column("path", lambda r, f: r.file.path),
)


def _goals(activity: Activity) -> list[str]:
    return sorted({code.split(".", 1)[0] for code in activity.action_codes()})


def _amount(value: float | None) -> object:
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else value


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text, never evaluates (OWASP's advice: a
    leading apostrophe)."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


def rows(records: Sequence[LoadedRecord], framework: Framework) -> list[list[str]]:
    """The header and one row per record, every cell a neutralised string, its
    control characters shown as escapes."""
    table = [[column.name for column in COLUMNS]]
    for record in records:
        table.append([neutralise(printable(str(column.value(record, framework)), layout=True)) for column in COLUMNS])
    return table


def to_csv(records: Sequence[LoadedRecord], framework: Framework, *, for_spreadsheets: bool) -> str:
    """CSV with CRLF line ends (RFC 4180); ``for_spreadsheets`` adds the BOM Excel
    needs to read UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows(records, framework))
    return (BYTE_ORDER_MARK if for_spreadsheets else "") + buffer.getvalue()


def record_document(record: LoadedRecord) -> dict[str, Any]:
    """A record as JSON data: its fields in their written order, then its path."""
    document = record.activity.model_dump(mode="json", exclude_defaults=False)
    document["path"] = record.file.path
    return document


def to_json(records: Sequence[LoadedRecord], *, compact: bool = False) -> str:
    """The records as a JSON document. ``compact``: the same document on one
    line, as the review's download is written: each record serialised by its
    model's own encoder (several times faster than Python's, which cannot
    indent), its path added as the last key, as record_document does."""
    if compact:
        pieces = (record.activity.model_dump_json()[:-1] + ',"path":' + json.dumps(record.file.path, ensure_ascii=False)
                  + "}" for record in records)
        return f'{{"version":{JSON_EXPORT_VERSION},"activities":[{",".join(pieces)}]}}\n'
    document = {"version": JSON_EXPORT_VERSION, "activities": [record_document(r) for r in records]}
    return json.dumps(printable_data(document), ensure_ascii=False, indent=2) + "\n"
