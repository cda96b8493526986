#!/usr/bin/env python3
"""Build a realistic synthetic tracker repository: a real git repository with the
project's reference data, records under the 21 economies and the fora, and five
years (2026-2030) of history, one commit per reporting year.

Each year new activities are added and every open activity gets that year's
progress entry (a narrative and indicators: standard ones by their catalogue id,
a few of an activity's own by name); some complete, a few are cancelled.
Records carry comments as people write them, and a few progress entries a
highlight for the review. The content is seeded, so the same size always gives
the same files (about 1.75 KB a record at the end of 2030).

On top, a branch pr-20 (checked out) revises 20 records, as a pull request
would. The yearly commits describe the end of each year up to 2030, so run the tracker on it with
TRACKER_TODAY=2030-12-31 (dates after the real today would otherwise be
reported as "in the future").

    python benchmarks/generate.py 10000 benchmarks/out/repo-10000
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REFERENCE = PROJECT_ROOT / "data" / "reference"
YEARS = (2026, 2027, 2028, 2029, 2030)
TODAY = "2030-12-31"
# Share of all activities first reported in each year: most early in the period.
NEW_SHARE = (0.30, 0.25, 0.20, 0.15, 0.10)

ECONOMIES = ("AUS", "BD", "CDA", "CHL", "PRC", "HKC", "INA", "JPN", "ROK", "MAS", "MEX",
             "NZ", "PNG", "PE", "PHL", "RUS", "SGP", "CT", "THA", "USA", "VN")
FORA = ("CTI", "SCE", "EC", "DESG", "SCSC", "TELWG", "HRDWG", "SMEWG", "PPSTI", "PPWE",
        "HWG", "ATCWG", "PPFS", "EWG")
PARTNERS = ("ABAC", "PECC")
ACTIONS = ("A.i", "A.ii", "A.iii", "A.iv", "B.i", "B.ii", "B.iii", "B.iv", "B.v", "C.i", "C.ii", "C.iii")
TYPES = ("project", "workshop", "meeting", "study", "publication", "programme", "other")
TARGET_GROUPS = ("private-sector", "msmes-and-startups", "public-sector-personnel", "workforce",
                 "general-public")
AIDER = ("digital-infrastructure", "interoperability", "broadband-access", "government-policy",
         "regulatory-coherence", "innovation-adoption", "trust-security", "data-flows", "measurement",
         "inclusiveness", "e-commerce")
FUNDING = ("APEC Support Fund (General Fund)", "APEC Support Fund (Digital and Innovation sub-fund)",
           "Operational Account", "self-funded", "TILF Special Account")
TOPICS = ("AI skills for public servants", "trustworthy AI in health", "AI for MSME exports",
          "generative AI in classrooms", "AI readiness review", "data governance for AI",
          "AI and energy-efficient data centres", "AI in customs and trade facilitation",
          "responsible AI procurement", "AI for disaster risk reduction", "AI literacy for women entrepreneurs",
          "cross-border data flows and AI", "AI in agriculture", "AI safety testing", "AI workforce transitions")
WORDS = ("the economy digital artificial intelligence capacity building workshop training officials "  # noqa: SIM905  (a word list reads best as prose)
         "participants member economies policy regulatory cooperation dialogue small medium enterprises "
         "skills data governance interoperability standards trust safety inclusive growth women youth "
         "rural communities pilot programme evaluation report survey findings recommendations public "
         "private partnership infrastructure energy compute innovation adoption services health "
         "agriculture customs procurement review peer learning best practices regional network").split()
# Standard indicators of data/reference/indicators.yaml (most values), and a few
# indicators of an activity's own (a name, no id: a warning, I802).
STANDARD = ("participants-trained", "economies-taking-part", "policy-outputs", "women-share", "msmes-reached",
            "funding-mobilised")
OWN_INDICATORS = (("pilot sites", "sites"), ("AI tools deployed", "tools"))
# How far, on average, activities under each principal action come from baseline
# to target: enough spread for every status of docs/indicators.md "on track".
PACE = {"A.i": 0.9, "A.ii": 0.6, "A.iii": 0.5, "A.iv": 0.85, "B.i": 0.8, "B.ii": 0.45, "B.iii": 0.55,
        "B.iv": 0.15, "B.v": 0.7, "C.i": 0.4, "C.ii": 0.2, "C.iii": 0.6}


def sentence(rng: random.Random, low: int = 7, high: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def block(rng: random.Random, indent: int, sentences: int) -> str:
    text = " ".join(sentence(rng) for _ in range(sentences))
    pad = " " * indent
    return "\n".join(pad + line for line in textwrap.wrap(text, 88 - indent))


def day(rng: random.Random, year: int, first_month: int = 1, last_month: int = 12) -> str:
    return f"{year}-{rng.randint(first_month, last_month):02d}-{rng.randint(1, 28):02d}"


@dataclass
class Entry:
    year: int
    status: str
    text: str  # the entry as written, indented under `progress:`


@dataclass
class Record:
    id: str
    folder: str  # data/economies/JPN or data/fora/HRDWG
    reporter: str
    added: int
    head: str  # everything above status, rendered once
    pace: float = 0.5  # how far its values come from baseline to target
    status: str = "planned"
    planned_start: str = ""
    planned_end: str = ""
    actual_start: str | None = None
    actual_end: str | None = None
    tail: str = ""  # target groups .. sources, rendered once
    progress: list[Entry] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.id}.yaml"

    def text(self) -> str:
        lines = [self.head, f"status: {self.status}"]
        lines.append(f"planned_start: {self.planned_start}")
        lines.append(f"planned_end: {self.planned_end}")
        if self.actual_start:
            lines.append(f"actual_start: {self.actual_start}")
        if self.actual_end:
            lines.append(f"actual_end: {self.actual_end}")
        lines.append(self.tail)
        if self.progress:
            lines.append("progress:")
            lines.extend(entry.text for entry in self.progress)
        return "\n".join(lines) + "\n"


class Generator:
    def __init__(self, size: int, seed: int):
        self.rng = random.Random(seed)
        # Highlights from a stream of their own, so that the rest of the
        # records are the same as before highlights were written.
        self.highlights = random.Random(seed + 1)
        self.size = size
        self.records: list[Record] = []
        self.project_serial: dict[tuple[str, int], int] = {}
        self.pace = 0.5

    def new_record(self, serial: int, year: int) -> Record:
        rng = self.rng
        if rng.random() < 0.8:
            reporter = rng.choice(ECONOMIES)
            folder = f"data/economies/{reporter}"
        else:
            reporter = rng.choice(FORA)
            folder = f"data/fora/{reporter}"
        topic = rng.choice(TOPICS)
        slug = topic.lower().replace(" ", "-")
        record_id = f"{reporter.lower()}-{year}-{slug}-{serial:05d}"
        lead = rng.choice(ECONOMIES)
        co_sponsors = rng.sample([code for code in ECONOMIES if code != lead], rng.randint(0, 4))
        actions = rng.sample(ACTIONS, rng.randint(1, 3))
        lines = [
            "# yaml-language-server: $schema=../../../schema/activity.schema.json",
            f"# Reported by {reporter}; contact the focal point through the APEC Secretariat.",
            f"id: {record_id}",
            f"title: {topic[0].upper()}{topic[1:]} ({serial})",
            "summary: >-",
            block(rng, 2, rng.randint(1, 2)),
            f"reporter: {reporter}",
            f"lead_economies: [{lead}]",
        ]
        if co_sponsors:
            lines.append(f"co_sponsors: [{', '.join(co_sponsors)}]")
        if rng.random() < 0.3:
            lines.append(f"partner_fora: [{', '.join(rng.sample(FORA, rng.randint(1, 2)))}]")
        if rng.random() < 0.2:
            lines.append(f"partners: [{rng.choice(PARTNERS)}]")
        lines.append("actions:")
        for index, code in enumerate(actions):
            lines.append(f"  - code: {code}")
            lines.append(f"    role: {'principal' if index == 0 else 'significant'}")
        lines.append(f"activity_type: {rng.choice(TYPES)}  # as the proposal classifies it")
        record = Record(id=record_id, folder=folder, reporter=reporter, added=year, head="\n".join(lines),
                        pace=PACE[actions[0]])
        start_year = year if rng.random() < 0.7 else min(year + 1, YEARS[-1])
        record.planned_start = day(rng, start_year, 1, 6)
        record.planned_end = day(rng, min(start_year + rng.randint(0, 3), YEARS[-1]), 7, 12)

        tail = [f"target_groups: [{', '.join(rng.sample(TARGET_GROUPS, rng.randint(1, 2)))}]",
                f"aider_focus_areas: [{', '.join(rng.sample(AIDER, rng.randint(1, 3)))}]"]
        if rng.random() < 0.35:
            forum = rng.choice(FORA)
            serial_in_year = self.project_serial.get((forum, year), 0) + 1
            self.project_serial[(forum, year)] = serial_in_year
            # Three digits per forum and year; beyond 999 the letter tells them apart.
            letter = "ABCDEFGHIJ"[serial_in_year // 1000]
            tail.append(f"apec_project: {forum}_{serial_in_year % 1000:03d}_{year}{letter}")
        tail.append("funding:")
        tail.append(f"  source: {rng.choice(FUNDING)}")
        if rng.random() < 0.7:
            tail.append(f"  amount_usd: {rng.randrange(20_000, 300_000, 5_000)}")
        tail.append("links:")
        tail.append(f"  - https://www.apec.org/publications/{year}/{rng.randint(1, 12):02d}/{record_id}")
        tail.append("sources:")
        tail.append(f"  - https://aimp2.apec.org/sites/PDB/Lists/Proposals/DispForm.aspx?ID={serial}")
        record.tail = "\n".join(tail)
        return record

    def report_year(self, record: Record, year: int) -> None:
        """The record's progress entry for ``year`` and what it changes."""
        rng = self.rng
        if record.status in ("completed", "cancelled"):
            return
        start_year = int(record.planned_start[:4])
        end_year = int(record.planned_end[:4])
        if year < start_year:
            status = "planned"
        elif year >= end_year and rng.random() < 0.6:
            status = "completed"
        elif rng.random() < 0.01:
            status = "cancelled"
        else:
            status = "ongoing"
        if status in ("ongoing", "completed") and record.actual_start is None:
            record.actual_start = day(rng, max(year, start_year), 1, 6)
        if status == "completed":
            record.actual_end = day(rng, year, 7, 12)
        record.status = status
        lines = [f"  - year: {year}", f"    status: {status}", "    narrative: >-",
                 block(rng, 6, 1)]
        if status in ("ongoing", "completed") and self.highlights.random() < 0.04:
            # A few entries carry a highlight for the year's review, as reporters write them.
            lines.append(f"    highlight: {sentence(self.highlights, 8, 16)}")
        indicators = self.indicators(record.pace) if status != "planned" else []
        if indicators:
            lines.append("    indicators:")
            lines.extend(indicators)
            if rng.random() < 0.2:
                lines.append("    # figures from the forum's annual report")
        record.progress.append(Entry(year, status, "\n".join(lines)))

    def indicators(self, pace: float) -> list[str]:
        """An entry's indicator lines: values within the catalogue's bounds, a
        part never above its whole, targets above baselines; the value around
        ``pace`` of the way from the baseline to the target, so actions' tracks vary."""
        rng = self.rng
        self.pace = pace
        lines: list[str] = []
        for key in rng.sample(STANDARD, rng.choice((0, 1, 1, 2))):
            if key == "participants-trained":
                figures = self.figures(rng.randint(0, 40), rng.randint(10, 200))
                lines += self.indicator_lines(key, figures)
                for part, chance in (("women-trained", 0.5), ("officials-trained", 0.3)):
                    if rng.random() < chance:  # a part of the whole, never more
                        share = rng.uniform(0.2, 0.6)
                        lines += self.indicator_lines(part, tuple(round(f * share) for f in figures))
            elif key == "economies-taking-part":
                baseline = rng.randint(0, 5)
                lines += self.indicator_lines(key, self.figures(baseline, rng.randint(3, 21 - baseline), cap=21))
            elif key == "women-share":
                baseline = rng.randint(20, 45)
                lines += self.indicator_lines(key, self.figures(baseline, rng.randint(5, 25), cap=100, whole=False),
                                              unit="percent")
            elif key == "funding-mobilised":
                target = rng.randrange(50_000, 2_000_000, 5_000)
                lines += self.indicator_lines(key, (0, target, rng.randrange(0, target + 5_000, 5_000)))
            else:  # msmes-reached, policy-outputs
                lines += self.indicator_lines(key, self.figures(0, rng.randint(1, 60 if key == "msmes-reached" else 6)))
        if rng.random() < 0.03:
            name, unit = rng.choice(OWN_INDICATORS)
            lines += [f"      - name: {name}", f"        unit: {unit}", f"        value: {rng.randint(1, 30)}"]
        return lines

    def figures(self, baseline: int, way: int, cap: int | None = None, whole: bool = True) -> tuple[float, ...]:
        """Baseline, target and value; the value near the pace's share of the way, at most 10 % past the target."""
        target = baseline + way
        value = baseline + min(max(self.rng.gauss(self.pace, 0.25), 0.0), 1.1) * way
        if cap is not None:
            value = min(value, cap)
        return (baseline, target, round(value) if whole else round(value, 1))

    @staticmethod
    def indicator_lines(key: str, figures: tuple[float, ...], unit: str | None = None) -> list[str]:
        baseline, target, value = figures
        lines = [f"      - id: {key}"]
        if unit:
            lines.append(f"        unit: {unit}")
        return [*lines, f"        baseline: {baseline}", f"        target: {target}", f"        value: {value}"]

    def year(self, year: int) -> list[Record]:
        """Add the year's new activities and report on every open one; the records that changed."""
        index = YEARS.index(year)
        target = round(self.size * sum(NEW_SHARE[: index + 1])) if index < len(YEARS) - 1 else self.size
        changed: dict[str, Record] = {}
        while len(self.records) < target:
            record = self.new_record(len(self.records) + 1, year)
            self.records.append(record)
        for record in self.records:
            before = len(record.progress)
            self.report_year(record, year)
            if len(record.progress) != before or record.added == year:
                changed[record.path] = record
        return list(changed.values())


