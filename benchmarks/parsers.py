#!/usr/bin/env python3
"""How long each YAML parser takes to read the records of a synthetic repository:
the figures behind apec_tracker.reading.record_yaml, the tracker's own reader.

    .venv/bin/python benchmarks/parsers.py benchmarks/out/repo-10000 --limit 2000

Parses in this process (no start-up), every file once per parser; the slow
parsers read only the first --limit files and the time is scaled up to all.
yaml-rs and PyYAML come with the bench extras (`pip install -e '.[bench]'`);
missing parsers are skipped.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def parsers() -> dict[str, tuple[Callable[[str], Any], bool]]:
    """Name -> (parse a text, slow enough to sample)."""
    from apec_tracker.reading import record_yaml

    found: dict[str, tuple[Callable[[str], Any], bool]] = {
        "apec_tracker.reading.record_yaml (the tracker's reader)": (record_yaml.parse, False),
        "record_yaml.locate (a position, as for a reported problem)": (
            lambda text: record_yaml.locate(text, ["title"]), False),
    }
    try:
        import yaml_rs  # type: ignore[import-not-found, unused-ignore]

        found["yaml-rs (Rust)"] = (lambda text: yaml_rs.loads(text, parse_datetime=False), False)
    except ImportError:
        pass
    try:
        import yaml  # type: ignore[import-untyped, unused-ignore]

        found["PyYAML CSafeLoader (libyaml)"] = (lambda text: yaml.load(text, Loader=yaml.CSafeLoader), False)
        found["PyYAML SafeLoader (pure Python)"] = (lambda text: yaml.load(text, Loader=yaml.SafeLoader), True)
    except ImportError:
        pass
    from ruamel.yaml import YAML

    try:
        import _ruamel_yaml  # type: ignore[import-not-found]  # noqa: F401  (ruamel.yaml.clib: the C loader)

        kind = "C loader"
    except ImportError:
        kind = "pure Python: ruamel.yaml.clib not installed"
    safe, round_trip = YAML(typ="safe"), YAML(typ="rt")
    found[f"ruamel.yaml safe ({kind})"] = (safe.load, True)
    found["ruamel.yaml round-trip (positions)"] = (round_trip.load, True)
    found["positions: ruamel compose of one file"] = (round_trip.compose, True)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--limit", type=int, default=1000, help="files the slow parsers read (default 1000)")
    args = parser.parse_args()
    texts = [path.read_text(encoding="utf-8") for path in sorted((args.repo / "data").glob("*/*/*.yaml"))]
    print(f"{len(texts):,} records, {sum(map(len, texts)) / 1e6:.1f} MB\n")
    print("| parser | seconds for all records | ms a record | files timed |")
    print("|---|---:|---:|---:|")
    for name, (parse, slow) in parsers().items():
        sample = texts[: args.limit] if slow else texts
        started = time.perf_counter()
        for text in sample:
            parse(text)
        elapsed = time.perf_counter() - started
        per_record = elapsed / len(sample)
        print(f"| {name} | {per_record * len(texts):.2f} | {per_record * 1000:.3f} | {len(sample):,} |")


if __name__ == "__main__":
    main()
