"""Hostile input is data, not a crash (issue 2, item 5).

Each file below goes through `tracker validate` in a throwaway repository: the
run exits 1 with one diagnostic of the right code at the right place, never a
traceback (the runner does not catch exceptions), and writes nothing.
Runs that could hang (a FIFO, an alias bomb) go through a subprocess with a
generous timeout, so a regression fails the test instead of stalling CI.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from apec_tracker.reading.sources import MAX_RECORD_BYTES
from tests.conftest import VALID_RECORD, TrackerRepo, git, validated

NAME = "jpn-2026-ai-skills-for-public-servants"
RECORD = f"data/economies/JPN/{NAME}.yaml"
HANG_GUARD_SECONDS = 60  # far above any real run; only there so a hang fails


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every entry under the repository (but .git) with its content or kind."""
    found: dict[str, bytes | str] = {}
    for folder, folders, files in os.walk(root):
        folders[:] = [f for f in folders if f != ".git"]
        for name in files + folders:
            path = Path(folder) / name
            mode = os.lstat(path).st_mode
            key = path.relative_to(root).as_posix()
            if stat.S_ISREG(mode):
                found[key] = path.read_bytes()
            elif stat.S_ISLNK(mode):
                found[key] = "link -> " + os.readlink(path)
            else:
                found[key] = stat.filemode(mode)
    return found


def validate_json(tracker, tracker_repo: TrackerRepo) -> tuple[int, list[dict[str, object]]]:
    before = snapshot(tracker_repo.root)
    status_before = git(tracker_repo.root, "status", "--porcelain")
    result = tracker("validate", "--format", "json")
    assert snapshot(tracker_repo.root) == before, "validate wrote to the repository"
    assert git(tracker_repo.root, "status", "--porcelain") == status_before
    assert "Traceback" not in result.stderr
    return result.exit_code, json.loads(result.stdout)["diagnostics"]


def only_diagnostic(tracker, tracker_repo: TrackerRepo) -> dict[str, object]:
    exit_code, diagnostics = validate_json(tracker, tracker_repo)
    assert exit_code == 1
    assert len(diagnostics) == 1, diagnostics
    return diagnostics[0]


def at(diagnostic: dict[str, object]) -> tuple[object, object, object, object]:
    return diagnostic["code"], diagnostic["path"], diagnostic["line"], diagnostic["column"]


def run_in_subprocess(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "apec_tracker", "--repo", str(root), "validate", "--format", "json"],
        capture_output=True, text=True, timeout=HANG_GUARD_SECONDS, stdin=subprocess.DEVNULL,
    )


# -- bytes that are not a UTF-8 YAML text ------------------------------------------


