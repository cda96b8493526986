#!/usr/bin/env python3
"""Time apec-tracker against its peers and the floor on synthetic repositories.

    .venv/bin/python benchmarks/run.py                 # 1,000, 10,000 and 50,000 records
    .venv/bin/python benchmarks/run.py --quick         # 1,000 and 10,000, fewer runs
    .venv/bin/python benchmarks/run.py --sizes 1000,10000 --runs 5

Each repository is generated once by benchmarks/generate.py and kept under
benchmarks/out/ (git-ignored) until the generator changes. Every measurement is
a fresh process (nothing stays imported between runs), run once to warm the
file cache and then --runs times; the table shows the median wall time, the
spread, the median CPU time (user + system, helper processes included: steadier
than wall time on a busy machine), the peak resident memory of the largest
process, the peak memory of all the command's processes together (sampled every
10 ms in the warm-up run, each shared page counted once), and ratios: to the
floor (reading every record file's bytes, in Python) and to `tracker validate`. A command the
tracker being measured does not have (`report`, `diff`, `indicators`,
`--changed-since`, `--as-of` arrive with later work) is shown as skipped, not as a failure. One
row times validate on a repository of a single hostile file: the slowest single
record file found (1 MiB of small flow mappings), which must stay bounded
whatever the repository's size.

The peers run on the same files: check-jsonschema with the schema that
`tracker schema` prints, and yamllint. Install them with
`pip install -e '.[bench]'`; a missing peer is skipped.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (the generator next to this script)

BIN = Path(sys.executable).parent
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None
TODAY = "2030-12-31"
# A peer that takes longer than this on one run is measured once: enough to
# show its order of magnitude without making the benchmark take an hour.
SLOW_SECONDS = 10.0
# Peers are skipped above this size: check-jsonschema alone would take minutes.
PEER_LIMIT = 10_000

FLOOR = """
import os, sys
total = 0
for top in ("data/economies", "data/fora"):
    for folder in sorted(os.scandir(top), key=lambda e: e.name):
        for entry in sorted(os.scandir(folder.path), key=lambda e: e.name):
            if entry.name.endswith(".yaml"):
                with open(entry.path, "rb") as handle:
                    total += len(handle.read())
print(total)
"""


@dataclass
class Command:
    name: str
    argv: list[str]
    before_each: Callable[[], None] | None = None
    skip: str | None = None  # why it cannot run here
    peer: bool = False  # a slow peer is measured once


@dataclass
class Result:
    name: str
    size: int
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds of each run
    peak_mb: float = 0.0
    together_mb: float | None = None  # all processes together, sampled in the warm-up run
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


# -- the repositories ---------------------------------------------------------------


def generator_stamp(size: int) -> str:
    digest = hashlib.sha1((HERE / "generate.py").read_bytes())
    for path in sorted((generate.REFERENCE).glob("*.yaml")):
        digest.update(path.read_bytes())
    return f"{size}:{digest.hexdigest()}"


def repository(size: int) -> Path:
    """The synthetic repository of ``size`` records, generated if missing or stale."""
    root = OUT / f"repo-{size}"
    stamp = OUT / f"repo-{size}.stamp"
    if root.is_dir() and stamp.is_file() and stamp.read_text() == generator_stamp(size):
        return root
    print(f"generating {size:,} records in {root} ...", file=sys.stderr, flush=True)
    started = time.monotonic()
    summary = generate.generate(size, root)
    stamp.write_text(generator_stamp(size))
    print(f"  {summary['records']:,} records, {int(summary['bytes']) / 1e6:.1f} MB "  # type: ignore[call-overload]
          f"in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return root


# The slowest single record file found (issue 19; tests/test_hostile_input.py
# WORST_FILES keeps it and the others under 100 MB; this row times it): just under the
# 1 MiB limit, one small flow mapping per line. The reader reads it whole before
# refusing it for holding more than 10,000 values (Y314).
HOSTILE_HEAD = """\
id: jpn-2026-hostile
title: A hostile file
summary: The slowest single file found for the reader.
reporter: JPN
actions:
  - {code: B.i, role: principal}
