"""The framework the tool ships is the Leaders' text, word for word.

data/reference/framework.yaml is compared with docs/initiative-2026-2030.txt,
the copy of the Initiative the project keeps. That copy came from a PDF; the
only artefacts mended (as framework.yaml's header says) are "Al" for "AI",
words joined or split across line and page breaks, and "capacitybuilding".
"""

from __future__ import annotations

import re

import pytest

from apec_tracker.domain.framework import Framework
from apec_tracker.domain.record import Activity, Level
from apec_tracker.reading.reference import load_framework
from tests.conftest import PROJECT_ROOT, REFERENCE

SEED = PROJECT_ROOT / "docs" / "initiative-2026-2030.txt"

# The 21 member economies as APEC writes them, with the codes APEC uses.
ECONOMIES = {
    "AUS": "Australia", "BD": "Brunei Darussalam", "CDA": "Canada", "CHL": "Chile", "PRC": "China",
    "HKC": "Hong Kong, China", "INA": "Indonesia", "JPN": "Japan", "ROK": "Korea", "MAS": "Malaysia",
    "MEX": "Mexico", "NZ": "New Zealand", "PNG": "Papua New Guinea", "PE": "Peru", "PHL": "Philippines",
    "RUS": "Russia", "SGP": "Singapore", "CT": "Chinese Taipei", "THA": "Thailand", "USA": "United States",
    "VN": "Viet Nam",
}
ACTIONS = {
    "A.i": "Voluntary Review", "A.ii": "Stakeholder Collaboration", "A.iii": "Policy Exchange",
    "A.iv": "Secure and Reliable Adoption", "B.i": "Public Sector Capacity", "B.ii": "Private Sector Capacity",
    "B.iii": "Workforce Capacity", "B.iv": "Consumer Capacity and Trust",
    "B.v": "Regional Cooperation on Capacity Building", "C.i": "Public Policy", "C.ii": "Private Sector",
    "C.iii": "Investment Collaboration",
}