@pytest.mark.parametrize(
    ("content", "code", "line", "column"),
    [
        pytest.param(b"id: x\ntitle: caf\xe9\n", "E201", 2, 11, id="invalid-utf-8"),
        pytest.param(VALID_RECORD.encode("utf-16"), "E201", 1, 1, id="utf-16-with-bom"),
        pytest.param(b"", "E203", 1, 1, id="empty"),
        pytest.param(b"  \n\n\t\n", "E203", 1, 1, id="only-whitespace"),
        pytest.param(b"id: x\ntitle: a\x00b\n", "E204", 2, 9, id="nul-byte"),
        pytest.param("id: x\ntitle: Hội thảo\x00\n".encode(), "E204", 2, 16, id="nul-after-non-ascii"),
        pytest.param("id: x\ntitle: Việt ".encode() + b"\xff\n", "E201", 2, 13, id="invalid-utf-8-after-non-ascii"),
        pytest.param(bytes(range(256)) * 4, "E204", 1, 1, id="binary"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E204", 3, 1, id="png-header"),
        pytest.param(
            VALID_RECORD.replace("status: ongoing\n", "<<<<<<< HEAD\nstatus: ongoing\n=======\n"
                                 "status: completed\n>>>>>>> main\n", 1).encode(),
            "E205", 15, 1, id="merge-conflict",
        ),
    ],
)
def test_bytes_that_are_not_a_record(tracker_repo: TrackerRepo, tracker, content: bytes, code: str,
                                     line: int, column: int) -> None:
    tracker_repo.write(RECORD, content)
    assert at(only_diagnostic(tracker, tracker_repo)) == (code, RECORD, line, column)


def test_a_byte_order_mark_from_notepad_is_accepted(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, b"\xef\xbb\xbf" + VALID_RECORD.encode())
    assert tracker("validate").exit_code == 0


def test_utf16_without_bom_is_not_read_as_text(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, VALID_RECORD.encode("utf-16-le"))
    diagnostic = only_diagnostic(tracker, tracker_repo)
    # Every other byte of UTF-16 ASCII text is NUL.
    assert (diagnostic["code"], diagnostic["line"], diagnostic["column"]) == ("E204", 1, 2)


def test_oversized_file_is_not_read(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, VALID_RECORD + "# " + "x" * MAX_RECORD_BYTES + "\n")
    diagnostic = only_diagnostic(tracker, tracker_repo)
    assert at(diagnostic) == ("F107", RECORD, 1, 1)
    assert f"{MAX_RECORD_BYTES:,}" in str(diagnostic["message"])


# -- YAML that builds objects, blows up or hides a second meaning ---------------------


@pytest.mark.parametrize(
    ("replace", "by", "code", "line", "column"),
    [
        pytest.param("title: AI skills for public servants",
                     "title: !!python/object/apply:os.system ['touch owned']", "Y304", 2, 8, id="python-object"),
        pytest.param("title: AI skills for public servants",
                     "title: !!python/name:os.system", "Y304", 2, 8, id="python-name"),
        pytest.param("co_sponsors: [ROK, VN]", "co_sponsors: !!set {ROK, VN}", "Y304", 7, 14, id="set-tag"),
        pytest.param("title: AI skills for public servants", "title: !custom text", "Y304", 2, 8, id="local-tag"),
        pytest.param("title: AI skills for public servants",
                     "title: AI skills for public servants\ntitle: again", "Y303", 3, 1, id="duplicate-key"),
        pytest.param("actual_start: 2026-03-15", "actual_start: 2026-03-15\n---\nid: second",
                     "Y302", 19, 1, id="second-document"),
        pytest.param("co_sponsors: [ROK, VN]", "co_sponsors:\n  <<: {x: 1}", "Y307", 8, 3, id="merge-key"),
        pytest.param("co_sponsors: [ROK, VN]", "base: &b {x: 1}\nco_sponsors:\n  <<: *b", "Y309", 7, 7,
                     id="anchored-merge-key"),
    ],
)
def test_yaml_constructs_a_record_never_needs(tracker_repo: TrackerRepo, tracker, replace: str, by: str,
                                              code: str, line: int, column: int) -> None:
    assert replace in VALID_RECORD
    tracker_repo.write(RECORD, VALID_RECORD.replace(replace, by, 1))
    assert at(only_diagnostic(tracker, tracker_repo)) == (code, RECORD, line, column)
    assert not (tracker_repo.root / "owned").exists()


@pytest.mark.parametrize("keys", [("1", "01"), ("true", "True"), ("null", "~")])
def test_keys_another_reader_could_take_for_one_key_are_refused(tracker_repo: TrackerRepo, tracker,
                                                                keys: tuple[str, str]) -> None:
    # 1 and 01, true and True, null and ~ are one key to some YAML readers and two
    # to others; a field name is a plain word, so neither is read at all.
    first, second = keys
    tracker_repo.write(RECORD, VALID_RECORD + f"extra:\n  {first}: a\n  {second}: b\n")
    diagnostic = only_diagnostic(tracker, tracker_repo)
    assert at(diagnostic) == ("Y301", RECORD, 32, 3)
    assert "field name" in str(diagnostic["message"])


def billion_laughs(levels: int = 10) -> str:
    lines = ['l0: &l0 "lol"']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_before_anything_expands(tracker_repo: TrackerRepo) -> None:
    # Ten levels of ten: 10**9 strings if expanded. A subprocess, so that a
    # regression that expands it fails at the guard instead of eating the machine.
    tracker_repo.write(RECORD, billion_laughs())
    before = snapshot(tracker_repo.root)
    result = run_in_subprocess(tracker_repo.root)
    assert result.returncode == 1, result.stderr
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert (diagnostic["code"], diagnostic["path"], diagnostic["line"]) == ("Y309", RECORD, 1)
    assert snapshot(tracker_repo.root) == before


def test_even_one_anchor_is_refused(tracker_repo: TrackerRepo, tracker) -> None:
    """Records never need anchors; a reader that expands them is a reader that can be made to."""
    record = VALID_RECORD.replace("lead_economies: [JPN]", "lead_economies: &lead [JPN]")
    tracker_repo.write(RECORD, record)
    exit_code, diagnostics = validate_json(tracker, tracker_repo)
    assert (exit_code, [d["code"] for d in diagnostics]) == (1, ["Y309"])


# -- YAML 1.1 meanings never creep in ------------------------------------------------


def load_only_record(tracker_repo: TrackerRepo):  # type: ignore[no-untyped-def]
    result = validated(tracker_repo.root, date(2026, 11, 1))
    assert result.diagnostics == []
    [record] = result.records
    return record.activity


@pytest.mark.parametrize("word", ["NO", "no", "No", "on", "ON", "off", "yes", "Y", "n", "true?"])
def test_yaml_1_1_booleans_stay_text(tracker_repo: TrackerRepo, tracker, word: str) -> None:
    tracker_repo.write(RECORD, VALID_RECORD.replace("title: AI skills for public servants", f"title: {word}"))
    exit_code, diagnostics = validate_json(tracker, tracker_repo)
    assert (exit_code, diagnostics) == (0, [])
    assert load_only_record(tracker_repo).title == word


def test_yaml_1_1_boolean_key_stays_a_field_name(tracker_repo: TrackerRepo, tracker) -> None:
    # YAML 1.1 would make the key True; here it is the unknown field 'on'.
    tracker_repo.write(RECORD, VALID_RECORD + "on: 2026-01-01\n")
    diagnostic = only_diagnostic(tracker, tracker_repo)
    assert at(diagnostic) == ("S401", RECORD, 31, 1)
    assert "'on'" in str(diagnostic["message"])


@pytest.mark.parametrize(("key", "shown"), [("true", "true"), ("null", "null"), ("12", "12"), ("~", "null")])
def test_key_that_yaml_reads_as_a_value_is_not_a_field(tracker_repo: TrackerRepo, tracker, key: str,
                                                       shown: str) -> None:
    tracker_repo.write(RECORD, VALID_RECORD + f"{key}: something\n")
    diagnostic = only_diagnostic(tracker, tracker_repo)
    assert at(diagnostic) == ("Y301", RECORD, 31, 1)
    assert f"'{key}'" in str(diagnostic["message"]) and "field name" in str(diagnostic["message"])
    assert "plain word" in str(diagnostic["hint"])


@pytest.mark.parametrize(
    ("code", "line", "column", "replace", "by", "hint"),
    [
        # A number in plain decimal is a number, and text is meant here (S403); a
        # number other readers would read otherwise is not read at all (Y311).
        pytest.param("Y311", 2, 8, "title: AI skills for public servants", "title: 012", "plain decimal",
                     id="leading-zero"),
        pytest.param("S403", 2, 8, "title: AI skills for public servants", "title: 1e3", "number (1000.0)",
                     id="exponent"),
        pytest.param("Y311", 2, 8, "title: AI skills for public servants", "title: 0x1F", "plain decimal", id="hex"),
        pytest.param("S403", 2, 8, "title: AI skills for public servants", "title: true", "boolean (True)",
                     id="true"),
        pytest.param("Y311", 2, 8, "title: AI skills for public servants", "title: .inf", "plain decimal",
                     id="infinity"),
    ],
)
def test_numbers_and_booleans_where_text_is_meant_are_errors(
    tracker_repo: TrackerRepo, tracker, code: str, line: int, column: int, replace: str, by: str, hint: str
) -> None:
    tracker_repo.write(RECORD, VALID_RECORD.replace(replace, by, 1))
    diagnostic = only_diagnostic(tracker, tracker_repo)
    assert at(diagnostic) == (code, RECORD, line, column)
    assert hint in str(diagnostic["hint"]) and "quotes" in str(diagnostic["hint"])


@pytest.mark.parametrize(
    "value",
    ["12:30:00", "1:20", "20260301", "2026-03-01 10:00:00", "2026-03-01T10:00:00Z", "March 2026", "2026-3-1"],
)
def test_anything_but_an_iso_date_is_an_error_where_a_date_is_meant(
    tracker_repo: TrackerRepo, tracker, value: str
) -> None:
    tracker_repo.write(RECORD, VALID_RECORD.replace("planned_start: 2026-03-01", f"planned_start: {value}"))
    diagnostic = only_diagnostic(tracker, tracker_repo)
    # A time (12:30:00) is a number in base 60 to some YAML readers: not read at all.
    assert at(diagnostic) == ("Y311" if ":" in value and " " not in value and "T" not in value else "S403",
                              RECORD, 16, 16)
    assert "YYYY-MM-DD" in f"{diagnostic['message']} {diagnostic['hint']}"
    assert "{value" not in str(diagnostic["message"])


def test_true_is_not_an_amount(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, VALID_RECORD + "funding:\n  source: self-funded\n  amount_usd: true\n")
    diagnostic = only_diagnostic(tracker, tracker_repo)
    assert at(diagnostic) == ("S403", RECORD, 33, 15)


def test_unquoted_date_and_quoted_text_keep_their_meaning(tracker_repo: TrackerRepo, tracker) -> None:
    record = VALID_RECORD.replace("title: AI skills for public servants", "title: '012'")
    tracker_repo.write(RECORD, record)
    activity = load_only_record(tracker_repo)
    assert activity.title == "012"
    assert activity.planned_start == date(2026, 3, 1)


# -- things that are not regular files inside the repository ---------------------------


def test_symlink_out_of_the_repository_is_not_followed(tracker_repo: TrackerRepo, tracker, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text(VALID_RECORD)
    (tracker_repo.root / "data/economies/JPN").mkdir(parents=True)
    (tracker_repo.root / RECORD).symlink_to(outside)
    diagnostic = only_diagnostic(tracker, tracker_repo)
    assert at(diagnostic) == ("F106", RECORD, 1, 1)
    assert "outside the repository" in str(diagnostic["message"])


def test_dangling_symlink_is_unreadable(tracker_repo: TrackerRepo, tracker) -> None:
    (tracker_repo.root / "data/economies/JPN").mkdir(parents=True)
    (tracker_repo.root / RECORD).symlink_to("gone.yaml")
    assert at(only_diagnostic(tracker, tracker_repo)) == ("F108", RECORD, 1, 1)


def test_folder_named_like_a_record(tracker_repo: TrackerRepo, tracker) -> None:
    (tracker_repo.root / RECORD).mkdir(parents=True)
    assert at(only_diagnostic(tracker, tracker_repo)) == ("F106", RECORD, 1, 1)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_reported_without_blocking(tracker_repo: TrackerRepo) -> None:
    (tracker_repo.root / "data/economies/JPN").mkdir(parents=True)
    os.mkfifo(tracker_repo.root / RECORD)
    result = run_in_subprocess(tracker_repo.root)  # a blocking open would hit the guard
    assert result.returncode == 1, result.stderr
    [diagnostic] = json.loads(result.stdout)["diagnostics"]
    assert at(diagnostic) == ("F106", RECORD, 1, 1)


def test_device_file_is_not_opened(tracker_repo: TrackerRepo, tracker) -> None:
    (tracker_repo.root / "data/economies/JPN").mkdir(parents=True)
    try:
        os.mknod(tracker_repo.root / RECORD, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null
    except (PermissionError, AttributeError, OSError):
        pytest.skip("making a device file needs privileges")
    assert at(only_diagnostic(tracker, tracker_repo)) == ("F106", RECORD, 1, 1)


def test_one_broken_file_hides_no_other(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, VALID_RECORD)
    tracker_repo.write("data/economies/JPN/binary.yaml", b"\x00\x01")
    tracker_repo.write("data/economies/JPN/tagged.yaml", "x: !!python/none ''\n")
    tracker_repo.write("data/economies/JPN/empty.yaml", b"")
    tracker_repo.write("data/economies/ROK/typo.yaml", VALID_RECORD.replace("title:", "titel:"))
    exit_code, diagnostics = validate_json(tracker, tracker_repo)
    assert exit_code == 1
    assert sorted({(d["path"], d["code"]) for d in diagnostics}) == [
        ("data/economies/JPN/binary.yaml", "E204"),
        ("data/economies/JPN/empty.yaml", "E203"),
        ("data/economies/JPN/tagged.yaml", "Y304"),
        ("data/economies/ROK/typo.yaml", "S401"),
    ]


def test_records_folder_linked_out_of_the_repository_is_not_read(tracker_repo: TrackerRepo, tracker,
                                                                 tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "JPN").mkdir(parents=True)
    (outside / "JPN" / f"{NAME}.yaml").write_text("id: secret\n")
    (tracker_repo.root / "data/economies").rmdir()
    (tracker_repo.root / "data/economies").symlink_to(outside)
    diagnostic = only_diagnostic(tracker, tracker_repo)
    assert at(diagnostic) == ("F106", "data/economies", 1, 1)
    assert "secret" not in json.dumps(diagnostic)


def test_reporter_folder_that_is_a_link_is_not_followed(tracker_repo: TrackerRepo, tracker, tmp_path: Path) -> None:
    outside = tmp_path / "JPN"
    outside.mkdir()
    (outside / f"{NAME}.yaml").write_text(VALID_RECORD)
    (tracker_repo.root / "data/economies/JPN").symlink_to(outside)
    assert at(only_diagnostic(tracker, tracker_repo)) == ("F106", "data/economies/JPN", 1, 1)


def test_windows_line_endings_are_fine_and_positions_hold(tracker_repo: TrackerRepo, tracker) -> None:
    tracker_repo.write(RECORD, VALID_RECORD.replace("\n", "\r\n").encode())
    assert validate_json(tracker, tracker_repo) == (0, [])
    broken = VALID_RECORD.replace("co_sponsors: [ROK, VN]", "co_sponsors: [Korea, VN]")
    tracker_repo.write(RECORD, broken.replace("\n", "\r\n").encode())
    assert at(only_diagnostic(tracker, tracker_repo)) == ("S404", RECORD, 7, 15)


def test_a_file_measured_before_it_grew_is_read_to_its_end_or_the_limit(tmp_path: Path) -> None:
    """Reading does not trust the size measured before opening: a record that
    grew since is read whole, and one that grew past the limit shows as too big."""
    from apec_tracker.reading.sources import UnreadableFile, read_to_limit

    grown = tmp_path / "grown.yaml"
    grown.write_bytes(b"id: x\n" * 50_000)
    descriptor = os.open(grown, os.O_RDONLY)
    try:
        assert read_to_limit(descriptor, 10) == grown.read_bytes()
    finally:
        os.close(descriptor)
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"#" * (MAX_RECORD_BYTES + 5000))
    descriptor = os.open(huge, os.O_RDONLY)
    try:
        with pytest.raises(UnreadableFile, match="a record has at most"):
            read_to_limit(descriptor, 10)
    finally:
        os.close(descriptor)