activity_type: workshop
status: ongoing
extra:
"""
HOSTILE_LINE = "  - {a: b, c: d, e: f, g: h}\n"
HOSTILE_BYTES = 1024 * 1024 - 1000


def hostile_repository() -> Path:
    """A repository of the reference data and one hostile record file."""
    root = OUT / "hostile"
    record = root / "data" / "economies" / "JPN" / "jpn-2026-hostile.yaml"
    text = HOSTILE_HEAD + HOSTILE_LINE * ((HOSTILE_BYTES - len(HOSTILE_HEAD)) // len(HOSTILE_LINE))
    if record.is_file() and record.read_text() == text and all(
            (root / "data" / "reference" / source.name).read_bytes() == source.read_bytes()
            for source in generate.REFERENCE.glob("*.yaml")):
        return root
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(generate.REFERENCE, root / "data" / "reference")
    (root / "data" / "fora").mkdir(parents=True)
    record.parent.mkdir(parents=True)
    record.write_text(text)
    return root


# -- running -----------------------------------------------------------------------


def run_once(argv: list[str], cwd: Path, env: dict[str, str],
             sample: bool = False) -> tuple[float, float, float, float | None, int, str]:
    """Wall time, CPU time, peak memory of the largest process (MiB), peak memory
    of all its processes together (MiB, when ``sample``), exit code and the first
    line of stderr of one run."""
    with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("r") as peak:
        if GNU_TIME:
            # A forked child's peak memory counts the parent's pages until it
            # execs; GNU time, itself tiny, reports the command's own peak.
            argv = [GNU_TIME, "-f", "%M", "-o", peak.name, *argv]
        started = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors,
                                   stdin=subprocess.DEVNULL)
        together = 0
        while sample:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            together = max(together, _tree_pss_kb(process.pid))
            time.sleep(0.01)
        else:
            _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        first = errors.read(2000).decode("utf-8", "replace").strip().splitlines()
        reported = peak.read().strip().splitlines() if GNU_TIME else []
    cpu = usage.ru_utime + usage.ru_stime
    peak_kb = int(reported[-1]) if reported and reported[-1].isdigit() else usage.ru_maxrss
    return (elapsed, cpu, peak_kb / 1024, together / 1024 if sample and together else None,
            process.returncode, first[0] if first else "")


def _tree_pss_kb(pid: int) -> int:
    """The memory a process and its descendants use now, counting each shared
    page once among them (proportional set size, from /proc); 0 where /proc
    cannot tell."""
    total = 0
    pending: list[tuple[int, tuple[str, int] | None]] = [(pid, None)]
    while pending:
        current, parent = pending.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                sizes = {line.split(":")[0]: int(line.split()[1]) for line in rollup if line.endswith("kB\n")}
            # A child made by vfork() (subprocess starts git so) runs in its
            # parent's memory, the parent's thread that made it waiting ("D"),
            # until git is running; /proc shows that memory as the child's
            # too, even as git starts.
            if not (parent is not None and parent[0] == "D" and abs(sizes["Rss"] - parent[1]) <= parent[1] // 50):
                total += sizes["Pss"]
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/stat") as stat:
                    state = stat.read().rsplit(")", 1)[1].split()[0]
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending.extend((int(child), (state, sizes["Rss"])) for child in children.read().split())
        except (OSError, ValueError, KeyError, IndexError):
            continue  # ended meanwhile
    return total


def measure(command: Command, size: int, cwd: Path, env: dict[str, str], runs: int) -> Result:
    result = Result(command.name, size)
    if command.skip:
        result.note = command.skip
        return result
    for attempt in range(runs + 1):
        if command.before_each:
            command.before_each()
        # The warm-up run, not timed, also samples the memory of all the
        # command's processes (helpers, git) every 10 ms.
        elapsed, cpu, peak, together, code, error = run_once(command.argv, cwd, env, sample=attempt == 0)
        if code not in (0, 1):
            result.note = f"exit {code}: {error[:70]}"
            result.times.clear()
            return result
        result.peak_mb = max(result.peak_mb, peak)
        if together is not None:
            result.together_mb = together
        if attempt == 0:  # warm-up: fills the file cache; not counted unless it is all we get
            if command.peer and elapsed > SLOW_SECONDS:
                result.times.append(elapsed)
                result.cpu.append(cpu)
                result.note = "1 run (slow)"
                return result
            continue
        result.times.append(elapsed)
        result.cpu.append(cpu)
    return result


# -- what to measure ------------------------------------------------------------------


def tracker_help(tracker: str, *args: str) -> str:
    completed = subprocess.run([tracker, *args, "--help"], capture_output=True, text=True,
                               env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"})
    return completed.stdout if completed.returncode == 0 else ""


def main_worktree(root: Path, size: int) -> Path:
    """A checkout of the repository's main branch beside it (a git worktree),
    made once: validating it fills a cache as a run on main would."""
    tree = OUT / f"main-{size}"
    main = subprocess.run(["git", "rev-parse", "main"], cwd=root, capture_output=True, text=True,
                          check=True).stdout.strip()
    if tree.is_dir():
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=tree, capture_output=True, text=True)
        if head.returncode == 0 and head.stdout.strip() == main:
            return tree
        shutil.rmtree(tree)
    subprocess.run(["git", "worktree", "prune"], cwd=root, check=True)
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), main], cwd=root, check=True,
                   capture_output=True)
    return tree


def commit_of_year(root: Path, year: int) -> str:
    return subprocess.run(["git", "log", "--format=%H", "-1", "--grep", f"reported for {year}", "main"],
                          cwd=root, capture_output=True, text=True, check=True).stdout.strip()


def format_choices(help_text: str) -> list[str]:
    """The values of a command's --format option, as its --help lists them."""
    found = re.search(r"--format[^\[<]*?[\[<]([\w|-]+)[\]>]", help_text)  # [a|b] or <a|b>, as Typer writes them
    return found.group(1).split("|") if found else []


