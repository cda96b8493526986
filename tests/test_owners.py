"""Ownership: `tracker owners` writes .github/CODEOWNERS from the reference data,
and `tracker validate` reports one that has gone stale (O701)."""

from __future__ import annotations

import json

from apec_tracker.reading.reference import ReferenceDataError, load_framework
from tests.conftest import TrackerRepo


def _set_owners(tracker_repo: TrackerRepo, *, jpn: str = "", ppsti: str = "") -> None:
    economies = tracker_repo.root / "data/reference/economies.yaml"
    text = economies.read_text(encoding="utf-8")
    text = text.replace("{code: JPN, name: Japan, aliases: [JP, Japanese]}",
                        "{code: JPN, name: Japan, aliases: [JP, Japanese], owners: [" + jpn + "]}")
    economies.write_text(text, encoding="utf-8")
    fora = tracker_repo.root / "data/reference/fora.yaml"
    text = fora.read_text(encoding="utf-8")
    text = text.replace('{code: PPSTI, name: "Policy Partnership on Science, Technology and Innovation", parent: SCE}',
                        '{code: PPSTI, name: "Policy Partnership on Science, Technology and Innovation", '
                        'parent: SCE, owners: [' + ppsti + ']}')
    fora.write_text(text, encoding="utf-8")


def test_owners_writes_codeowners(tracker_repo: TrackerRepo, tracker) -> None:
    _set_owners(tracker_repo, jpn='"@jp-digital-agency", "@meti-jp/ai"', ppsti='"@ppsti-chair"')
    result = tracker("owners")
    assert result.exit_code == 0
    assert result.stdout == "wrote .github/CODEOWNERS\n"
    lines = (tracker_repo.root / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
    rules = [line for line in lines if line and not line.startswith("#")]
    # The Secretariat owns everything first; later lines win on GitHub.
    assert rules[0] == "* @apec-tracker/secretariat"
    assert "/data/economies/JPN/ @jp-digital-agency @meti-jp/ai @apec-tracker/secretariat" in rules
    assert "/data/fora/PPSTI/ @ppsti-chair @apec-tracker/secretariat" in rules
    assert "/data/economies/ROK/ @apec-tracker/secretariat" in rules
    assert "/data/reference/ @apec-tracker/secretariat" in rules
    assert len([r for r in rules if r.startswith("/data/economies/")]) == 21
    # Bodies report from data/bodies/<CODE>/, looked after by their owners and the Secretariat.
    assert "/data/bodies/ABAC/ @apec-tracker/secretariat" in rules
    assert "/data/bodies/DAMM/ @apec-tracker/secretariat" in rules
    # Nothing changed: nothing written.
    assert tracker("owners").stdout == ".github/CODEOWNERS is up to date.\n"


def test_check_and_validate_report_stale_codeowners(tracker_repo: TrackerRepo, tracker, valid_record) -> None:
    tracker_repo.write("data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml", valid_record)
    # No CODEOWNERS: the repository has not opted in, and validate is silent.
    assert tracker("validate").exit_code == 0
    assert tracker("owners", "--check").exit_code == 1
    assert tracker("owners").exit_code == 0
    assert tracker("owners", "--check").exit_code == 0
    assert tracker("validate").exit_code == 0

    _set_owners(tracker_repo, jpn='"@jp-digital-agency"')
    check = tracker("owners", "--check")
    assert check.exit_code == 1
    assert "out of date" in check.stderr
    result = tracker("validate", "--format", "json")
    assert result.exit_code == 1
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert diagnostic["code"] == "O701"
    assert diagnostic["path"] == ".github/CODEOWNERS"
    codeowners = (tracker_repo.root / ".github/CODEOWNERS").read_text().splitlines()
    assert codeowners[diagnostic["line"] - 1].startswith("/data/economies/JPN/")
    assert "tracker owners" in diagnostic["hint"]

    assert tracker("owners").exit_code == 0
    assert tracker("validate").exit_code == 0


def test_malformed_owner_is_refused(tracker_repo: TrackerRepo, tracker) -> None:
    _set_owners(tracker_repo, jpn='"jp digital agency"')
    try:
        load_framework(tracker_repo.root / "data/reference")
    except ReferenceDataError as error:
        assert "owners" in str(error)
    else:
        raise AssertionError("a malformed owner was accepted")
    result = tracker("owners")
    assert result.exit_code == 2
    assert "reference data is broken" in result.stderr


def test_secretariat_without_owners_is_misuse(tracker_repo: TrackerRepo, tracker) -> None:
    fora = tracker_repo.root / "data/reference/fora.yaml"
    fora.write_text(fora.read_text().replace('owners: ["@apec-tracker/secretariat"]', "owners: []"))
    result = tracker("owners")
    assert result.exit_code == 2
    assert "Secretariat has no owners" in result.stderr
    assert not (tracker_repo.root / ".github/CODEOWNERS").exists()


def test_the_repositorys_own_codeowners_is_current() -> None:
    from pathlib import Path

    from apec_tracker.domain.ownership import CODEOWNERS, codeowners_text

    root = Path(__file__).resolve().parent.parent
    framework = load_framework(root / "data/reference")
    assert (root / CODEOWNERS).read_text(encoding="utf-8") == codeowners_text(framework), \
        "run `tracker owners` and commit .github/CODEOWNERS"
