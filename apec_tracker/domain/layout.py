"""Where a tracker repository's parts live, and finding the repository a command runs in.

A tracker repository is a folder holding ``data/reference/framework.yaml``; the
records are under ``data/economies/<CODE>/``, ``data/fora/<CODE>/`` and
``data/bodies/<CODE>/``, nil returns under ``data/returns/<YEAR>/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from apec_tracker.errors import SetupError

DATA_DIR = Path("data")
REFERENCE_DIR = Path("data/reference")
ECONOMIES_DIR = Path("data/economies")
FORA_DIR = Path("data/fora")
BODIES_DIR = Path("data/bodies")
# The folders records live in, one for each kind of reporter.
RECORD_DIRS = (ECONOMIES_DIR, FORA_DIR, BODIES_DIR)
RECORD_SUFFIX = ".yaml"  # a record's file is <id>.yaml
# Nil returns: data/returns/<YEAR>/<CODE>.yaml (apec_tracker.domain.nil_return).
RETURNS_DIR = Path("data/returns")
SCHEMA_FILE = Path("schema/activity.schema.json")
TEMPLATES_DIR = Path("templates")

# Files are written whole to a staging file beside their place, then renamed
# (apec_tracker.authoring.atomic_files); one a killed write leaves behind is
# known by its name, and never taken for a record.
STAGING_PREFIX = ".tracker-staging-"
STAGING_SUFFIX = ".tmp"


def checked_against_by_every_record(path: str) -> bool:
    """Whether a change to the file at ``path`` (repository-relative) can change
    what any record checks to: the reference data every code is looked up in,
    and the schema of a record. Naming one to `tracker validate` (a pre-commit
    hook does), or changing one since ``--changed-since``, checks everything."""
    return path == REFERENCE_DIR.as_posix() or path.startswith(REFERENCE_DIR.as_posix() + "/") or (
        path == SCHEMA_FILE.as_posix())


def is_staging_file(name: str) -> bool:
    return name.startswith(STAGING_PREFIX) and name.endswith(STAGING_SUFFIX)


# Files macOS and Windows make on their own in any folder a person opens or
# copies into with Finder or Explorer: folder view settings (.DS_Store,
# desktop.ini), thumbnail caches (Thumbs.db, ehthumbs.db), a custom folder icon
# ("Icon" and a carriage return) and, on a disk or share that keeps no Mac
# metadata, a "._<name>" file beside each file copied. No one who reports
# manages them; .gitignore lists them too. Windows names are matched in any case.
SYSTEM_FILES = frozenset({".ds_store", "thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini", "icon\r"})
APPLEDOUBLE_PREFIX = "._"


def is_system_file(name: str) -> bool:
    """Whether a file named ``name`` is one an operating system made, not a person."""
    return name.startswith(APPLEDOUBLE_PREFIX) or name.casefold() in SYSTEM_FILES


class NotATrackerRepository(SetupError):
    """No tracker repository at or above the folder the command was run in."""


@dataclass(frozen=True)
class Repository:
    root: Path

    @property
    def reference_dir(self) -> Path:
        return self.root / REFERENCE_DIR

    @property
    def economies_dir(self) -> Path:
        return self.root / ECONOMIES_DIR

    @property
    def fora_dir(self) -> Path:
        return self.root / FORA_DIR

    @property
    def bodies_dir(self) -> Path:
        return self.root / BODIES_DIR

    @property
    def record_dirs(self) -> tuple[Path, ...]:
        return tuple(self.root / folder for folder in RECORD_DIRS)

    def record_ids(self) -> list[tuple[str, str]]:
        """Each file named like a record (``<folder>/<id>.yaml`` in a record folder)
        as its id and its folder, from the names alone: for completion and
        did-you-mean, where nothing is parsed. A file the operating system made
        (``._<id>.yaml``) is not a record's."""
        return [(path.stem, path.parent.name) for top in self.record_dirs
                for path in sorted(top.glob(f"*/*{RECORD_SUFFIX}")) if not is_system_file(path.name)]

    @property
    def schema_file(self) -> Path:
        return self.root / SCHEMA_FILE

    def relative(self, path: Path) -> str:
        """The path as users see it in diagnostics: relative, with forward slashes."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def nil_return_path(year: int, reporter: str) -> str:
    """Where a reporter's nil return for a year is filed, from the repository root."""
    return f"{RETURNS_DIR.as_posix()}/{year}/{reporter}.yaml"


def find_repository(start: Path) -> Repository:
    """The tracker repository containing ``start``, searching upwards."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / REFERENCE_DIR / "framework.yaml").is_file():
            return Repository(folder)
    raise NotATrackerRepository(
        f"{start} is not inside a tracker repository "
        f"(no {REFERENCE_DIR.as_posix()}/framework.yaml here or in any parent folder)"
    )
