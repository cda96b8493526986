"""What validation finds: diagnostics with stable codes, positions and hints.

A diagnostic's code never changes meaning once released: CI configurations,
editors and the JSON output depend on it. New checks get new codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import groupby, islice

from apec_tracker.domain.printable import printable


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Check:
    code: str
    severity: Severity
    summary: str


# The problems listed for one file at most. A file with thousands (a list of
# 100,000 unknown codes, one unknown field per line) is mistaken throughout:
# the first hundred say how, and listing the rest would cost minutes and
# hundreds of megabytes for nothing (docs/validate.md, "Hostile input").
MAX_PER_FILE = 100

# Every check validation can report, by code. F: files and folders, E: bytes and
# encoding, Y: YAML, S: schema, R: rules across fields and records, H: published
# history, O: files generated from the reference data (ownership, the schema),
# I: indicators, against the catalogue of standard indicators.
CHECKS: dict[str, Check] = {
    c.code: c
    for c in [
        Check("F101", Severity.ERROR, "record file has the extension .yml, not .yaml"),
        Check("F102", Severity.ERROR, "file is not a record (records are .yaml files)"),
        Check("F103", Severity.ERROR, "file is not inside an economy's, a forum's or a body's folder"),
        Check("F104", Severity.ERROR, "folder is not an economy code"),
        Check("F105", Severity.ERROR, "folder is not a forum code"),
        Check("F106", Severity.ERROR, "not a regular file inside the repository"),
        Check("F107", Severity.ERROR, "file is too large to be a record"),
        Check("F108", Severity.ERROR, "file cannot be read"),
        Check("F109", Severity.ERROR, "path given on the command line does not exist"),
        Check("F110", Severity.ERROR, "folder under data/ that the tracker does not read"),
        Check("F111", Severity.ERROR, "folder is not a body code"),
        Check("F112", Severity.ERROR, "nil return file not named after an economy's or a forum's code"),
        Check("F113", Severity.ERROR, "not where a nil return can be (data/returns/<YEAR>/<CODE>.yaml)"),
        Check("F114", Severity.ERROR, f"more problems in one file than the {MAX_PER_FILE} listed"),
        Check("E201", Severity.ERROR, "file is not UTF-8 text"),
        Check("E202", Severity.ERROR, "(retired: a UTF-8 byte-order mark is accepted now)"),
        Check("E203", Severity.ERROR, "file is empty"),
        Check("E204", Severity.ERROR, "file holds NUL bytes (binary data)"),
        Check("E205", Severity.ERROR, "file holds an unresolved merge conflict"),
        Check("E206", Severity.ERROR, "control character in the file (or made by an escape)"),
        Check("E207", Severity.ERROR, "line break other than LF or CRLF"),
        Check("Y301", Severity.ERROR, "YAML syntax error"),
        Check("Y302", Severity.ERROR, "more than one YAML document in a file"),
        Check("Y303", Severity.ERROR, "duplicate key in a mapping"),
        Check("Y304", Severity.ERROR, "YAML tag refused"),
        Check("Y305", Severity.ERROR, "(retired: anchors and aliases are refused, Y309)"),
        Check("Y306", Severity.ERROR, "record is not a mapping of fields"),
        Check("Y307", Severity.ERROR, "merge key (<<) in a record"),
        Check("Y308", Severity.ERROR, "a directive line (%YAML, %TAG): records take none"),
        Check("Y309", Severity.ERROR, "anchor or alias"),
        Check("Y310", Severity.ERROR, "nested flow collection, or a flow mapping holding more than plain values"),
        Check("Y311", Severity.ERROR, "number not written in plain decimal"),
        Check("Y312", Severity.ERROR, "nesting deeper than 16 levels"),
        Check("Y313", Severity.ERROR, "a date or time that does not exist"),
        Check("Y314", Severity.ERROR, "more than 10,000 values in one file"),
        Check("S401", Severity.ERROR, "unknown field"),
        Check("S402", Severity.ERROR, "required field missing"),
        Check("S403", Severity.ERROR, "value has the wrong type or form"),
        Check("S404", Severity.ERROR, "unknown code"),
        Check("R501", Severity.ERROR, "id differs from the file name"),
        Check("R502", Severity.ERROR, "id used by more than one record"),
        Check("R503", Severity.ERROR, "reporter differs from the folder the record lives in"),
        Check("R504", Severity.ERROR, "progress year outside the Initiative's period"),
        Check("R505", Severity.ERROR, "more than one progress entry for a year"),
        Check("R506", Severity.ERROR, "end date before start date"),
        Check("R507", Severity.ERROR, "actual date, progress year or nil return in the future"),
        Check("R508", Severity.ERROR, "status contradicts the dates"),
        Check("R509", Severity.WARNING, "status differs from the latest progress entry's"),
        Check("R510", Severity.ERROR, "APEC project number claimed by more than one record"),
        Check("R511", Severity.WARNING, "an economy is listed as both lead and co-sponsor"),
        Check("R512", Severity.WARNING, "no principal action"),
        Check("R513", Severity.WARNING, "another record of the same reporter has the same title and start year"),
        Check("R515", Severity.ERROR, "same action listed twice"),
        Check("R516", Severity.ERROR, "shares_project_with names no record with that project"),
        Check("R517", Severity.WARNING, "record has no date and no progress entry: no review can count it"),
        Check("R518", Severity.ERROR, "economy-level record reported by a forum or body"),
        Check("R519", Severity.WARNING, "nil return for a year in which the reporter reports progress"),
        Check("R520", Severity.ERROR, "nil return's reporter or year differs from where it is filed"),
        Check("R521", Severity.WARNING, "record starts after the Initiative's last year: no review can count it"),
        # H: history, checked against the annotated tags `tracker publish` makes
        # (see apec_tracker/restate.py).
        Check("H601", Severity.WARNING, "progress entry of a published year differs from the published review"),
        Check("H602", Severity.ERROR, "record included in a published review has been deleted"),
        Check("H603", Severity.WARNING, "progress entry for a published year added after publication"),
        Check("H604", Severity.WARNING, "nil return for a published year filed after publication"),
        Check("H605", Severity.WARNING, "nil return counted in a published review has been withdrawn"),
        # O: ownership, who may approve changes to which folder.
        Check("O701", Severity.ERROR, ".github/CODEOWNERS is out of date with the owners in the reference data"),
        Check("O702", Severity.ERROR, "schema/activity.schema.json is out of date with the reference data"),
        Check("O703", Severity.ERROR,
              "an issue form under .github/ISSUE_TEMPLATE/ is out of date with the reference data"),
        # I: indicators, checked against data/reference/indicators.yaml (docs/indicators.md).
        Check("I801", Severity.ERROR, "unknown standard indicator id"),
        Check("I802", Severity.WARNING, "indicator is not a standard indicator (a name without an id)"),
        Check("I803", Severity.ERROR, "value, baseline or target outside the indicator's bounds, or not whole"),
        Check("I804", Severity.ERROR, "unit differs from the standard indicator's"),
        Check("I805", Severity.ERROR, "a part is larger than its whole in the same progress entry"),
        Check("I806", Severity.WARNING, "target on the wrong side of the baseline for the indicator's direction"),
        Check("I807", Severity.WARNING, "indicator value reported for a year after the activity ended"),
        Check("I808", Severity.ERROR, "same indicator listed twice in one progress entry"),
    ]
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, at a position in one file.

    Ordered by file, line, column and code, so output is stable whatever order
    the checks ran in.
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str | None = field(default=None, compare=False)
    # Where in the record it is, as keys and indices (("progress", 0, "year")),
    # when it concerns a field: the commands that write records ask that field
    # again. Empty for problems of a file as a whole.
    where: tuple[str | int, ...] = field(default=(), compare=False)

    @property
    def severity(self) -> Severity:
        return CHECKS[self.code].severity

    def as_text(self) -> str:
        """One line, ``path:line:column: CODE message (hint)``, its control
        characters shown as escapes (a file name can hold any)."""
        text = f"{printable(self.path)}:{self.line}:{self.column}: {self.code} {printable(self.message)}"
        return f"{text} ({printable(self.hint)})" if self.hint else text


@dataclass
class Summary:
    """Counts that decide the exit code and make the closing line."""

    files: int
    errors: int
    warnings: int

    def failed(self, *, strict: bool) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


def capped(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics, sorted, with at most MAX_PER_FILE for any one file and,
    for a file that has more, F114 saying so."""
    kept: list[Diagnostic] = []
    for path, in_file in groupby(sorted(diagnostics), key=lambda d: d.path):
        listed = list(islice(in_file, MAX_PER_FILE + 1))
        if len(listed) > MAX_PER_FILE:
            listed[MAX_PER_FILE:] = [Diagnostic(
                path, 1, 1, "F114", f"this file has more problems than the {MAX_PER_FILE} listed here",
                "fix these, then run `tracker validate` again to see the rest")]
        kept.extend(listed)
    return sorted(kept)


def summarize(diagnostics: Iterable[Diagnostic], files: int) -> Summary:
    errors = warnings = 0
    for diagnostic in diagnostics:
        if diagnostic.severity is Severity.ERROR:
            errors += 1
        else:
            warnings += 1
    return Summary(files=files, errors=errors, warnings=warnings)
