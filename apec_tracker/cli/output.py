"""How validation results are shown: one class per ``--format``, chosen by name.

Formatters only write; the exit code is decided by the caller from the summary.
Every diagnostic is made printable (apec_tracker.cli.printing) before any
formatter sees it: a path holding ESC, a newline or a byte that is not UTF-8
is shown as ``\x1b``, ``\n``, ``\xff`` in every format.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from itertools import groupby
from typing import IO, ClassVar

from apec_tracker.cli.printing import console
from apec_tracker.services.printing import printable
from apec_tracker.services.validation import Diagnostic, Severity, Summary

JSON_SCHEMA_VERSION = 1


class Formatter:
    name: ClassVar[str]

    def __init__(self, color: bool = False, strict: bool = False):
        self.color = color
        self.strict = strict  # --strict: warnings fail the check too, and are shown as failing it

    def write(self, diagnostics: Sequence[Diagnostic], summary: Summary, out: IO[str]) -> None:
        self.emit([shown(d) for d in diagnostics], summary, out)

    def emit(self, diagnostics: Sequence[Diagnostic], summary: Summary, out: IO[str]) -> None:
        """Write ``diagnostics``, already made printable."""
        raise NotImplementedError


def shown(diagnostic: Diagnostic) -> Diagnostic:
    """The diagnostic as every output shows it: its path, message and hint on one
    line each, every control character an escape."""
    return replace(diagnostic, path=printable(diagnostic.path), message=printable(diagnostic.message),
                   hint=printable(diagnostic.hint) if diagnostic.hint is not None else None)


class TextFormatter(Formatter):
    """Grouped by file, with hints and a closing count; colour only on a terminal."""

    name = "text"

    def emit(self, diagnostics: Sequence[Diagnostic], summary: Summary, out: IO[str]) -> None:
        lines = self._lines(diagnostics, summary)
        if not self.color:  # plain text needs no rich (nor its import, on every CI run)
            out.writelines(line for line, _ in lines)
            return
        from rich.text import Text

        terminal = console(file=out, highlight=False, soft_wrap=True, force_terminal=True, emoji=False)
        for line, styles in lines:
            text = Text(line.rstrip("\n"))
            for start, end, style in styles:
                text.stylize(style, start, end)
            terminal.print(text)

    def _lines(self, diagnostics: Sequence[Diagnostic],
               summary: Summary) -> list[tuple[str, list[tuple[int, int, str]]]]:
        """Each line of the output, with the spans to colour on a terminal."""
        lines: list[tuple[str, list[tuple[int, int, str]]]] = []
        for _, in_file in groupby(diagnostics, key=lambda d: d.path):
            for diagnostic in in_file:
                where = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}:"
                style = "red" if diagnostic.severity is Severity.ERROR else "yellow"
                code_end = len(where) + 1 + len(diagnostic.code)
                lines.append((f"{where} {diagnostic.code} {diagnostic.message}\n",
                              [(0, len(where), "bold"), (len(where) + 1, code_end, style)]))
                if diagnostic.hint:
                    lines.append((f"    hint: {diagnostic.hint}\n", [(4, 9, "dim")]))
            lines.append(("\n", []))
        closing = closing_line(summary, strict=self.strict)
        lines.append((f"{closing}\n", [(0, len(closing), "bold red" if summary.failed(strict=self.strict)
                                        else "bold green")]))
        return lines


def closing_line(summary: Summary, *, strict: bool = False) -> str:
    files = f"{summary.files} file{'s' if summary.files != 1 else ''}"
    counts = (f"{summary.errors} error{'s' if summary.errors != 1 else ''}, "
              f"{summary.warnings} warning{'s' if summary.warnings != 1 else ''}")
    if not summary.files:
        # Nothing to report on (an empty repository, a PATH that holds no record,
        # a pull request that changed none): only a rule across records can speak.
        return "No record file to check." if not summary.errors and not summary.warnings else f"{counts}."
    if not summary.errors and not summary.warnings:
        return f"All {files} valid."
    if strict and summary.warnings:
        return f"{counts} in {files}; with --strict, warnings fail the check too."
    return f"{counts} in {files}."


class JsonFormatter(Formatter):
    """A stable shape for other tools; documented in the README."""

    name = "json"

    def emit(self, diagnostics: Sequence[Diagnostic], summary: Summary, out: IO[str]) -> None:
        document = {
            "version": JSON_SCHEMA_VERSION,
            "summary": {"files": summary.files, "errors": summary.errors, "warnings": summary.warnings},
            "diagnostics": [
                {
                    "path": d.path,
                    "line": d.line,
                    "column": d.column,
                    "code": d.code,
                    "severity": d.severity.value,
                    "message": d.message,
                    "hint": d.hint,
                }
                for d in diagnostics
            ],
        }
        json.dump(document, out, ensure_ascii=False, indent=2)
        out.write("\n")


class GithubFormatter(Formatter):
    """GitHub Actions workflow commands: annotations on the changed lines."""

    name = "github"

    def emit(self, diagnostics: Sequence[Diagnostic], summary: Summary, out: IO[str]) -> None:
        for d in diagnostics:
            command = "error" if d.severity is Severity.ERROR or self.strict else "warning"
            message = f"{d.message} (hint: {d.hint})" if d.hint else d.message
            out.write(
                f"::{command} file={_property(d.path)},line={d.line},col={d.column},"
                f"title={_property(d.code)}::{_data(message)}\n"
            )
        out.write(closing_line(summary, strict=self.strict) + "\n")


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


FORMATTERS: dict[str, type[Formatter]] = {f.name: f for f in (TextFormatter, JsonFormatter, GithubFormatter)}

# GitHub keeps at most 1 MiB of a step's summary; every diagnostic is in the
# step's log and annotations anyway.
SUMMARY_ROWS = 500


def step_summary(diagnostics: Sequence[Diagnostic], summary: Summary, scope: str, *, strict: bool = False) -> str:
    """The Markdown GitHub shows on a run's page: the closing line, what was
    checked, and a table of the diagnostics (`validate --format github` adds it
    to $GITHUB_STEP_SUMMARY, so one run gives the annotations and the summary)."""
    lines = [f"### tracker validate: {_markdown(closing_line(summary, strict=strict))}", "", _markdown(scope), ""]
    diagnostics = [shown(d) for d in diagnostics]
    if diagnostics:
        lines += ["| where | code | problem |", "|---|---|---|"]
        for d in diagnostics[:SUMMARY_ROWS]:
            problem = _markdown(d.message) + (f"<br>hint: {_markdown(d.hint)}" if d.hint else "")
            lines.append(f"| {_markdown(f'{d.path}:{d.line}:{d.column}')} | {d.code} {d.severity.value} | {problem} |")
        if len(diagnostics) > SUMMARY_ROWS:
            lines += ["", f"... and {len(diagnostics) - SUMMARY_ROWS} more: every one is in this step's log."]
        lines.append("")
    return "\n".join(lines) + "\n"


def _markdown(text: str) -> str:
    """Record text as plain text in a Markdown table cell: nothing in it can
    format, link, end the cell or become HTML."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\`*_[]|~":
        text = text.replace(char, "\\" + char)
    return text
