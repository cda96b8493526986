"""`tracker validate` tells every problem with a value in the tool's own words:
never pydantic's ("Input should be ...") or Python's spelling of a value (True,
None, {'a': 'b'}), for records, nil returns and the reference data alike."""

from __future__ import annotations

import copy
import io
import json
import re
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.conftest import REFERENCE, VALID_RECORD, TrackerRepo

RECORD = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"
NIL_RETURN = """\
reporter: PNG
year: 2026
nothing_to_report: true
note: No activity under the Initiative this year.
date: 2026-09-30
"""
THEIR_WORDS = re.compile(r"Input should|Extra inputs|Value error|Field required|instance of|should have at least"
                         r"|\{'|\['|\b(True|False|None)\b")
# Values of every kind YAML gives, each wrong somewhere.
WRONG = ("true", "5", "1.5", "-1", "[a, b]", "{a: b}", '""', "null", "'012'", "2026-01-01", "[{a: b}]")


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2026-12-02")


def told(tracker, *args: str) -> list[tuple[str, str, str | None]]:
    result = tracker("validate", "--format", "json", *args)
    return [(d["code"], d["message"], d["hint"]) for d in json.loads(result.stdout)["diagnostics"]]


def in_plain_words(text: str | None) -> bool:
    return text is None or not THEIR_WORDS.search(text)


@pytest.mark.parametrize(("line", "wrong", "message", "hint"), [
    ("title: AI skills for public servants", "title: [a, b]", "title: expected text, got [a, b]",
     "YAML reads [ ] as a list and { } as fields; to keep this as text, put all of it in quotes"),
    ("summary: >-\n  A training programme on using AI tools in public services.", "summary: 5",
     "summary: expected text, got 5", "YAML reads this value as a number (5); put it in quotes to keep it as text"),
    ("status: ongoing\nplanned", "status: true\nplanned",
     "status: true is not allowed; expected 'planned', 'ongoing', 'completed', 'cancelled' or 'suspended'", None),
    ("co_sponsors: [ROK, VN]", "co_sponsors: {a: b}", "co_sponsors: expected a list, got {a: b}",
     "write a list in square brackets, e.g. [ROK, VN], or leave the field out"),
    ("co_sponsors: [ROK, VN]", "co_sponsors:", "co_sponsors: expected a list, found nothing",
     "write a list in square brackets, e.g. [ROK, VN], or leave the field out"),
    ("progress:\n  - year: 2026\n    status: ongoing\n    narrative: Two workshops held in Tokyo.\n"
     "    indicators:\n      - id: officials-trained\n        unit: people\n        baseline: 0\n"
     "        target: 400\n        value: 120\n", "progress: {year: 2026}\n",
     "progress: expected a list, got {year: 2026}",
     "write each item on lines of its own below `progress:`, the first starting with `- `, with its fields: "
     "year, status, narrative"),
    ("    baseline: 0", "    baseline: true", "progress[0].indicators[0].baseline: expected a number, got true",
     "true and false are not numbers; write the number, or leave the field out"),
    ("  - year: 2026", "  - year: 1900", "progress[0].year: expected 1990 or more, got 1900", None),
    ("  - year: 2026", "  - year: 2026.5", "progress[0].year: expected a whole number, got 2026.5",
     "write a whole number, without decimals"),
    ("actions:\n  - code: B.i\n    role: principal\n  - code: B.iii\n    role: significant", "actions: []",
     "actions: expected at least 1 item, found none",
     "write each action on lines of its own below `actions:`: `- code: B.i`, then under `code`, "
     "`role: principal` (or significant)"),
    ("planned_end: 2027-12-31", "planned_end: [2027-12-31]",
     "planned_end: expected a date written YYYY-MM-DD, got [2027-12-31]",
     "write the date YYYY-MM-DD, e.g. 2026-03-31"),
])
def test_a_wrong_value_is_told_in_plain_words(tracker_repo: TrackerRepo, tracker, line: str, wrong: str,
                                              message: str, hint: str | None) -> None:
    assert line in VALID_RECORD
    tracker_repo.write(RECORD, VALID_RECORD.replace(line, wrong, 1))
    assert ("S403", message, hint) in told(tracker)


