"""The law of add-activity: whatever it writes, `tracker validate` accepts and
reads back as the very record that was meant."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apec_tracker._speed import no_store
from apec_tracker.authoring import new_record as author
from apec_tracker.domain.framework import Framework
from apec_tracker.domain.layout import Repository
from apec_tracker.reading.reference import load_framework
from tests.conftest import REFERENCE, validated

TODAY = date(2027, 6, 30)
FRAMEWORK: Framework = load_framework(REFERENCE)

# The invisible bidirectional controls records refuse (E206: text that reads
# other than it is): add-activity refuses them too (see the test below).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# Any printable text a person might type, in any script, with YAML's
# troublemakers (: # - ' " [ { & * ! | > % @ `) and the odd line break.
words = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn"), include_characters="\n",
                           exclude_characters=BIDI_CONTROLS),
    min_size=1, max_size=120,
).map(str.strip).filter(bool)
yaml_like = st.sampled_from(["yes", "no", "null", "~", "1e3", "0x1F", "2026-03-01", "- item", "key: value",
                             "#hash", "'quoted'", '"double"', "[list]", "{map}", "&anchor", "*alias", "!tag",
                             "|", ">", "@at", "%percent", "  indented", "tab\there"])
text = st.one_of(words, yaml_like.map(str.strip).filter(bool), st.lists(words, min_size=12, max_size=30).map(" ".join))


def codes(choices: list[str], max_size: int = 4) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(choices), unique=True, max_size=max_size)


@st.composite
def drafts(draw: st.DrawFn) -> author.Draft:
    reporter = draw(st.sampled_from([*FRAMEWORK.economies, *FRAMEWORK.fora]))
    actions = draw(codes(list(FRAMEWORK.actions), 4).filter(bool))
    values: dict[str, object] = {
        "reporter": reporter,
        "title": draw(text),
        "summary": draw(text),
        "actions": [{"code": code,
                     "role": "principal" if i == 0 else draw(st.sampled_from(["principal", "significant"]))}
                    for i, code in enumerate(actions)],
        "activity_type": draw(st.sampled_from(list(FRAMEWORK.activity_types))),
        "status": draw(st.sampled_from(["planned", "ongoing", "completed", "cancelled", "suspended"])),
        "lead_economies": draw(codes(list(FRAMEWORK.economies))),
        "co_sponsors": draw(codes(list(FRAMEWORK.economies))),
        "partner_fora": draw(codes(list(FRAMEWORK.fora))),
        "partners": draw(codes(list(FRAMEWORK.partners))),
        "target_groups": draw(codes(list(FRAMEWORK.target_groups))),
        "aider_focus_areas": draw(codes(list(FRAMEWORK.aider_focus_areas))),
        "links": draw(st.lists(st.from_regex(r"https://[a-z]{1,10}\.org/[A-Za-z0-9/?=&#%._-]{0,30}",
                                             fullmatch=True), unique=True, max_size=2)),
    }
    start = draw(st.one_of(st.none(), st.dates(date(2024, 1, 1), date(2030, 12, 31))))
    if start is not None:
        values["planned_start"] = start
        if draw(st.booleans()):
            values["planned_end"] = start + timedelta(days=draw(st.integers(0, 2000)))
    if draw(st.booleans()):
        funding: dict[str, object] = {"source": draw(text)}
        amount = draw(st.one_of(st.none(), st.integers(0, 10**9), st.floats(0, 1e9, allow_nan=False)))
        if amount is not None:
            funding["amount_usd"] = amount
        values["funding"] = funding
    if draw(st.booleans()):
        project = draw(st.from_regex(r"[A-Z]{2,6}_\d{3}_20\d\dA", fullmatch=True))
        values["apec_project"] = project
    draft = author.Draft()
    for key, value in values.items():
        draft.set(key, value)
    return draft


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repository:
    root = tmp_path_factory.mktemp("roundtrip")
    shutil.copytree(REFERENCE, root / "data" / "reference")
    return Repository(root)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(draft=drafts())
def test_what_add_activity_writes_validates_and_reads_back_equal(repo: Repository, draft: author.Draft) -> None:
    written = author.create(repo, FRAMEWORK, draft, today=TODAY, store=no_store())
    try:
        result = validated(repo.root, TODAY)
        # R511 and R517 are warnings about the choices drawn (a lead also co-sponsor; no date).
        errors = [d for d in result.diagnostics if d.code not in ("R511", "R517")]
        assert errors == [], written.text
        [loaded] = result.records
        assert loaded.activity == written.activity, written.text
        assert written.path.read_text(encoding="utf-8") == written.text
        assert written.text.startswith("# yaml-language-server: $schema=../../../schema/activity.schema.json\n")
        # No empty noise: no empty lists, no nulls, no empty mappings.
        assert not any(line.rstrip().endswith((": []", ": null", ": {}", ":  ~")) for line in written.text.splitlines())
    finally:
        Path(written.path).unlink()


@pytest.mark.parametrize("control", BIDI_CONTROLS, ids=lambda control: f"U+{ord(control):04X}")
def test_a_bidirectional_control_is_refused_and_nothing_written(repo: Repository, control: str) -> None:
    draft = author.Draft({"reporter": "AUS", "title": "AI skills", "summary": f"Training {control}for officials.",
                          "actions": [{"code": "A.i", "role": "principal"}], "activity_type": "project",
                          "status": "planned"})
    with pytest.raises(author.RecordRefused) as refused:
        author.create(repo, FRAMEWORK, draft, today=TODAY, store=no_store())
    assert [d.code for d in refused.value.verdict.errors] == ["E206"]
    assert not list((repo.root / "data" / "economies").glob("*/*.yaml"))