def commands(tracker: str, root: Path, size: int, cache_dir: Path, peers: bool) -> list[Command]:
    python = sys.executable
    top = tracker_help(tracker)
    validate_help = tracker_help(tracker, "validate")
    report_help = tracker_help(tracker, "report") if re.search(r"^\s+report\b", top, re.M) else ""
    has_diff = re.search(r"^\s+diff\b", top, re.M) is not None
    has_cache = "--no-cache" in validate_help

    def clear_cache() -> None:
        shutil.rmtree(cache_dir, ignore_errors=True)

    found: list[Command] = [
        Command("floor: read every file", [python, "-c", FLOOR]),
        Command("tracker --help", [tracker, "--help"]),
    ]
    if has_cache:
        found.append(Command("tracker validate (no cache)", [tracker, "validate", "--no-cache"]))
        found.append(Command("tracker validate (cache cold)", [tracker, "validate"], before_each=clear_cache))
    found.append(Command("tracker validate (cache warm)" if has_cache else "tracker validate", [tracker, "validate"]))
    changed = Command("validate --changed-since (20 files)", [tracker, "validate", "--changed-since", "main"])
    if "--changed-since" not in validate_help:
        changed.skip = "skipped: no --changed-since here"
    found.append(changed)
    if has_cache and not changed.skip:
        # As in CI, where the cache comes from the last run on main: every file
        # is in it but the 20 the pull request changed, which are checked afresh.
        main_tree = main_worktree(root, size)

        def cache_from_main() -> None:
            clear_cache()
            subprocess.run([tracker, "--repo", str(main_tree), "validate"], capture_output=True, check=False,
                           env={**os.environ, "TRACKER_TODAY": TODAY, "TRACKER_CACHE_DIR": str(cache_dir)})

        found.append(Command("validate --changed-since (cache from main)",
                             [tracker, "validate", "--changed-since", "main"], before_each=cache_from_main))
    pull_request = subprocess.run(["git", "diff", "--name-only", "main"], cwd=root, capture_output=True,
                                  text=True, check=True).stdout.split()
    found.append(Command(f"tracker validate <the {len(pull_request)} files>", [tracker, "validate", *pull_request]))
    found.append(Command("tracker validate <a hostile file of 1 MiB>",
                         [tracker, "--repo", str(hostile_repository()), "validate",
                          *(["--no-cache"] if has_cache else [])]))
    if not report_help:
        found.append(Command("tracker report 2030", [], skip="skipped: no report command here"))
    else:
        formats = format_choices(report_help) or [""]
        for choice in formats:
            argv = [tracker, "report", "2030", *(["--format", choice] if choice else [])]
            name = " ".join(part for part in ("tracker report 2030", choice, "(cache warm)" if has_cache else "")
                            if part)
            found.append(Command(name, argv))
        if has_cache:
            found.append(Command("tracker report 2030 (cache cold)", [tracker, "report", "2030"],
                                 before_each=clear_cache))
        if "--cumulative" in report_help:
            # The final review: every year's figures and lists, and all 10,000 records' pages.
            found.append(Command("tracker report 2030 --cumulative (final review)",
                                 [tracker, "report", "2030", "--cumulative"]))
    has_indicators = re.search(r"^\s+indicators\b", top, re.M) is not None
    # The standard indicators added up: the target is report's (3 s at 10,000 records).
    found.append(Command("tracker indicators 2030" + (" (cache warm)" if has_cache else ""),
                         [tracker, "indicators", "2030"],
                         skip=None if has_indicators else "skipped: no indicators command here"))
    as_of = Command("report 2027 --as-of <2027 commit>", [tracker, "report", "2027", "--as-of",
                                                          commit_of_year(root, 2027)])
    if "--as-of" not in report_help:
        as_of.skip = "skipped: no report --as-of here"
    found.append(as_of)
    found.append(Command("tracker diff 2029 2030", [tracker, "diff", "2029", "2030"],
                         skip=None if has_diff else "skipped: no diff command here"))
    if peers:
        schema = OUT / "activity.schema.json"
        subprocess.run([tracker, "schema", "--output", str(schema)], check=True, cwd=root,
                       env={**os.environ, "TRACKER_TODAY": TODAY}, capture_output=True)
        files = sorted(str(path.relative_to(root)) for path in (root / "data").glob("*/*/*.yaml"))
        too_big = size > PEER_LIMIT
        check = BIN / "check-jsonschema"
        found.append(Command(
            "check-jsonschema (tracker schema)", [str(check), "--schemafile", str(schema), *files],
            skip=("skipped: not installed" if not check.exists()
                  else f"skipped above {PEER_LIMIT:,} records" if too_big else None), peer=True))
        lint = BIN / "yamllint"
        found.append(Command(
            "yamllint (relaxed)", [str(lint), "-d", "relaxed", "data/economies", "data/fora"],
            skip=("skipped: not installed" if not lint.exists()
                  else f"skipped above {PEER_LIMIT:,} records" if too_big else None), peer=True))
    return found