def normalise(text: str) -> str:
    """The seed's text without its PDF artefacts, on one line."""
    text = text.replace("**", "")
    text = re.sub(r"^\s*- ", "", text, flags=re.MULTILINE)  # the converter's list bullets
    text = re.sub(r"\bAl\b", "AI", text)  # a lower-case L read for a capital I
    text = text.replace("capacitybuilding", "capacity-building")
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seed() -> str:
    return normalise(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework(REFERENCE)


def test_seed_copy_is_the_shared_seed_when_present() -> None:
    shared = PROJECT_ROOT.parent / "shared" / "seed" / "apec-ai-initiative-2026-2030.txt"
    if not shared.is_file():
        pytest.skip("the shared seed is not beside this checkout")
    assert SEED.read_bytes() == shared.read_bytes()


def test_normalising_mends_only_the_known_artefacts(seed: str) -> None:
    assert "Al " not in seed and "Al's" not in seed and "capacitybuilding" not in seed
    assert "Cultivating an Investment Ecosystem for Resilient AI Infrastructure:" in seed


def test_three_objectives_a_to_c_verbatim(framework: Framework, seed: str) -> None:
    assert [objective.code for objective in framework.objectives] == ["a", "b", "c"]
    for objective in framework.objectives:
        assert f"{objective.code}. {normalise(objective.text)}" in seed


def test_three_goals_a_to_c_verbatim(framework: Framework, seed: str) -> None:
    assert [goal.code for goal in framework.goals] == ["A", "B", "C"]
    for goal in framework.goals:
        assert f"{goal.code}. {goal.title}: {normalise(goal.text)}" in seed


def test_twelve_actions_with_their_codes_and_titles(framework: Framework) -> None:
    assert {code: action.title for code, action in framework.actions.items()} == ACTIONS
    assert list(framework.actions) == list(ACTIONS)


@pytest.mark.parametrize("code", list(ACTIONS))
def test_each_action_text_is_the_leaders_text(framework: Framework, seed: str, code: str) -> None:
    action = framework.actions[code]
    goal = framework.goals_by_code[action.goal_code]
    roman = code.split(".")[1]
    goal_at = seed.index(f"{goal.code}. {goal.title}:")
    passage = f"{roman}. {action.title}: {normalise(action.text)}"
    # The passage stands under its own goal, not under another.
    assert passage in seed
    assert seed.index(passage, goal_at) > goal_at
    later_goals = [seed.index(f"{g.code}. {g.title}:") for g in framework.goals if g.code > goal.code]
    assert all(seed.index(passage, goal_at) < later for later in later_goals)


def test_period_and_baseline(framework: Framework) -> None:
    period = framework.period
    assert (period.start, period.end, period.baseline, period.final_review) == (2026, 2030, 2025, 2030)


def test_twenty_one_economies_with_apec_names(framework: Framework) -> None:
    assert {code: economy.name for code, economy in framework.economies.items()} == ECONOMIES


@pytest.mark.parametrize(("alias", "code"), [("Korea", "ROK"), ("Vietnam", "VN"), ("Hong Kong", "HKC"),
                                             ("Taiwan", "CT"), ("Brunei", "BD"), ("US", "USA")])
def test_common_names_point_to_the_code(framework: Framework, alias: str, code: str) -> None:
    assert framework.economy_hint(alias).startswith(f"did you mean {code} ")


def test_fora_partners_and_aider_areas(framework: Framework) -> None:
    assert {"CTI", "SCE", "EC", "BMC", "DESG", "SCSC", "TELWG", "HRDWG", "SMEWG", "PPSTI", "PPWE", "HWG",
            "ATCWG", "PPFS", "EWG"} <= set(framework.fora)
    assert framework.fora["DESG"].parent == "CTI" and framework.fora["TELWG"].parent == "SCE"
    assert set(framework.partners) == {"ABAC", "PECC"}
    assert len(framework.aider_focus_areas) == 11


def test_bodies_that_are_neither_economies_nor_fora(framework: Framework) -> None:
    # Paragraph 5 names ABAC and PECC as partners; the Initiative names Leaders, Ministers,
    # the senior officials and the Secretariat's Policy Support Unit's kind of work.
    assert {"AELM", "AMM", "SOM", "DAMM", "SEC", "PSU", "ABAC", "PECC"} <= set(framework.bodies)
    assert framework.partners == {code: framework.bodies[code] for code in ("ABAC", "PECC")}
    assert framework.bodies["ABAC"].kind == "business advisory council"
    assert framework.bodies["AELM"].name == "APEC Economic Leaders' Meeting"
    assert not set(framework.bodies) & (set(framework.economies) | set(framework.fora))
    assert framework.reporters == set(framework.economies) | set(framework.fora) | set(framework.bodies)
    assert framework.reporter_name("PSU") == "APEC Policy Support Unit"
    assert framework.forum_hint("SOM").startswith("SOM is an APEC body, not a forum")
    assert framework.body_hint("abac") == "did you mean ABAC?"


@pytest.mark.parametrize(("reporter", "level", "expected"), [
    ("JPN", None, Level.ECONOMY), ("DESG", None, Level.APEC_WIDE), ("DAMM", None, Level.APEC_WIDE),
    ("JPN", Level.APEC_WIDE, Level.APEC_WIDE), ("ABAC", Level.ECONOMY, Level.ECONOMY),
])
def test_a_records_level_is_its_own_or_its_reporters(framework: Framework, reporter: str, level: Level | None,
                                                      expected: Level) -> None:
    activity = Activity.model_validate({
        "id": "x-2026-level", "title": "t", "summary": "s", "reporter": reporter, "level": level,
        "actions": [{"code": "A.iii", "role": "principal"}], "activity_type": "meeting", "status": "planned"})
    assert activity.level_in(framework.economies) is expected


def test_no_countries_in_what_the_reference_data_says(framework: Framework) -> None:
    # Comments may quote the rule; the names and texts users see never say "country".
    said = [framework.title, *(o.text for o in framework.objectives), *(g.text for g in framework.goals),
            *(a.text for a in framework.actions.values()), *(e.name for e in framework.economies.values()),
            *(f.name for f in framework.fora.values()), *(t.name for t in framework.target_groups.values())]
    assert not [text for text in said if "countr" in text.lower()]