@pytest.mark.parametrize("wrong", ["actions: [B.i]", "actions: B.i"])
def test_an_action_written_as_its_code_alone_is_told_how_to_write_it(tracker_repo: TrackerRepo, tracker,
                                                                     wrong: str) -> None:
    """The hint leads to a valid record: following it is how records are written."""
    written = "actions:\n  - code: B.i\n    role: principal\n  - code: B.iii\n    role: significant"
    tracker_repo.write(RECORD, VALID_RECORD.replace(written, wrong))
    [(code, message, hint)] = told(tracker)
    assert code == "S403"
    assert message in ("actions[0]: expected an action's code and role, got 'B.i'",
                       "actions: expected a list, got 'B.i'")
    assert hint is not None and "`- code: B.i`" in hint and "`role: principal`" in hint
    tracker_repo.write(RECORD, VALID_RECORD.replace(written, "actions:\n  - code: B.i\n    role: principal"))
    assert told(tracker) == []


def test_a_long_value_is_shortened_in_the_message(tracker_repo: TrackerRepo, tracker) -> None:
    long = "x" * 500_000
    tracker_repo.write(RECORD, VALID_RECORD.replace("status: ongoing\nplanned", f"status: {long}\nplanned")
                       .replace("co_sponsors: [ROK, VN]", f"co_sponsors: [{long}, VN]"))
    messages = told(tracker)
    assert ("S403", "status: '" + "x" * 57 + "…' is not allowed; expected 'planned', 'ongoing', 'completed', "
            "'cancelled' or 'suspended'", None) in messages
    assert all(len(message) < 200 for _, message, _ in messages), messages