# -- the table ---------------------------------------------------------------------


def versions(tracker: str) -> str:
    def version_of(argv: list[str]) -> str:
        try:
            out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
        except OSError:
            return "not installed"
        return (out.stdout or out.stderr).strip().splitlines()[0] if (out.stdout or out.stderr) else "?"

    parts = [version_of([tracker, "--version"]), f"Python {sys.version.split()[0]}"]
    for peer in ("check-jsonschema", "yamllint"):
        if (BIN / peer).exists():
            parts.append(version_of([str(BIN / peer), "--version"]))
    return "; ".join(parts)


def fmt_seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def fmt_ratio(value: float | None, reference: float | None) -> str:
    if value is None or not reference:
        return "-"
    ratio = value / reference
    return f"{ratio:.2f}x" if ratio < 10 else f"{ratio:.0f}x"


def table(results: list[Result], size: int, records_mb: float) -> str:
    floor = next((r.median for r in results if r.name.startswith("floor")), None)
    # The reference is validate's cold run: with no cache when the tracker has one.
    validate = next((r.median for r in results if r.name.startswith("tracker validate")), None)
    lines = [
        f"{size:,} records ({records_mb:.1f} MB)",
        "",
        "| measurement | median s | min-max s | CPU s | runs | x floor | x validate | peak MiB | all MiB | note |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        spread = f"{min(r.times):.3f}-{max(r.times):.3f}" if len(r.times) > 1 else "-"
        lines.append(
            f"| {r.name} | {fmt_seconds(r.median)} | {spread} | "
            f"{fmt_seconds(statistics.median(r.cpu) if r.cpu else None)} | {len(r.times) or '-'} | "
            f"{fmt_ratio(r.median, floor)} | {fmt_ratio(r.median, validate)} | "
            f"{f'{r.peak_mb:.0f}' if r.times else '-'} | "
            f"{f'{r.together_mb:.0f}' if r.together_mb is not None and r.times else '-'} | {r.note} |"
        )
    return "\n".join(lines)


def growth(all_results: dict[int, list[Result]]) -> str:
    sizes = sorted(all_results)
    if len(sizes) < 2:
        return ""
    names = [r.name for r in all_results[sizes[0]]]
    header = "| measurement | " + " | ".join(f"{s:,}" for s in sizes) + " | " + " | ".join(
        f"{b // 1000}k/{a // 1000}k (x{b / a:g} records)" for a, b in itertools.pairwise(sizes)) + " |"
    lines = ["Growth with the number of records (median seconds; the ratio of times, "
             "against the ratio of records)", "", header,
             "|---|" + "---:|" * (2 * len(sizes) - 1)]
    for name in names:
        medians = [next((r.median for r in all_results[s] if r.name == name), None) for s in sizes]
        if all(m is None for m in medians):
            continue
        ratios = [fmt_ratio(b, a) for a, b in itertools.pairwise(medians)]
        lines.append(f"| {name} | " + " | ".join(fmt_seconds(m) for m in medians) + " | "
                     + " | ".join(ratios) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=None, help="comma-separated record counts (default 1000,10000,50000)")
    parser.add_argument("--runs", type=int, default=None, help="timed runs per measurement (default 3; quick: 2)")
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 records, 3 runs, no peers")
    parser.add_argument("--no-peers", action="store_true", help="skip check-jsonschema and yamllint")
    parser.add_argument("--tracker", default=str(BIN / "tracker"), help="the tracker command to measure")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args()
    sizes = [int(s) for s in (args.sizes or ("1000,10000" if args.quick else "1000,10000,50000")).split(",")]
    runs = args.runs or (2 if args.quick else 3)
    peers = not (args.no_peers or args.quick)

    OUT.mkdir(parents=True, exist_ok=True)
    print(f"# {versions(args.tracker)}; {os.cpu_count()} CPUs; {runs} runs after one warm-up\n")
    all_results: dict[int, list[Result]] = {}
    for size in sizes:
        root = repository(size)
        cache_dir = OUT / f"cache-{size}"
        env = {**os.environ, "TRACKER_TODAY": TODAY, "NO_COLOR": "1", "TRACKER_CACHE_DIR": str(cache_dir)}
        results = []
        for command in commands(args.tracker, root, size, cache_dir, peers):
            print(f"  {size:,}: {command.name} ...", file=sys.stderr, flush=True)
            results.append(measure(command, size, root, env, runs))
        all_results[size] = results
        records_mb = sum(p.stat().st_size for p in (root / "data").glob("*/*/*.yaml")) / 1e6
        print(table(results, size, records_mb), "\n", flush=True)
    print(growth(all_results))
    if args.json:
        args.json.write_text(json.dumps({str(size): [r.__dict__ | {"median": r.median} for r in results]
                                         for size, results in all_results.items()}, indent=2))


if __name__ == "__main__":
    main()
