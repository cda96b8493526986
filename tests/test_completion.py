"""Shell completion of codes and record ids: the callbacks Typer calls on Tab."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from apec_tracker.cli import app
from apec_tracker.cli.completion import (
    complete_action,
    complete_economy,
    complete_forum,
    complete_goal,
    complete_record_id,
    complete_year,
)
from tests.conftest import TrackerRepo


class _Root:
    def __init__(self, repo: Path | None):
        self.params = {"repo": repo}


class _Context:
    """What the callbacks use of typer.Context: the root's --repo."""

    def __init__(self, repo: Path | None):
        self.root = _Root(repo)

    def find_root(self) -> _Root:
        return self.root


def _ctx(repo: Path | None) -> typer.Context:
    return _Context(repo)  # type: ignore[return-value]


def test_codes_complete_with_their_names(tracker_repo: TrackerRepo) -> None:
    ctx = _ctx(tracker_repo.root)
    assert complete_economy(ctx, "J") == [("JPN", "Japan")]
    assert ("HKC", "Hong Kong, China") in complete_economy(ctx, "")
    assert len(complete_economy(ctx, "")) == 21
    assert complete_economy(ctx, "ct") == [("CT", "Chinese Taipei")]  # case does not matter
    assert [code for code, _ in complete_forum(ctx, "PP")] == ["PPSTI", "PPWE", "PPFS"]
    assert complete_action(ctx, "B.i") == [("B.i", "Public Sector Capacity"), ("B.ii", "Private Sector Capacity"),
                                           ("B.iii", "Workforce Capacity"), ("B.iv", "Consumer Capacity and Trust")]
    assert [code for code, _ in complete_goal(ctx, "")] == ["A", "B", "C"]
    assert complete_year(ctx, "203") == [("2030", "final review")]
    assert complete_year(ctx, "2025") == [("2025", "baseline")]


def test_record_ids_complete_from_file_names(tracker_repo: TrackerRepo, valid_record: str) -> None:
    tracker_repo.write("data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml", valid_record)
    tracker_repo.write("data/fora/DESG/desg-2026-ai-readiness.yaml", "not even valid yet")
    # What macOS leaves beside a file copied to a USB stick: not a record, not offered.
    tracker_repo.write("data/economies/JPN/._jpn-2026-ai-skills-for-public-servants.yaml", "\x00\x05\x16\x07")
    ctx = _ctx(tracker_repo.root)
    assert complete_record_id(ctx, "") == [("jpn-2026-ai-skills-for-public-servants", "JPN"),
                                           ("desg-2026-ai-readiness", "DESG")]
    assert complete_record_id(ctx, "desg") == [("desg-2026-ai-readiness", "DESG")]


def test_completion_outside_a_repository_offers_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRACKER_REPO", raising=False)
    ctx = _ctx(None)
    assert complete_economy(ctx, "") == []
    assert complete_record_id(ctx, "") == []


def test_completion_with_broken_reference_data_offers_nothing(tracker_repo: TrackerRepo) -> None:
    tracker_repo.write("data/reference/economies.yaml", "economies: [")
    assert complete_economy(_ctx(tracker_repo.root), "") == []


def test_the_shell_asks_and_gets_codes(tracker_repo: TrackerRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end, as bash's completion script asks: commands, options, codes."""
    monkeypatch.setenv("TRACKER_REPO", str(tracker_repo.root))

    def complete(line: str) -> list[str]:
        words = line.split(" ")
        env = {"_TRACKER_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
        result = CliRunner().invoke(app, [], env=env, prog_name="tracker")
        return result.stdout.split()

    assert {"list", "show", "export", "owners", "validate"} <= set(complete("tracker "))
    assert "--economy" in complete("tracker list --")
    assert complete("tracker list --economy J") == ["JPN"]
    assert complete("tracker list --action C.i") == ["C.i", "C.ii", "C.iii"]


def test_authoring_commands_complete_codes_and_ids(tracker_repo: TrackerRepo, valid_record: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    tracker_repo.write("data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml", valid_record)
    monkeypatch.setenv("TRACKER_REPO", str(tracker_repo.root))

    def complete(line: str) -> list[str]:
        words = line.split(" ")
        env = {"_TRACKER_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
        return CliRunner().invoke(app, [], env=env, prog_name="tracker").stdout.split()

    assert complete("tracker add-activity --co-sponsor V") == ["VN"]
    assert complete("tracker add-activity --forum DE") == ["DESG"]
    assert complete("tracker add-activity --action A.i") == ["A.i", "A.ii", "A.iii", "A.iv"]
    assert complete("tracker progress jpn") == ["jpn-2026-ai-skills-for-public-servants"]
    assert complete("tracker show jpn") == ["jpn-2026-ai-skills-for-public-servants"]