def git(root: Path, *args: str, date: str | None = None) -> str:
    env = {"GIT_AUTHOR_NAME": "APEC Secretariat", "GIT_AUTHOR_EMAIL": "tracker@example.org",
           "GIT_COMMITTER_NAME": "APEC Secretariat", "GIT_COMMITTER_EMAIL": "tracker@example.org",
           "HOME": str(root), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


def generate(size: int, out: Path, seed: int = 2026) -> dict[str, object]:
    """Write the repository at ``out`` (replacing it); a summary of what was written."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copytree(REFERENCE, out / "data" / "reference")
    for top, codes in (("economies", ECONOMIES), ("fora", FORA)):
        for code in codes:
            (out / "data" / top / code).mkdir(parents=True)
            (out / "data" / top / code / ".gitkeep").touch()
    git(out, "init", "-q", "-b", "main")
    git(out, "add", "-A")
    git(out, "commit", "-q", "-m", "Start the tracker repository", date="2026-01-05T09:00:00Z")
    git(out, "config", "user.name", "APEC Secretariat")
    git(out, "config", "user.email", "tracker@example.org")
    generator = Generator(size, seed)
    commits: list[str] = []
    for year in YEARS:
        for record in generator.year(year):
            path = out / record.path
            path.write_text(record.text(), encoding="utf-8")
        git(out, "add", "-A")
        git(out, "commit", "-q", "-m", f"Progress reported for {year}", date=f"{year}-12-20T09:00:00Z")
        commits.append(git(out, "rev-parse", "HEAD").strip())
    total = sum((out / record.path).stat().st_size for record in generator.records)
    open_pull_request(out, generator)
    return {"records": len(generator.records), "bytes": total, "commits": commits}


PULL_REQUEST_BRANCH = "pr-20"
PULL_REQUEST_FILES = 20


def open_pull_request(out: Path, generator: Generator) -> None:
    """A branch off the last year that revises 20 records, checked out: what
    `validate --changed-since main` sees on a pull request."""
    git(out, "checkout", "-q", "-b", PULL_REQUEST_BRANCH)
    step = max(1, len(generator.records) // PULL_REQUEST_FILES)
    for record in generator.records[::step][:PULL_REQUEST_FILES]:
        path = out / record.path
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\ntitle: ", "\ntitle: Revised ", 1), encoding="utf-8")
    git(out, "commit", "-q", "-am", f"Revise {PULL_REQUEST_FILES} records", date="2031-01-10T09:00:00Z")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", type=int, help="number of records")
    parser.add_argument("out", type=Path, help="folder to write the repository to (replaced)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    summary = generate(args.size, args.out, args.seed)
    records, size = int(summary["records"]), int(summary["bytes"])  # type: ignore[call-overload]
    print(f"{records} records, {size / 1e6:.1f} MB, {size / records:.0f} bytes a record, "
          f"{len(summary['commits'])} yearly commits", file=sys.stderr)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
