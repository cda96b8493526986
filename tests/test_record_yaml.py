"""apec_tracker.reading.record_yaml: the YAML subset records are written in.

Values for every construct of the subset, every refusal with its code and
position, positions from locate(), and that no input, however hostile, takes
more than linear time or deep recursion.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from apec_tracker.reading.record_yaml import (
    MAX_DEPTH,
    MAX_VALUES,
    Position,
    Text,
    YamlProblem,
    _parse_tracked,
    decode,
    locate,
    parse,
)
from apec_tracker.reading.reference import REFERENCE_FILES
from tests.conftest import RUNAWAY_SECONDS

ROOT = Path(__file__).resolve().parent.parent
VALID = sorted((ROOT / "tests" / "cases" / "valid").glob("*.yaml"))


def refusal(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as caught:
        parse(text)
    return caught.value


def refused(text: str) -> str:
    problem = refusal(text)
    return f"{problem.code}@{problem.line}:{problem.column}"


def decode_refused(data: bytes) -> str:
    with pytest.raises(YamlProblem) as caught:
        decode(data)
    return f"{caught.value.code}@{caught.value.line}:{caught.value.column}"


# ---------------------------------------------------------------------------
# Values


@pytest.mark.parametrize(("text", "value"), [
    # Mappings, nested; "key:" alone is null.
    ("id: x\ntitle: AI skills\n", {"id": "x", "title": "AI skills"}),
    ("funding:\n  source: self\n  amount_usd: 20000\nstatus: ongoing\n",
     {"funding": {"source": "self", "amount_usd": 20000}, "status": "ongoing"}),
    ("title:\nsummary:   \nnote: # nothing\n", {"title": None, "summary": None, "note": None}),
    ("a:\n  b:\n    c: 1\n  d: 2\n", {"a": {"b": {"c": 1}, "d": 2}}),
    # Block sequences: indented, indentless, compact mappings, nested.
    ("actions:\n  - code: B.i\n    role: principal\n  - code: A.ii\n",
     {"actions": [{"code": "B.i", "role": "principal"}, {"code": "A.ii"}]}),
    ("actions:\n- code: B.i\n  role: principal\nstatus: planned\n",
     {"actions": [{"code": "B.i", "role": "principal"}], "status": "planned"}),
    ("- - x\n  - y\n- z\n", [["x", "y"], "z"]),
    ("-\n  code: A\n-\n- b\n", [{"code": "A"}, None, "b"]),
    ("a:\n    -   x\n    -   y\n", {"a": ["x", "y"]}),
    ("- a:\n  - 1\n  b: 2\n", [{"a": [1], "b": 2}]),
    # Flow sequences of scalars.
    ("co_sponsors: [ROK, VN, HKC]\n", {"co_sponsors": ["ROK", "VN", "HKC"]}),
    ("a: []\nb: [ ]\nc: [x, ]\n", {"a": [], "b": [], "c": ["x"]}),
    ("a: [\"c d\", 'e, f', 12, 1.5, true, null, B.i]\n", {"a": ["c d", "e, f", 12, 1.5, True, None, "B.i"]}),
    ("a: [one,\n  two, # a comment\n  three\n  four\n]\n", {"a": ["one", "two", "three four"]}),
    ("a: [x:y, -a, a-b]\n", {"a": ["x:y", "-a", "a-b"]}),
    # Flow mappings of scalars and of flow sequences of scalars, over several lines too.
    ("actions:\n  - {code: B.iv, role: principal}\n  - {code: A.i}\n",
     {"actions": [{"code": "B.iv", "role": "principal"}, {"code": "A.i"}]}),
    ("- {code: PPSTI, name: \"Policy Partnership on Science, Technology and Innovation\", parent: SCE}\n",
     [{"code": "PPSTI", "name": "Policy Partnership on Science, Technology and Innovation", "parent": "SCE"}]),
    ("secretariat: {owners: [\"@apec-tracker/secretariat\"]}\n",
     {"secretariat": {"owners": ["@apec-tracker/secretariat"]}}),
    ("a: {}\nb: { }\nc: {x: 1,}\n", {"a": {}, "b": {}, "c": {"x": 1}}),
    ("a: {n: 12, f: 1.5, t: true, z: null, d: 2026-03-01, s: 'x, y', u: http://a.b/c?d=e#f, c: :x, m: -1}\n",
     {"a": {"n": 12, "f": 1.5, "t": True, "z": None, "d": "2026-03-01", "s": "x, y", "u": "http://a.b/c?d=e#f",
            "c": ":x", "m": -1}}),
    ("- {code: X, # a comment\n   name: one\n     two,\n\n   aliases: [a,\n     b], q: \"c\n     d\"\n  }\n",
     [{"code": "X", "name": "one two", "aliases": ["a", "b"], "q": "c d"}]),
    ("a: {x:\n  1}\n", {"a": {"x": 1}}),
    ("{code: A, name: B}\n", {"code": "A", "name": "B"}),
    # Plain scalars: folded over lines, ' #' ends them, ':' without a space is text.
    ("a: one\n  two\n\n  three\n", {"a": "one two\nthree"}),
    ("a: url https://apec.org/x#y # note\n", {"a": "url https://apec.org/x#y"}),
    ("a: 12:30:00x\nb: C#\nc: -a\nd: ?x\ne: :x\n", {"a": "12:30:00x", "b": "C#", "c": "-a", "d": "?x", "e": ":x"}),
    # Single quotes: '' is a quote, lines fold.
    ("a: 'it''s: #1'\nb: 'x\n  y\n\n  z'\n", {"a": "it's: #1", "b": "x y\nz"}),
    # Double quotes: the YAML escapes, folding, \ at the end of a line.
    ('a: "tab\\tnew\\nq\\"b\\\\ \\u00e9\\x41\\U0001F600\\/\\_\\ "\n',
     {"a": "tab\tnew\nq\"b\\ \u00e9A\U0001F600/\xa0 "}),
    ('a: "one\n  two  \n\n  three"\nb: "x\\\n   y"\n', {"a": "one two\nthree", "b": "xy"}),
    ('a: "tab\tinside"\n', {"a": "tab\tinside"}),
    # Block scalars: literal and folded, every chomping, indentation digit.
    ("a: |\n  one\n   two\n\n  three\n\nb: 1\n", {"a": "one\n two\n\nthree\n", "b": 1}),
    ("a: |-\n  x\n\n", {"a": "x"}),
    ("a: |+\n  x\n\n\nb: 1\n", {"a": "x\n\n\n", "b": 1}),
    ("a: >\n  one\n  two\n\n  three\n    more\n  four\n", {"a": "one two\nthree\n  more\nfour\n"}),
    ("a: >-\n  A\n  B\n", {"a": "A B"}),
    ("a: >+\n  A\n\n", {"a": "A\n\n"}),
    ("a: |2\n    x\n   y\n", {"a": "  x\n y\n"}),
    ("- |1-\n  x\n", [" x"]),
    ("a: |\nb: 1\n", {"a": "", "b": 1}),
    ("a: > # a comment\n  text\n", {"a": "text\n"}),
    ("a: |\n  no final newline", {"a": "no final newline"}),
    # Typing of plain scalars only.
    ("a: null\nb: Null\nc: NULL\nd: ~\ne:\n", {"a": None, "b": None, "c": None, "d": None, "e": None}),
    ("a: true\nb: True\nc: TRUE\nd: false\ne: False\nf: FALSE\n",
     {"a": True, "b": True, "c": True, "d": False, "e": False, "f": False}),
    ("a: 0\nb: -0\nc: 2026\nd: -17\ne: 1000.5\nf: -0.25\ng: 1e3\nh: 2.5E-3\ni: 1.0e+3\n",
     {"a": 0, "b": 0, "c": 2026, "d": -17, "e": 1000.5, "f": -0.25, "g": 1000.0, "h": 0.0025, "i": 1000.0}),
    ("a: NO\nb: yes\nc: on\nd: 2026-03-01\ne: B.i\nf: _2026\ng: nan\nh: inf\ni: 1.2.3\nj: y\n",
     {"a": "NO", "b": "yes", "c": "on", "d": "2026-03-01", "e": "B.i", "f": "_2026", "g": "nan", "h": "inf",
      "i": "1.2.3", "j": "y"}),
    ("a: '012'\nb: \"true\"\nc: |\n  12\n", {"a": "012", "b": "true", "c": "12\n"}),
    ("a: 012 is a code\n", {"a": "012 is a code"}),
    ("a: 0x1F\n  and more\n", {"a": "0x1F and more"}),
    # Comments, markers, unicode, the top level.
    ("# head\n---\n# a\na: 1 # one\n  # indented comment\n...\n# tail\n", {"a": 1}),
    ("--- # a comment\na: 1\n", {"a": 1}),
    ("title: Hội thảo về trí tuệ — 人工知能\n", {"title": "Hội thảo về trí tuệ — 人工知能"}),
    ("title: a\ufeffb\n", {"title": "a\ufeffb"}),
    ("", None),
    ("# only a comment\n", None),
    ("---\n", None),
    ("just text\n", "just text"),
    ("- a\n", ["a"]),
    ("[a, b]\n", ["a", "b"]),
])
def test_values(text: str, value: Any) -> None:
    assert parse(text) == value


def test_crlf_reads_as_lf() -> None:
    text = "a: |\n  x\n  y\nb: [c,\n  d]\nc: 'e\n  f'\n"
    assert parse(text.replace("\n", "\r\n")) == parse(text) == {"a": "x\ny\n", "b": ["c", "d"], "c": "e f"}


def test_every_valid_case_parses() -> None:
    # One case uses what the subset refuses: a %YAML line. It is reported, not
    # hidden: see test_cases_outside_the_subset.
    for path in VALID:
        assert isinstance(parse(decode(path.read_bytes()).text), dict), path.name


def test_the_reference_data_parses() -> None:
    paths = sorted((ROOT / "data" / "reference").glob("*.yaml"))
    assert {path.name for path in paths} == set(REFERENCE_FILES)
    for path in paths:
        assert isinstance(parse(decode(path.read_bytes()).text), dict), path.name
    fora = parse(decode((ROOT / "data" / "reference" / "fora.yaml").read_bytes()).text)
    assert {"code": "CTI", "name": "Committee on Trade and Investment"} in fora["fora"]


# ---------------------------------------------------------------------------
# decode()


def test_decode_reports_bom_newline_and_final_newline() -> None:
    assert decode(b"a: 1\n") == Text("a: 1\n", bom=False, newline="\n", final_newline=True)
    assert decode(b"\xef\xbb\xbfa: 1\r\nb: 2") == Text("a: 1\nb: 2", bom=True, newline="\r\n", final_newline=False)
    # Mixed line breaks are accepted; the first one's style is reported.
    assert decode(b"a: 1\nb: 2\r\n").newline == "\n"
    assert decode(b"a: 1\r\nb: 2\n").newline == "\r\n"
    assert parse(decode(b"\xef\xbb\xbftitle: x\n").text) == {"title": "x"}


def test_decode_refusals() -> None:
    assert decode_refused(b"") == "E203@1:1"
    assert decode_refused(b" \n\n") == "E203@1:1"
    assert decode_refused(b"\xef\xbb\xbf\n") == "E203@1:1"
    assert decode_refused(b"\xff\xfea\x00") == "E201@1:1"
    assert decode_refused(b"a: 1\nb: x\x00y\n") == "E204@2:5"
    with pytest.raises(YamlProblem) as caught:
        decode("a: 1\ntitle: caf\u00e9\n".encode("cp1252"))
    assert (caught.value.code, caught.value.line, caught.value.column) == ("E201", 2, 11)
    assert caught.value.hint is not None and "Windows-1252" in caught.value.hint
    assert decode_refused(b"a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> x\n") == "E205@2:1"


@pytest.mark.parametrize(("data", "expected"), [
    (b"a: x\x1by\n", "E206@1:5"),
    (b"a: 1\n# \x7f\n", "E206@2:3"),
    ("a: x\u0080\n".encode(), "E206@1:5"),
    ("title: abc\u202edef\n".encode(), "E206@1:11"),
    ("a: 1\nb: \u2066x\u2069\n".encode(), "E206@2:4"),
    ("a: \u061c\n".encode(), "E206@1:4"),
    ("a: \u200e\n".encode(), "E206@1:4"),
    (b"a: x\x0cy\n", "E206@1:5"),
    (b"a: 1\rb: 2\n", "E207@1:5"),
    ("a: x\u0085y\n".encode(), "E207@1:5"),
    ("a: 1\nb: x\u2028y\n".encode(), "E207@2:5"),
    ("a: x\u2029\n".encode(), "E207@1:5"),
])
def test_control_characters_and_odd_line_breaks(data: bytes, expected: str) -> None:
    assert decode_refused(data) == expected
    # parse() refuses the same text on its own too.
    assert refused(data.decode()) == expected


def test_odd_line_break_hint() -> None:
    with pytest.raises(YamlProblem) as caught:
        decode("title: one\u2028two\n".encode())
    assert caught.value.hint is not None and "ordinary line break" in caught.value.hint


@pytest.mark.parametrize(("text", "expected"), [
    ('a: "x\\e"\n', "E206@1:6"),
    ('a: "\\x1b"\n', "E206@1:5"),
    ('a: "ok \\u202e"\n', "E206@1:8"),
    ('a: "\\0"\n', "E206@1:5"),
    ('a: "\\a\\b"\n', "E206@1:5"),
    ('a: "\\x80"\n', "E206@1:5"),
    ('a: "\\ud800"\n', "E206@1:5"),
    ('a: "\\N"\n', "E207@1:5"),
    ('a: "\\L"\n', "E207@1:5"),
    ('a: "x\\P"\n', "E207@1:6"),
    ('a: "\\r"\n', "E207@1:5"),
    ('a: "\\x85"\n', "E207@1:5"),
])
def test_escapes_that_write_control_characters(text: str, expected: str) -> None:
    assert refused(text) == expected


# ---------------------------------------------------------------------------
# Refusals


@pytest.mark.parametrize("spelling", [
    "+12", "012", "0012", "-012", ".5", "-.5", "+.5", "5.", "1.", "0.", "0x1F", "0X7EA", "-0x10", "+0x10", "0o17",
    "0O17", "0o3752", "-0o17", "0b101", "0B1", "+0b1", "1_000", "1_000.5", "2_026", "1__0", "1_", "-_1", "1_e3",
    "685.230_15e+03", ".inf", "-.Inf", "+.INF", ".nan", ".NaN",
    ".nAn", ".iNf", "1.e3", ".5e3", "+1e3", "01.5", "00",
])
def test_numbers_not_in_plain_decimal(spelling: str) -> None:
    problem = refusal(f"id: x\nyear: {spelling}\n")
    assert (problem.code, problem.line, problem.column) == ("Y311", 2, 7)
    assert problem.hint is not None and "plain decimal" in problem.hint and "quotes" in problem.hint
    assert refused(f"a: [b, {spelling}]\n") == "Y311@1:8"
    assert refused(f"- {spelling}\n") == "Y311@1:3"


@pytest.mark.parametrize("spelling", ["1:20", "12:30:00", "190:20:30.15", "-1:20"])
def test_times_that_yaml_1_1_reads_as_numbers(spelling: str) -> None:
    problem = refusal(f"id: x\nplanned_start: {spelling}\n")
    assert (problem.code, problem.line, problem.column) == ("Y311", 2, 16)
    assert "looks like a time" in problem.message
    assert problem.hint is not None and "quotes" in problem.hint and "YYYY-MM-DD" in problem.hint
    assert refused(f"a: [b, {spelling}]\n") == "Y311@1:8"


def test_numbers_too_large() -> None:
    assert refused("a: 1e999\n") == "Y311@1:4"
    assert refused("a: -1.5e400\n") == "Y311@1:4"
    assert refused("a: " + "1" * 5_000 + "\n") == "Y311@1:4"
    assert parse("a: 1e308\nb: " + "9" * 400 + "\n") == {"a": 1e308, "b": int("9" * 400)}


@pytest.mark.parametrize("text", ["_2026", "1:60", "0:20", "0x", "0b2", "1.2.3", "1e", "e1", "12:30x", "+", "-",
                                  "2026-03-01", "1,000"])
def test_text_that_no_reader_takes_for_a_number_stays_text(text: str) -> None:
    assert parse(f"a: '{text}'\nb: {text}x\n") == {"a": text, "b": text + "x"}
    if text not in ("-", "+"):
        assert parse(f"a: {text}\n") == {"a": text}


def test_curly_quotes() -> None:
    problem = refusal("id: x\ntitle: \u201cAI skills: a primer\u201d\n")
    assert (problem.code, problem.line, problem.column) == ("Y301", 2, 8)
    assert "\u201c" in problem.message and "not YAML quotes" in problem.message
    assert problem.hint is not None and 'title: "AI skills: a primer"' in problem.hint
    problem = refusal("co_sponsors: [\u201cJPN\u201d, VN]\n")
    assert (problem.code, problem.line, problem.column) == ("Y301", 1, 15)
    assert problem.hint is not None and 'co_sponsors: ["JPN", VN]' in problem.hint
    problem = refusal("title: \u2018AI\u2019\n")
    assert problem.hint is not None and "title: 'AI'" in problem.hint
    # After some text: only when ': ' follows, which would split the value.
    problem = refusal("title: The \u201cAI: skills\u201d primer\n")
    assert "not YAML quotes" in problem.message
    assert parse("title: The \u201cAI\u201d primer\n") == {"title": "The \u201cAI\u201d primer"}


def test_a_value_holding_colon_space_gets_the_mended_line() -> None:
    problem = refusal("id: x\ntitle: AI skills: a primer\n")
    assert (problem.code, problem.line, problem.column) == ("Y301", 2, 17)
    assert problem.hint is not None and 'title: "AI skills: a primer"' in problem.hint
    assert "while" not in problem.message and "scanning" not in problem.message
    problem = refusal("  - name: Q&A: live # note\n")
    assert problem.hint is not None and '- name: "Q&A: live" # note' in problem.hint


def test_tabs() -> None:
    problem = refusal("actions:\n  - code: B.i\n\trole: principal\n")
    assert (problem.code, problem.line, problem.column) == ("Y301", 3, 1)
    assert problem.message == "a tab is used for indentation here; indent with spaces"
    assert refused("a:\n  \tb: 1\n") == "Y301@2:3"
    assert refused("a: b\tc\n") == "Y301@1:5"
    assert refused("a:\tb\n") == "Y301@1:3"
    # In quotes and in block scalars a tab is text.
    assert parse('a: "b\tc"\nb: \'\t\'\nc: |\n  \tx\n') == {"a": "b\tc", "b": "\t", "c": "\tx\n"}


def test_duplicate_keys() -> None:
    problem = refusal("id: x\n# c\ntitle: one\nsummary: s\ntitle: two\n")
    assert (problem.code, problem.line, problem.column) == ("Y303", 5, 1)
    assert problem.message == "the key 'title' appears twice in this mapping (first on line 3)"
    assert problem.hint == "keep one of the two"
    assert refused("progress:\n  - year: 2026\n    status: x\n    year: 2027\n") == "Y303@4:5"
    assert parse("a:\n  x: 1\nb:\n  x: 1\n") == {"a": {"x": 1}, "b": {"x": 1}}


@pytest.mark.parametrize(("text", "expected"), [
    # Field names: plain words only.
    ('"title": x\n', "Y301@1:1"),
    ("'title': x\n", "Y301@1:1"),
    ("? title\n: x\n", "Y301@1:1"),
    ("foo bar: x\n", "Y301@1:1"),
    ("activity-type: x\n", "Y301@1:1"),
    ("t\u00edtulo: x\n", "Y301@1:1"),
    ("1: x\n", "Y301@1:1"),
    ("null: x\n", "Y301@1:1"),
    ("True: x\n", "Y301@1:1"),
    ("a: 1\n  <<: x\n", "Y301@2:3"),
    ("<<: {a: 1}\n", "Y307@1:1"),
    ("a:\n  - <<: x\n", "Y307@2:5"),
    ("a: <<\n", "Y307@1:4"),
    # Tags, anchors, aliases, flow mappings, nested flow collections.
    ("a: !!str 012\n", "Y304@1:4"),
    ("a: ! 2026\n", "Y304@1:4"),
    ("a: [!x y]\n", "Y304@1:5"),
    ("!x a: 1\n", "Y304@1:1"),
    ("a: &x 1\n", "Y309@1:4"),
    ("a: *x\n", "Y309@1:4"),
    ("- &x\n  a: 1\n", "Y309@1:3"),
    ("a: [*x]\n", "Y309@1:5"),
    ("a: {b: *x}\n", "Y309@1:8"),
    ("a: {b: &x 1}\n", "Y309@1:8"),
    ("a: {b: !!str 1}\n", "Y304@1:8"),
    ("a: {<<: 1}\n", "Y307@1:5"),
    # Inside { }: field names, a colon and a space, a value, commas.
    ('a: {"b": 1}\n', "Y301@1:5"),
    ("a: {b : 1}\n", "Y301@1:5"),
    ("a: {b}\n", "Y301@1:5"),
    ("a: {b, c: 1}\n", "Y301@1:5"),
    ("a: {b:c}\n", "Y301@1:6"),
    ("a: {b:}\n", "Y301@1:6"),
    ("a: {null: 1}\n", "Y301@1:5"),
    ("a: {b-c: 1}\n", "Y301@1:5"),
    ("a: {b: , c: 1}\n", "Y301@1:8"),
    ("a: {b: }\n", "Y301@1:8"),
    ("a: {,}\n", "Y301@1:5"),
    ("a: {b: 1,,}\n", "Y301@1:10"),
    ("a: {b: 1 c: 2}\n", "Y301@1:11"),
    ("a: {b: 1\n  c: 2}\n", "Y301@2:3"),
    ("a: {b: c: d}\n", "Y301@1:9"),
    ("a: {b: c:}\n", "Y301@1:9"),
    ("a: {b: ?c}\n", "Y301@1:8"),
    ("a: {b: -}\n", "Y301@1:8"),
    ("a: {b: |}\n", "Y301@1:8"),
    ("a: {b: ]}\n", "Y301@1:8"),
    ("a: {b: c]}\n", "Y301@1:9"),
    ("a: {b: c[d]}\n", "Y301@1:9"),
    ('a: {b: "c": d}\n', "Y301@1:11"),
    ("a: {b: 1}x\n", "Y301@1:10"),
    ("a: {b: 1}}\n", "Y301@1:10"),
    ("a: {b: 1}: 2\n", "Y301@1:10"),
    ("a: {b:\t1}\n", "Y301@1:7"),
    ("a: {b: 1, b: 2}\n", "Y303@1:11"),
    ("a: {b: 2026-02-30}\n", "Y313@1:8"),
    ("a: {b: 012}\n", "Y311@1:8"),
    ("a: {b: [012]}\n", "Y311@1:9"),
    ("a: {b: 1 # c}\n", "Y301@1:4"),
    ("a: {b: 1,\nc: 2}\n", "Y301@1:4"),
    ("{a: 1}\nb: 2\n", "Y301@2:1"),
    ("&a b: 1\n", "Y309@1:1"),
    ("a: {b: {c: 1}}\n", "Y310@1:8"),
    ("- {code: A.i, roles: [a, {b: 1}]}\n", "Y310@1:26"),
    ("- {code: A.i, roles: [a, [b]]}\n", "Y310@1:26"),
    ("a: {? b: 1}\n", "Y310@1:5"),
    ("a: {?b: 1}\n", "Y310@1:5"),
    ("a: {[b]: 1}\n", "Y310@1:5"),
    ("a: [[1], 2]\n", "Y310@1:5"),
    ("a: [x, {b: 1}]\n", "Y310@1:8"),
    ("a: [b: 1]\n", "Y310@1:6"),
    ("a: [b:]\n", "Y310@1:6"),
    ("a: ['b': 1]\n", "Y310@1:8"),
    ("a: [?x]\n", "Y310@1:5"),
    # Directives and documents.
    ("%YAML 1.1\n---\na: 1\n", "Y308@1:1"),
    ("# c\n%TAG ! tag:x\n---\na: 1\n", "Y308@2:1"),
    ("a: 1\n---\nb: 2\n", "Y302@2:1"),
    ("---\n---\na: 1\n", "Y302@2:1"),
    ("a: 1\n...\nb: 2\n", "Y302@3:1"),
    ("a: 1\n...\n---\n", "Y302@3:1"),
    ("a: 1\n...\n# c\n...\n", "Y302@4:1"),
    ("...\n", "Y301@1:1"),
    ("--- a: 1\n", "Y301@1:5"),
    # Quotes and brackets never closed: where they opened.
    ("a: 'abc\nb: 1\n", "Y301@1:4"),
    ('id: x\ntitle: "abc\n  def\nsummary: x\n', "Y301@2:8"),
    ("id: x\nlead: [JPN\nactions: x\n", "Y301@2:7"),
    ("a: [b, c\n", "Y301@1:4"),
    ("a: 'x'y\n", "Y301@1:7"),
    ("a: [x]y\n", "Y301@1:7"),
    ('a: "\\q"\n', "Y301@1:5"),
    ('a: "\\x4"\n', "Y301@1:5"),
    # Indentation and shapes.
    ("a: 1\nb\n", "Y301@2:1"),
    ("a:b\nc: 1\n", "Y301@1:1"),
    ("a:\n    b: 1\n  c: 2\n", "Y301@3:3"),
    ("a:\n  - b\n  c: 2\n", "Y301@3:3"),
    ("a: - x\n", "Y301@1:4"),
    ("a: x\n  - y\n", "Y301@2:3"),
    ("- code: A\n    role: x\n", "Y301@2:5"),
    ("a: 'x'\n  b: 1\n", "Y301@2:3"),
    ("a: x # c\n  y\n", "Y301@2:3"),
    ("- a\nb: 1\n", "Y301@2:1"),
    ("a: 1\n- b\n", "Y301@2:1"),
    ("a: @x\n", "Y301@1:4"),
    ("a: `x\n", "Y301@1:4"),
    ("a: %x\n", "Y301@1:4"),
    ("a: ,x\n", "Y301@1:4"),
    ("a: =\n", "Y301@1:4"),
    ("a: |x\n", "Y301@1:4"),
    ("|\n  x\n", "Y301@1:1"),
    ("a: |\n \n  x\n", "Y301@2:1"),
    ("a: [,]\n", "Y301@1:5"),
    ("a: [x,,y]\n", "Y301@1:7"),
    ("a: [x y z\n  w]\n", None),
    # Dates that do not exist (ruamel.yaml cannot read a file holding one).
    ("a: 2026-02-30\n", "Y313@1:4"),
    ("a: 2026-13-01\n", "Y313@1:4"),
    ("a: [2026-01-32]\n", "Y313@1:5"),
])
def test_refusals(text: str, expected: str | None) -> None:
    if expected is None:
        assert parse(text) == {"a": ["x y z w"]}
    else:
        assert refused(text) == expected


def test_messages_speak_plainly() -> None:
    problem = refusal("id: x\nlead: [JPN\nactions: x\n")
    assert problem.message == "the [ list opened here is never closed"
    problem = refusal("a:\n    b: 1\n  c: 2\n")
    assert "line 1" in problem.message or "line 2" in problem.message
    problem = refusal("a: 1\ntitle AI skills\n")
    assert "colon" in problem.message
    problem = refusal("foo bar: x\n")
    assert problem.hint is not None and "letters" in problem.hint and "activity_type" in problem.hint
    for text in ("a: 'abc\n", "a:\n  - b\n  c: 2\n", "a: b: c\n", '"a": 1\n', "a: [x\n"):
        message = refusal(text).message
        assert "scanning" not in message and "token" not in message and "while" not in message


def test_directive_hint_keeps_the_yaml_1_1_explanation() -> None:
    problem = refusal("%YAML 1.1\n---\ntitle: NO\n")
    assert problem.message == "records take no directives: remove the %YAML line"
    assert problem.hint is not None and "NO" in problem.hint and "on" in problem.hint and "yes" in problem.hint


def test_flow_mapping_messages() -> None:
    problem = refusal("- {code: X, name: Q&A: live, parent: SCE}\n")
    assert (problem.code, problem.line, problem.column) == ("Y301", 1, 22)
    assert problem.hint is not None and '"Q&A: live"' in problem.hint
    problem = refusal("- {code: X\n   name: Y}\n")
    assert problem.message == "a comma is missing before the field 'name'"
    problem = refusal("- {code: X, name: \u201cAI: skills\u201d}\n")
    assert "not YAML quotes" in problem.message
    assert problem.hint is not None and '- {code: X, name: "AI: skills"}' in problem.hint
    problem = refusal("fora:\n  - {code: CTI}\n  - {code: SCE,\n     code: EC}\n")
    assert (problem.code, problem.line, problem.column) == ("Y303", 4, 6)
    assert problem.message == "the key 'code' appears twice in this mapping (first on line 3)"
    problem = refusal("- {code: X, name: Y\n")
    assert problem.message == "the { mapping opened here is never closed"
    assert (problem.line, problem.column) == (1, 3)
    problem = refusal("a: {b: {c: 1}}\n")
    assert problem.hint is not None and "field: value" in problem.hint


def test_field_names_longer_than_yaml_allows() -> None:
    # ruamel.yaml refuses a key of more than 1024 characters.
    for text in ("{}: 1\n", "a:\n  - {}: 1\n", "a: {{{}: 1}}\n"):
        assert parse(text.format("k" * 1024)) is not None
        assert refusal(text.format("k" * 1025)).code == "Y301"


def test_year_with_leading_underscore_stays_text() -> None:
    assert parse("year: _2026\n") == {"year": "_2026"}


# ---------------------------------------------------------------------------
# Nesting and time


def nested_mappings(depth: int) -> str:
    return "".join(" " * level + f"k{level}:\n" for level in range(depth))


def test_nesting_limit() -> None:
    assert parse(nested_mappings(MAX_DEPTH - 1) + " " * (MAX_DEPTH - 1) + "leaf: 1\n") is not None
    assert refused(nested_mappings(MAX_DEPTH) + " " * MAX_DEPTH + "leaf: 1\n") == "Y312@17:17"
    assert parse("- " * MAX_DEPTH + "x\n") is not None
    assert refused("- " * (MAX_DEPTH + 1) + "x\n") == "Y312@1:33"
    # A flow sequence is a level too.
    assert parse("- " * (MAX_DEPTH - 1) + "[x]\n") is not None
    assert refused("- " * MAX_DEPTH + "[x]\n") == "Y312@1:33"
    # So is a flow mapping, and a flow sequence inside it.
    assert parse("- " * (MAX_DEPTH - 1) + "{a: 1}\n") is not None
    assert refused("- " * MAX_DEPTH + "{a: 1}\n") == "Y312@1:33"
    assert parse("- " * (MAX_DEPTH - 2) + "{a: [x]}\n") is not None
    assert refused("- " * (MAX_DEPTH - 1) + "{a: [x]}\n") == "Y312@1:35"


def test_more_values_than_a_record_could_need_are_refused() -> None:
    """A document of more than MAX_VALUES values (the mapping and the list count
    too) is refused at 1:1 (Y314), whatever its shape, before anything checks
    each value."""
    assert len(parse("a: [" + "x, " * (MAX_VALUES - 2) + "]\n")["a"]) == MAX_VALUES - 2
    assert refused("a: [" + "x, " * (MAX_VALUES - 1) + "]\n") == "Y314@1:1"
    assert refused("a:\n" + "  - {b: c}\n" * (MAX_VALUES // 2)) == "Y314@1:1"
    assert refused("".join(f"k{index}: v\n" for index in range(MAX_VALUES))) == "Y314@1:1"
    # A long text of few values is not refused.
    assert parse("a: " + "x" * (MAX_VALUES * 50) + "\n") == {"a": "x" * (MAX_VALUES * 50)}


def test_deep_nesting_is_refused_without_recursion() -> None:
    started = time.process_time()
    assert refused("- " * 100_000 + "x\n") == "Y312@1:33"
    assert refused("".join(" " * level + "-\n" for level in range(2_000))) == "Y312@17:17"
    # Nested flow sequences are refused at the second bracket (Y310), before
    # any depth is reached.
    assert refused("[" * 100_000 + "]" * 100_000 + "\n") == "Y310@1:2"
    assert refused("a: " + "[" * 100_000 + "\n") == "Y310@1:5"
    assert time.process_time() - started < RUNAWAY_SECONDS


ADVERSARIAL = {
    "dashes": "- " * 100_000,
    "brackets": "[" * 200_000,
    "braces": "{" * 200_000,
    "one long word": "a: " + "x" * 200_000 + "\n",
    "long plain with spaces": "a: " + "x " * 100_000 + "\n",
    "spaces then a colon": "a: x" + " " * 200_000 + ":\n",
    "a long key": "k" * 200_000 + ": 1\n",
    "many keys": "".join(f"k{index}: v\n" for index in range(20_000)),
    "many duplicate-looking keys": "".join(f"k{index}: v\n" for index in range(20_000)) + "k0: v\n",
    "many items": "a:\n" + "  - x\n" * 40_000,
    "a long flow list": "a: [" + "x, " * 60_000 + "]\n",
    "an unclosed flow list": "a: [" + "x,\n  " * 40_000,
    "a long flow mapping": "a: {" + "".join(f"k{index}: x, " for index in range(20_000)) + "}\n",
    "an unclosed flow mapping": "a: {" + "".join(f"k{index}: [x],\n  " for index in range(20_000)),
    "many flow mappings": "a:\n" + "  - {code: A.i, name: x y, l: [a, b]}\n" * 3_000,
    "a long multi-line plain": "a: x\n" + "  y\n" * 50_000,
    "a long quoted text": 'a: "' + "\\t" * 100_000 + '"\n',
    "an unclosed quote": "a: '" + "x\n  " * 50_000,
    "many escaped line breaks": 'a: "' + "x\\\n  " * 40_000 + '"\n',
    "a long block scalar": "a: >\n" + "  word\n\n" * 30_000,
    "indentation staircase": "".join(" " * (level % 16) + f"k{level}:\n" for level in range(8_000)),
    "comments": "# c\n" * 50_000 + "a: 1\n",
    "blank lines in a block": "a: |\n" + "\n" * 100_000 + "  x\n",
    "a long number": "a: " + "1" * 200_000 + "\n",
    "a long line of hashes": "a: x" + " #" * 100_000 + "\n",
    "many colons": "a: " + "x:" * 100_000 + "\n",
    "many dashes on lines": "".join("- " * 15 + "x\n" for _ in range(3_000)),
    # Each quoted item once made a copy of the rest of its line: 3 s for 1 MiB.
    "a long line of double-quoted items": "a: [" + '"ab", ' * 100_000 + "]\n",
    "a long line of single-quoted items": "a: [" + "'ab', " * 100_000 + "]\n",
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_inputs_take_bounded_time(name: str) -> None:
    text = ADVERSARIAL[name]
    assert len(text) > 90_000
    started = time.process_time()
    with contextlib.suppress(YamlProblem):
        parse(text)
    assert time.process_time() - started < RUNAWAY_SECONDS
    started = time.process_time()
    locate(text, ["a", 0])
    assert time.process_time() - started < RUNAWAY_SECONDS


# ---------------------------------------------------------------------------
# locate()


RECORD = """\
# a comment
id: record-one
title: AI skills
summary: >-
  A training programme
  on AI.
