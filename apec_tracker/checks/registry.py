"""Every rule validation runs over records, in one registry.

A rule is a function that yields :class:`Finding`s: a problem and where in a
file it is (a path of keys and indices), before its line and column are known.
Validation looks positions up only for what is reported.

* A **record rule** looks at one record at a time (its file and activity): what it
  says is about that file alone, so it runs only on the files reported on.
* A **nil return rule** looks at one nil return at a time (every nil return is
  read whole on every run; there are a few dozen a year).
* A **cross-record rule** looks across all records (and may look at the nil
  returns, which the context holds), and declares the record fields it reads
  (``reads=``). It is given every record's :class:`RecordFacts`, which hold
  those fields and nothing else, whether the record was read now or its facts
  were stored from an earlier run: a rule cannot come to depend on something
  a partial run (`validate --changed-since`) does not have, and no rule is ever
  left out of one.

Registering is importing: the rule modules (record_rules, cross_record) add
their rules with the decorators below when apec_tracker.checks.validation
imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from apec_tracker.domain.diagnostics import Diagnostic
from apec_tracker.domain.framework import Framework
from apec_tracker.reading.records import LoadedRecord, LoadedReturn, Locator, RecordFacts


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem in one file, at a path of keys and indices (``("progress", 0, "year")``)."""

    path: str
    where: tuple[str | int, ...]
    code: str
    message: str
    hint: str | None = None
    at_key: bool = False  # point at the key rather than its value
    across: bool = False  # found by looking across records: reported wherever it is (see validation)


@dataclass(frozen=True, slots=True)
class RuleContext:
    framework: Framework
    today: date
    returns: Sequence[LoadedReturn] = ()  # every nil return that checked


RecordCheck = Callable[[LoadedRecord, RuleContext], Iterator[Finding]]
ReturnCheck = Callable[[LoadedReturn, RuleContext], Iterator[Finding]]
CrossRecordCheck = Callable[[Sequence[RecordFacts], RuleContext], Iterator[Finding]]


@dataclass(frozen=True, slots=True)
class CrossRecordRule:
    check: CrossRecordCheck
    reads: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.check.__name__


RECORD_RULES: list[RecordCheck] = []
RETURN_RULES: list[ReturnCheck] = []
CROSS_RECORD_RULES: list[CrossRecordRule] = []


def record_rule(check: RecordCheck) -> RecordCheck:
    """Register a rule that looks at one record at a time."""
    RECORD_RULES.append(check)
    return check


def return_rule(check: ReturnCheck) -> ReturnCheck:
    """Register a rule that looks at one nil return at a time."""
    RETURN_RULES.append(check)
    return check


def cross_record_rule(*, reads: Sequence[str]) -> Callable[[CrossRecordCheck], CrossRecordCheck]:
    """Register a rule across records that reads the record fields ``reads``."""

    def register(check: CrossRecordCheck) -> CrossRecordCheck:
        CROSS_RECORD_RULES.append(CrossRecordRule(check, tuple(reads)))
        return check

    return register


def unregister(check: RecordCheck | ReturnCheck | CrossRecordCheck) -> None:
    """Remove a rule (a test's own, once it is done with it)."""
    RECORD_RULES[:] = [rule for rule in RECORD_RULES if rule is not check]
    RETURN_RULES[:] = [rule for rule in RETURN_RULES if rule is not check]
    CROSS_RECORD_RULES[:] = [rule for rule in CROSS_RECORD_RULES if rule.check is not check]


def facts_fields() -> tuple[str, ...]:
    """Every field some rule across records reads: what a record's facts hold."""
    return tuple(sorted({field for rule in CROSS_RECORD_RULES for field in rule.reads}))


def to_diagnostic(finding: Finding, locator: Locator) -> Diagnostic:
    """The finding at its line and column."""
    position = locator.position(finding.path, finding.where, key=finding.at_key)
    return Diagnostic(finding.path, position.line, position.column, finding.code, finding.message, finding.hint,
                      where=finding.where)


def record_findings(record: LoadedRecord, context: RuleContext) -> list[Finding]:
    """Every record rule over one record."""
    return [finding for check in RECORD_RULES for finding in check(record, context)]


def run_rules(records: Sequence[LoadedRecord], facts: Sequence[RecordFacts],
              context: RuleContext) -> list[Finding]:
    """Every record rule over ``records``, every nil return rule over the
    context's nil returns, then every cross-record rule over ``facts``."""
    findings = [finding for record in records for finding in record_findings(record, context)]
    findings += [finding for item in context.returns for check in RETURN_RULES for finding in check(item, context)]
    for rule in CROSS_RECORD_RULES:
        findings.extend(replace(finding, across=True) for finding in rule.check(facts, context))
    return findings
