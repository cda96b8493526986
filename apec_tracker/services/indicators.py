"""Standard indicators added up: `tracker indicators YEAR`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from apec_tracker.checks.validation import validate_repository
from apec_tracker.domain.diagnostics import Diagnostic
from apec_tracker.domain.framework import Framework
from apec_tracker.errors import DataError, UsageError
from apec_tracker.reporting.indicators import IndicatorReport, TrackStatus, indicator_report
from apec_tracker.reporting.indicators_layout import (
    Table,
    render_csv,
    render_markdown,
    render_text,
    status_style,
    tables,
)
from apec_tracker.services.context import Workspace, fact_store, records_at

__all__ = ["IndicatorReport", "Indicators", "IndicatorsRefused", "Table", "TrackStatus", "indicators",
           "render_csv", "render_markdown", "render_text", "status_style", "tables"]


@dataclass(frozen=True)
class Indicators:
    """The figures, and the reference data they were added up against (as of
    the revision asked for)."""

    report: IndicatorReport
    framework: Framework
    source: str  # "the working tree", "commit 1a2b3c4d5e6f"


class IndicatorsRefused(DataError):
    """The records have errors and the figures were not asked for anyway."""

    def __init__(self, diagnostics: Sequence[Diagnostic], errors: int):
        told = f"{errors} {'error' if errors == 1 else 'errors'}"
        super().__init__(f"the records have {told}; fix them, or add up anyway with --allow-invalid")
        self.diagnostics = tuple(diagnostics)
        self.errors = errors


def indicators(ws: Workspace, year: int, *, as_of: str | None = None, allow_invalid: bool = False) -> Indicators:
    """Every standard indicator's totals for ``year`` from the validated records;
    IndicatorsRefused if the records have errors and they are not allowed."""
    period = ws.framework.period
    refused = period.not_a_year(year)
    if refused is not None:
        raise UsageError(refused)
    with records_at(ws, as_of) as (source, framework):
        store = fact_store(ws, framework)
        result = validate_repository(ws.repo, framework, source, today=ws.today, store=store)
        store.save()
        summary = result.summary
        if summary.errors and not allow_invalid:
            raise IndicatorsRefused(result.diagnostics, summary.errors)
        report = indicator_report([record.activity for record in result.records], framework, year,
                                  errors=summary.errors, warnings=summary.warnings)
        return Indicators(report, framework, source.label)
