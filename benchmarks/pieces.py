#!/usr/bin/env python3
"""What each piece of apec_tracker._speed buys: every command it serves, timed
with the piece and without it, side by side, on the synthetic repositories of
benchmarks/run.py.

    .venv/bin/python benchmarks/pieces.py                 # 1,000 and 10,000 records
    .venv/bin/python benchmarks/pieces.py --sizes 10000 --runs 5

A piece is switched off in the measured process alone (this script starts the
command with a few lines of Python that replace the piece before the command
runs); the product has no switch for them, since nothing but a measurement
needs one. Each measurement is a fresh process, run once to warm the file
cache and then --runs times; the table shows median wall seconds and what the
piece saves, as a share of the command's time without it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402  (the repositories and the date, from benchmarks/run.py)

# Python run instead of `tracker ...`: {switch} replaces a piece, then the command runs.
LAUNCH = """
import sys
{switch}
from apec_tracker.cli import main
sys.argv = ["tracker", *sys.argv[1:]]
main()
"""
SWITCHES = {
    "": "",
    # The collector runs as it would by default while records are read.
    "collector": "import contextlib, apec_tracker._speed as s; s.many_objects = contextlib.nullcontext",
    # Unchanged files are read and hashed instead of taking the blob ids git lists at the base.
    "base blobs": "import apec_tracker.git as g; g.blobs_at = lambda *a, **k: {}",
}


@dataclass(frozen=True)
class Piece:
    name: str
    command: tuple[str, ...]
    without: str  # a key of SWITCHES, or "--no-cache" for the store
    prepare: tuple[str, ...] = ()  # a command run before each timed run (fills the store)


PIECES = (
    Piece("pausing the collector while records are read", ("validate", "--no-cache"), "collector"),
    Piece("pausing the collector while records are read", ("report", "2030", "-o", "{out}"), "collector"),
    Piece("pausing the collector while records are read", ("diff", "2029", "2030"), "collector"),
    Piece("the store of facts (filled by a run on main)", ("validate", "--changed-since", "main"), "--no-cache",
          ("validate",)),
    Piece("blob ids from the base instead of reading unchanged files", ("validate", "--changed-since", "main"),
          "base blobs", ("validate",)),
)


def timed(argv: list[str], cwd: Path, env: dict[str, str], prepare: list[str] | None, runs: int) -> float:
    times = []
    for attempt in range(runs + 1):
        if prepare:
            subprocess.run(prepare, cwd=cwd, env=env, capture_output=True, check=False)
        started = time.perf_counter()
        subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=False)
        if attempt:  # the first run warms the file cache
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| piece | command | records | with s | without s | saves |")
    print("|---|---|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        root = run.repository(size)
        cache = run.OUT / f"pieces-cache-{size}"
        out = run.OUT / f"pieces-report-{size}"
        env = {**os.environ, "TRACKER_TODAY": run.TODAY, "NO_COLOR": "1", "TRACKER_CACHE_DIR": str(cache)}
        for piece in PIECES:
            command = [part.format(out=out) for part in piece.command]
            prepare = [sys.executable, "-c", LAUNCH.format(switch=""), *piece.prepare] if piece.prepare else None
            with_it = timed([sys.executable, "-c", LAUNCH.format(switch=""), *command], root, env, prepare,
                            args.runs)
            if piece.without == "--no-cache":
                argv = [sys.executable, "-c", LAUNCH.format(switch=""), *command, "--no-cache"]
            else:
                argv = [sys.executable, "-c", LAUNCH.format(switch=SWITCHES[piece.without]), *command]
            without = timed(argv, root, env, prepare, args.runs)
            share = (without - with_it) / without if without else 0.0
            print(f"| {piece.name} | `tracker {' '.join(piece.command).replace(' -o {out}', '')}` | {size:,} | "
                  f"{with_it:.2f} | {without:.2f} | {share:.0%} |", flush=True)


if __name__ == "__main__":
    main()