reporter: JPN
co_sponsors: [ROK, 'VN', "HKC"]
empty:
actions:
  - code: B.i
    role: principal
  -   code: A.ii
progress:
- year: 2026
  narrative: |
    Two workshops.
  indicators:
    - name: officials trained
      value: 120
list_of_lists:
  - - x
    - y
quoted: "text"
fora:
  - {code: CTI, name: Committee}
  - {code: PPSTI, name: "Science, Technology",
     parent: SCE, aliases: [PP, 'ST']}
"""


@pytest.mark.parametrize(("path", "key", "expected"), [
    ([], False, (2, 1)),  # the document: its first key
    (["id"], False, (2, 5)),
    (["id"], True, (2, 1)),
    (["title"], True, (3, 1)),
    (["summary"], False, (4, 10)),  # a block scalar: its > indicator
    (["co_sponsors"], False, (8, 14)),  # a flow sequence: its [
    (["co_sponsors", 0], False, (8, 15)),
    (["co_sponsors", 1], False, (8, 20)),  # a quoted item: its quote
    (["co_sponsors", 2], False, (8, 26)),
    (["co_sponsors", 3], False, (8, 14)),  # past the end: the list
    (["empty"], False, (9, 1)),  # an empty value: its key
    (["empty"], True, (9, 1)),
    (["actions"], False, (11, 3)),  # a block sequence: its first -
    (["actions", 0], False, (11, 5)),  # a compact mapping: its first key
    (["actions", 0, "role"], False, (12, 11)),
    (["actions", 0, "role"], True, (12, 5)),
    (["actions", 1], False, (13, 7)),
    (["actions", 1, "code"], False, (13, 13)),
    (["actions", 1, "role"], False, (13, 7)),  # missing: the mapping it belongs in
    (["actions", 5], False, (11, 3)),
    (["actions", 5, "code"], False, (11, 3)),
    (["progress"], False, (15, 1)),  # an indentless sequence
    (["progress", 0, "narrative"], False, (16, 14)),
    (["progress", 0, "indicators", 0, "value"], False, (20, 14)),
    (["progress", 0, "indicators", 0, "value"], True, (20, 7)),
    (["list_of_lists", 0], False, (22, 5)),
    (["list_of_lists", 0, 1], False, (23, 7)),
    (["quoted"], False, (24, 9)),
    (["missing"], False, (2, 1)),  # a missing top-level field: the first key
    (["missing"], True, (2, 1)),
    (["title", "deeper"], False, (3, 8)),  # below a scalar: the scalar
    (["actions", "code"], False, (11, 3)),  # a key where an index belongs
    (["id", 0], False, (2, 5)),
    (["fora", 0], False, (26, 5)),  # a flow mapping: its {
    (["fora", 0, "name"], False, (26, 23)),
    (["fora", 0, "name"], True, (26, 17)),
    (["fora", 1, "name"], False, (27, 25)),  # a quoted value: its quote
    (["fora", 1, "parent"], False, (28, 14)),
    (["fora", 1, "parent"], True, (28, 6)),
    (["fora", 1, "aliases"], False, (28, 28)),
    (["fora", 1, "aliases", 1], False, (28, 33)),
    (["fora", 1, "missing"], False, (27, 5)),
])
def test_locate(path: list[str | int], key: bool, expected: tuple[int, int]) -> None:
    assert locate(RECORD, path, key=key) == Position(*expected)


def test_locate_on_text_that_does_not_parse_and_on_other_documents() -> None:
    assert locate("a: [b\n", ["a"]) is None
    assert locate("a: 1\na: 2\n", ["a"]) is None
    assert locate("", ["a"]) == Position(1, 1)
    assert locate("- a\n- b\n", [1]) == Position(2, 3)
    assert locate("\ufefftitle: x\r\nb: y\r\n", ["b"]) == Position(2, 4)
    assert locate("a:\n  x\n", ["a"]) == Position(2, 3)  # a value on the line after its key
    assert locate("a: [x,\n  y]\n", ["a", 1]) == Position(2, 3)
    # Columns count characters, not bytes.
    assert locate("t\u00edtle_ok: x\nb: \u4eba\u5de5 [\n", ["b"]) is None
    assert locate("a: \u4eba\u5de5\nb: \u00e9\n", ["b"]) == Position(2, 4)
    assert locate("a: [\u4eba, \u5de5]\n", ["a", 1]) == Position(1, 8)


def test_locate_matches_parse_on_every_valid_case() -> None:
    for path in VALID:
        text = decode(path.read_bytes()).text
        try:
            data = parse(text)
        except YamlProblem:
            continue
        for field in data:
            position = locate(text, [field], key=True)
            assert position is not None
            line = text.split("\n")[position.line - 1]
            assert line[position.column - 1:].startswith(f"{field}:"), (path.name, field)


def test_long_flow_lists_of_numbers_take_linear_time() -> None:
    started = time.process_time()
    assert parse("a: [" + "1, " * (MAX_VALUES - 2) + "]\n") == {"a": [1] * (MAX_VALUES - 2)}
    assert refused("a: [" + "1, " * 60_000 + "]\n") == "Y314@1:1"  # read whole, then counted
    assert time.process_time() - started < RUNAWAY_SECONDS
    assert refused("a: [" + "1, " * 60_000 + "012]\n") == "Y311@1:180005"


SCALING: dict[str, Callable[[int], str]] = {
    "fields": lambda n: "".join(f"k{index}: value {index}\n" for index in range(n)),
    "nested items": lambda n: "a:\n" + "  - code: A.i\n    role: x\n    list: [a, 1, 'b']\n" * n,
    "dashes": lambda n: ("- " * 15 + "x\n") * n,
    "folded text": lambda n: "a: >-\n" + "  word word\n\n" * n,
    "plain lines": lambda n: "a: x\n" + "  y z\n" * n,
    "flow over lines": lambda n: "a: [\n" + "  x, 'y',\n" * n + "]\n",
    "escapes": lambda n: 'a: "' + "\\t\\u00e9 \\\n  " * n + '"\n',
    "positions": lambda n: "a:\n" + "  - b: [c, d]\n" * n,
    "flow mappings": lambda n: "a:\n" + "  - {code: A.i, name: 'x, y',\n     l: [c, d]}\n" * n,
    "one long flow mapping": lambda n: "a: {" + "".join(f"k{index}: [x], " for index in range(n)) + "}\n",
    # Each quoted item once made a copy of the rest of its line: 3 s for 1 MiB.
    # Ten times as many items, so that such copies would show at these sizes.
    "double-quoted items on one line": lambda n: "a: [" + '"ab", ' * (10 * n) + "]\n",
    "single-quoted items on one line": lambda n: "a: [" + "'ab', " * (10 * n) + "]\n",
}


@pytest.mark.parametrize("name", sorted(SCALING))
def test_time_grows_linearly(name: str) -> None:
    """Four times the text takes about four times as long (at most eight)."""
    make = SCALING[name]

    def best(text: str) -> float:
        # The best of five, the collector held off: the growth of the reader's
        # own work, not a collection or a busy neighbour that happened to fall in.
        times = []
        gc.collect()
        gc.disable()
        try:
            for _ in range(5):
                started = time.process_time()
                try:
                    parse(text)
                except YamlProblem as problem:
                    assert problem.code == "Y314"  # more values than a record holds: read whole, then counted
                if name == "positions":
                    locate(text, ["a", 0, "b", 1])
                    _parse_tracked.cache_clear()
                times.append(time.process_time() - started)
        finally:
            gc.enable()
        return min(times)

    small, large = make(1_000), make(4_000)
    assert best(large) < 8 * max(best(small), 0.002)