def test_an_empty_note_of_a_nil_return_says_what_to_write(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write("data/returns/2026/PNG.yaml", NIL_RETURN.replace(
        "note: No activity under the Initiative this year.", 'note: ""'))
    assert told(tracker) == [("S403", "note: the text is empty", "write the text after the colon (a sentence of "
                              "context for the review: why there is nothing this year)")]


# -- the class, not the examples: a sweep of wrong values over every field -----------------------

def _yaml() -> YAML:
    yaml = YAML(typ="safe")
    yaml.default_flow_style = False
    return yaml


def _paths(node: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found: list[tuple[str | int, ...]] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, value in items:
        found += [(*prefix, key), *_paths(value, (*prefix, key))]
    return found


def _with(data: Any, path: tuple[str | int, ...], wrong: str) -> str:
    """``data`` as YAML, with the value at ``path`` written as ``wrong``."""
    changed = copy.deepcopy(data)
    node = changed
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = "WRONG_VALUE_HERE"
    out = io.StringIO()
    _yaml().dump(changed, out)
    return out.getvalue().replace("WRONG_VALUE_HERE", wrong)


def test_no_wrong_value_of_any_record_field_is_told_in_pydantic_s_words(tracker_repo: TrackerRepo,
                                                                         tracker) -> None:
    record = _yaml().load(VALID_RECORD)
    # Every field the model has, the optional ones included.
    record.update({"level": "economy", "host_economy": "JPN", "partner_fora": ["DESG"], "actual_end": "2026-12-01",
                   "apec_project": "DESG_201_2026A", "shares_project_with": ["jpn-2026-other"],
                   "funding": {"source": "self-funded", "amount_usd": 5.0, "co_funding_usd": 1.0},
                   "links": ["https://example.org"], "sources": ["https://example.org"]})
    record["progress"][0]["highlight"] = "A highlight."
    record["progress"][0]["indicators"].append({"name": "Guides written", "value": 2})
    paths = _paths(record)
    assert len(paths) > 50
    # One file for each field and wrong value, all checked in one run.
    for number, path in enumerate(paths):
        for wrong in WRONG:
            name = f"jpn-2026-case-{number}-{WRONG.index(wrong)}"
            case = {**record, "id": name}
            tracker_repo.write(f"data/economies/JPN/{name}.yaml", _with(case, path, wrong))
    problems = told(tracker)
    assert len(problems) > len(paths) * 3
    assert {code for code, _, _ in problems} >= {"S401", "S402", "S403", "S404"}
    for code, message, hint in problems:
        assert in_plain_words(message) and in_plain_words(hint), (code, message, hint)


def test_no_wrong_value_of_a_nil_return_is_told_in_pydantic_s_words(tracker_repo: TrackerRepo, tracker) -> None:
    nil_return = _yaml().load(NIL_RETURN)
    reporters = ["PNG", "PE", "PHL", "SGP", "CT"]
    problems = []
    for wrong in WRONG:
        for field, reporter in zip(nil_return, reporters, strict=True):
            tracker_repo.write(f"data/returns/2026/{reporter}.yaml",
                               _with({**nil_return, "reporter": reporter}, (field,), wrong))
        problems += told(tracker)
    assert {code for code, _, _ in problems} >= {"S403"}
    for code, message, hint in problems:
        assert in_plain_words(message) and in_plain_words(hint), (code, message, hint)


@pytest.mark.parametrize("file", ["calendar.yaml", "economies.yaml", "fora.yaml", "bodies.yaml", "indicators.yaml",
                                  "framework.yaml"])
def test_no_wrong_value_in_the_reference_data_is_told_in_pydantic_s_words(tracker_repo: TrackerRepo, tracker,
                                                                          file: str) -> None:
    data = _yaml().load((REFERENCE / file).read_text(encoding="utf-8"))
    if file == "calendar.yaml":
        data["years"][0].update({"contributions_due": "2026-06-30", "csom": "2026-11-14", "review": [
            {"state": "draft", "date": "2026-08-01", "document": "a"}]})
    # The first item of each list stands for the others.
    paths = [path for path in _paths(data) if all(part == 0 for part in path if isinstance(part, int))]
    tried = 0
    for path in paths:
        for wrong in ("true", "[a, b]", "{a: b}", "null", '""'):
            tracker_repo.write(f"data/reference/{file}", _with(data, path, wrong))
            result = tracker("validate")
            if result.exit_code != 2:
                continue  # a value the file may have: `aliases: null` reads as no aliases, say
            tried += 1
            [line] = result.stderr.splitlines()
            assert line.startswith("tracker: error: the reference data is broken: "), line
            if line.endswith(" in all)"):  # a problem of the file's form: told at its line
                assert re.match(rf"tracker: error: the reference data is broken: \S+/{file}:\d+:\d+: ", line), line
            assert in_plain_words(line.partition(f"{file}")[2]), (path, wrong, line)
    assert tried > len(paths)


@pytest.mark.parametrize(("text", "message"), [
    ("years:\n  - year: 2026\n    due: 2026-06-30\n",
     "calendar.yaml:3:5: unknown field 'due' in years[0]; fields here: year, contributions_due, joint_review, "
     "csom, review (1 problem in all)"),
    ("years:\n  - year: 2026\n    review:\n      - {state: approved, date: 2026-08-20, document: a}\n",
     "calendar.yaml:4:17: years[0].review[0].state: 'approved' is not allowed; expected 'draft', 'discussed', "
     "'consultation', 'endorsed' or 'in-csom-report' (1 problem in all)"),
    ("years:\n  - year: 2026\n    review:\n      - {state: darft, date: 2026-08-20, document: a}\n",
     "calendar.yaml:4:17: years[0].review[0].state: 'darft' is not allowed; expected 'draft', 'discussed', "
     "'consultation', 'endorsed' or 'in-csom-report'; did you mean draft? (1 problem in all)"),
    ("years:\n  - year: 2026\n    review:\n      - {state: draft, document: a}\n",
     "calendar.yaml:4:9: the required field 'date' is missing in years[0].review[0] (1 problem in all)"),
    ("years:\n  - year: 2026\n    contributions_due: 2026-09-01\n    joint_review: 2026-08-20\n",
     "calendar.yaml:2:5: years[0]: joint_review (2026-08-20) is before contributions_due (2026-09-01) "
     "(1 problem in all)"),
    ("years:\n  - year: true\n",
     "calendar.yaml:2:11: years[0].year: expected a whole number, got true; true and false are not numbers; "
     "write the number (1 problem in all)"),
    ("years:\n  - year: 2035\n", "calendar.yaml:2:11: 2035 is not a year of the Initiative (2026–2030)"),
])
def test_a_broken_calendar_is_told_in_a_record_s_words(tracker_repo: TrackerRepo, tracker, text: str,
                                                       message: str) -> None:
    tracker_repo.calendar(text)
    result = tracker("validate")
    assert result.exit_code == 2
    assert result.stderr.endswith(f"/data/reference/{message}\n"), result.stderr
