"""Records as of a revision, read from git's object store; provenance; and the
errors a repository without the history gives."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from apec_tracker.errors import SetupError
from apec_tracker.git import NotAGitRepository, ShallowHistory, UnknownRevision, provenance, provenance_at
from apec_tracker.reading.sources import Revision
from apec_tracker.services.context import open_workspace
from apec_tracker.services.validation import ValidationResult, validate
from tests.conftest import TrackerRepo, git, record_for

RECORD = "data/economies/JPN/jpn-2026-ai-skills-for-public-servants.yaml"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_TODAY", "2027-06-01")


def _validate(tracker_repo: TrackerRepo, revision: str | None = None) -> ValidationResult:
    return validate(open_workspace(tracker_repo.root), as_of=revision, use_cache=False)


def test_records_at_an_old_commit_ignore_the_working_tree(tracker_repo: TrackerRepo, valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)
    first = tracker_repo.commit("first record")
    tracker_repo.write(RECORD, valid_record.replace("AI skills for public servants", "Renamed"))
    tracker_repo.commit("rename")
    tracker_repo.write(RECORD, "not: [valid")  # uncommitted and broken
    git(tracker_repo.root, "add", RECORD)  # staged, too: the index is not read either
    index_before = (tracker_repo.root / ".git" / "index").read_bytes()

    result = _validate(tracker_repo, first)
    assert result.diagnostics == []
    [record] = result.records
    assert record.activity.title == "AI skills for public servants"
    assert _validate(tracker_repo, "HEAD").records[0].activity.title == "Renamed"
    assert (tracker_repo.root / RECORD).read_text() == "not: [valid"
    assert (tracker_repo.root / ".git" / "index").read_bytes() == index_before


def test_placement_problems_at_a_revision_match_the_working_tree(tracker_repo: TrackerRepo, valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)
    tracker_repo.write("data/economies/JPN/notes.txt", "a note")
    tracker_repo.write("data/economies/JPN/old.yml", valid_record)
    tracker_repo.write("data/economies/JPN/archive/x.yaml", valid_record)
    tracker_repo.write("data/economies/Japan/x.yaml", valid_record)
    tracker_repo.write("data/fora/TELWGX/x.yaml", valid_record)
    tracker_repo.write("data/economies/stray.yaml", valid_record)
    tracker_repo.write("data/fora/PPSTI/.gitkeep", "")
    tracker_repo.write("data/economies/JPN/empty.yaml", "")
    tracker_repo.commit("a mess")

    on_disk = _validate(tracker_repo)
    at_head = _validate(tracker_repo, "HEAD")
    assert at_head.diagnostics == on_disk.diagnostics
    assert at_head.files == on_disk.files
    assert {d.code for d in on_disk.diagnostics} >= {"F101", "F102", "F103", "F104", "F105", "E203"}


def test_a_link_is_followed_inside_the_record_folders_only(tracker_repo: TrackerRepo, valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)
    (tracker_repo.root / "data/economies/JPN/outside.yaml").symlink_to("../../../../etc/passwd")
    tracker_repo.commit("a link")
    with Revision(tracker_repo.root, "HEAD") as revision:
        assert revision.read(RECORD) == valid_record.encode()
    result = _validate(tracker_repo, "HEAD")
    [problem] = [d for d in result.diagnostics if d.path.endswith("outside.yaml")]
    assert problem.code == "F106"


def test_provenance_names_the_commit_and_uncommitted_changes(tracker_repo: TrackerRepo, valid_record: str) -> None:
    tracker_repo.write(RECORD, valid_record)
    sha = tracker_repo.commit("first record")
    clean = provenance(tracker_repo.root)
    assert (clean.commit, clean.dirty, clean.branch) == (sha, False, "main")
    assert sha.startswith(clean.short or "-")
    assert clean.committed_at is not None and clean.committed_at.isoformat() == "2027-03-01T12:00:00+00:00"

    # What a review is not built from does not count: its own output folder, a note.
    (tracker_repo.root / "out").mkdir()
    (tracker_repo.root / "out" / "apec-ai-initiative-2026.md").write_text("# review\n", encoding="utf-8")
    (tracker_repo.root / "NOTES.txt").write_text("to do\n", encoding="utf-8")
    assert not provenance(tracker_repo.root).dirty
    tracker_repo.write("templates/partials/summary.md.j2", "x")  # the Secretariat's template counts
    assert provenance(tracker_repo.root).dirty
    (tracker_repo.root / "templates/partials/summary.md.j2").unlink()
    tracker_repo.write("data/economies/ROK/new.yaml", "id: x")  # an untracked record counts
    assert provenance(tracker_repo.root).dirty

    git(tracker_repo.root, "checkout", "-q", "--detach")
    detached = provenance(tracker_repo.root)
    assert (detached.commit, detached.branch) == (sha, None)
    assert provenance_at(tracker_repo.root, "HEAD").dirty is False


def test_provenance_outside_git_is_empty(tmp_path: Path) -> None:
    assert provenance(tmp_path).commit is None


def test_not_a_git_repository(tmp_path: Path) -> None:
    with pytest.raises(NotAGitRepository, match="not in a git repository"):
        Revision(tmp_path, "HEAD")


@pytest.mark.parametrize("revision", ["no-such-tag", "HEAD~7", "-n", "deadbeef"])
def test_unknown_revision(tracker_repo: TrackerRepo, revision: str) -> None:
    with pytest.raises(UnknownRevision, match=r"not a revision|does not exist"):
        Revision(tracker_repo.root, revision)


def test_shallow_clone_says_how_to_fetch(tracker_repo: TrackerRepo, valid_record: str, tmp_path: Path) -> None:
    tracker_repo.write(RECORD, valid_record)
    old = tracker_repo.commit("first record")
    tracker_repo.write(RECORD, valid_record.replace("Two workshops", "Three workshops"))
    tracker_repo.commit("more")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{tracker_repo.root}", str(clone)], check=True)
    with pytest.raises(ShallowHistory, match=r"fetch-depth: 0"):
        Revision(clone, old)
    with pytest.raises(ShallowHistory, match=r"git fetch --unshallow"):
        Revision(clone, "HEAD~1")
    with Revision(clone, "HEAD") as revision:  # what the clone has is read as usual
        assert b"Three workshops" in revision.read(RECORD)


def test_a_tracker_repository_in_a_subfolder_of_the_git_repository(tmp_path: Path, valid_record: str) -> None:
    import shutil

    from tests.conftest import REFERENCE

    top = tmp_path / "top"
    tracker = TrackerRepo(top / "tracker")
    shutil.copytree(REFERENCE, tracker.root / "data" / "reference")
    tracker.write(RECORD, valid_record)
    git(top, "init", "-q", "-b", "main")
    TrackerRepo(top).commit("records in a subfolder")
    at_head = _validate(tracker, "HEAD")
    assert (at_head.diagnostics, [record.file.path for record in at_head.records]) == ([], [RECORD])


def test_one_git_process_reads_every_file(tracker_repo: TrackerRepo, valid_record: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a revision costs a few git processes, not one per file."""
    import git.cmd

    for number in range(30):
        record_id = f"jpn-2026-record-{number:02d}"
        tracker_repo.write(f"data/economies/JPN/{record_id}.yaml",
                           valid_record.replace("jpn-2026-ai-skills-for-public-servants", record_id))
    tracker_repo.commit("thirty records")
    started: list[list[str]] = []
    real_popen = git.cmd.safer_popen

    def counting_popen(command, *args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(list(command))
        return real_popen(command, *args, **kwargs)

    monkeypatch.setattr(git.cmd, "safer_popen", counting_popen)
    with Revision(tracker_repo.root, "HEAD") as revision:
        contents = [revision.read(entry.path) for entry in revision.entries() if entry.path.endswith("0.yaml")]
    assert len(contents) == 3
    assert len(started) <= 3, started  # rev-parse, ls-tree, and one cat-file --batch
    assert sum("cat-file" in command for command in started) == 1


def test_any_file_at_a_revision(tracker_repo: TrackerRepo) -> None:
    tracker_repo.write("templates/report.md.j2", "old template\n")
    first = tracker_repo.commit("a template")
    tracker_repo.write("templates/report.md.j2", "new template\n")
    tracker_repo.commit("a new template")
    with Revision(tracker_repo.root, first) as revision:
        assert revision.file("templates/report.md.j2") == b"old template\n"
        assert revision.file("templates/missing.j2") is None
        assert revision.file("templates") is None  # a folder, not a file
        assert revision.file("data/reference/framework.yaml") is not None


def test_reference_data_at_a_revision(tracker_repo: TrackerRepo, valid_record: str) -> None:
    """A record is checked against the reference data of its own revision."""
    fora = tracker_repo.root / "data" / "reference" / "fora.yaml"
    original = fora.read_text(encoding="utf-8")
    tracker_repo.write("data/fora/DESG/desg-2026-dialogue.yaml", record_for(valid_record, "DESG", "desg-2026-dialogue")
                       .replace("lead_economies: [DESG]", "lead_economies: [JPN]"))
    first = tracker_repo.commit("a DESG record")
    fora.write_text(original.replace("code: DESG", "code: DESGX"), encoding="utf-8")
    renamed = tracker_repo.commit("rename a forum")
    assert _validate(tracker_repo, first).diagnostics == []
    assert {d.code for d in _validate(tracker_repo, renamed).diagnostics} == {"F105"}
    fora.write_text("fora: [", encoding="utf-8")
    broken = tracker_repo.commit("break the reference data")
    fora.write_text(original, encoding="utf-8")  # the working tree's is fine again; the revision's is not
    with pytest.raises(SetupError) as error:
        _validate(tracker_repo, broken)
    assert error.value.message.startswith(f"the reference data is broken: {broken}:data/reference/fora.yaml:")
