"""The repository's git history, the tracker's memory: the only module that talks to git.

Records are read as of any revision straight from git's object store: one
``git ls-tree`` lists the files under data/economies/ and data/fora/, and one
long-running ``git cat-file --batch`` process (GitPython's object database)
streams their contents. The working tree and the index are never touched, so
``--as-of`` works in a repository with uncommitted changes, a detached HEAD or
a merge in progress.

Everything that can go wrong with the repository itself (no git, no such
revision, a shallow clone) is raised as a :class:`HistoryError` subclass with a
message fit for a one-line error; the CLI turns it into exit code 2.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import ParamSpec, TypeVar

# Without this, importing GitPython on a machine without git raises ImportError;
# git's absence is instead reported when history is actually needed.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

import git
from git.exc import GitCommandError, GitCommandNotFound, InvalidGitRepositoryError, NoSuchPathError

from apec_tracker.domain.diagnostics import Diagnostic
from apec_tracker.domain.framework import Framework
from apec_tracker.reading.records import MAX_RECORD_BYTES, RecordFile, UnreadableFile, discover_paths
from apec_tracker.domain.layout import ECONOMIES_DIR, FORA_DIR, REFERENCE_DIR

R = TypeVar("R")
P = ParamSpec("P")

RECORD_DIRS = (ECONOMIES_DIR.as_posix(), FORA_DIR.as_posix())
REFERENCE_FILES = ("framework.yaml", "economies.yaml", "fora.yaml")

# How to get the history a shallow clone lacks; said in every ShallowHistory message.
FETCH_ADVICE = ("fetch the full history with `git fetch --unshallow` "
                "(in GitHub Actions: `fetch-depth: 0` on actions/checkout)")

_SYMLINK_MODE = "120000"


class HistoryError(Exception):
    """The history cannot answer: the message says why, in one line."""


class NotAGitRepository(HistoryError):
    pass


class UnknownRevision(HistoryError):
    pass


class ShallowHistory(HistoryError):
    """The revision may well exist, but this clone was made without it."""


class DetachedHead(HistoryError):
    pass


class GitUnavailable(HistoryError):
    pass


_NO_GIT = "git is not installed or not on PATH; history needs it"


def _needs_git(function: Callable[P, R]) -> Callable[P, R]:
    """GitPython finds out that git is missing only when it runs it."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except GitCommandNotFound:
            raise GitUnavailable(_NO_GIT) from None

    return wrapper


@dataclass(frozen=True)
class Provenance:
    """Which commit a result was built from, for reports to name."""

    commit: str | None  # full hash; None in a repository without commits (or not under git)
    short: str | None
    committed_at: datetime | None  # the commit's committer date, with its time zone
    dirty: bool  # uncommitted changes (including new files) in the working tree
    branch: str | None = None  # None when HEAD is detached or when reading a revision


@dataclass(frozen=True)
class TreeEntry:
    """A file of the record folders at a revision."""

    path: str  # relative to the tracker repository's root
    mode: str
    sha: str
    size: int | None  # None for what is not a file (a submodule)


# -- opening ---------------------------------------------------------------


def open_git(root: Path) -> git.Repo:
    """The git repository holding the tracker repository at ``root``."""
    try:
        return git.Repo(root, search_parent_directories=True)
    except (InvalidGitRepositoryError, NoSuchPathError):
        raise NotAGitRepository(
            f"{root} is not in a git repository; history (--as-of, --changed-since, diff against a "
            "published year, publish) needs the records' git history: clone the repository with git"
        ) from None
    except GitCommandNotFound:
        raise GitUnavailable(_NO_GIT) from None


def _prefix(repo: git.Repo, root: Path) -> str:
    """Where the tracker repository sits inside the git repository ('' at the top)."""
    top = Path(repo.working_tree_dir or root).resolve()
    relative = root.resolve().relative_to(top).as_posix()
    return "" if relative == "." else relative + "/"


def is_shallow(repo: git.Repo) -> bool:
    return (Path(repo.git_dir) / "shallow").exists() or (Path(repo.common_dir) / "shallow").exists()


def resolve(repo: git.Repo, revision: str) -> str:
    """The full hash of the commit ``revision`` names (a hash, tag, branch, HEAD~2...)."""
    if not revision or revision.startswith("-") or "\n" in revision:
        raise UnknownRevision(f"{revision!r} is not a revision")
    try:
        return str(repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")).strip()
    except GitCommandError:
        pass
    if is_shallow(repo):
        raise ShallowHistory(f"the revision {revision!r} is not in this shallow clone: {FETCH_ADVICE}")
    if not repo.head.is_valid():
        raise UnknownRevision(f"the revision {revision!r} does not exist: the repository has no commits yet")
    raise UnknownRevision(f"the revision {revision!r} does not exist (try a commit hash, a tag or a branch name)")


# -- provenance ------------------------------------------------------------


def provenance(root: Path) -> Provenance:
    """The commit the working tree is at, and whether it has uncommitted changes.

    Outside a git repository this is an empty provenance (no commit, not dirty)
    rather than an error: a report can be built from a plain folder of records.
    """
    try:
        return _provenance(root)
    except (NotAGitRepository, GitUnavailable, GitCommandNotFound):
        return Provenance(commit=None, short=None, committed_at=None, dirty=False)


def _provenance(root: Path) -> Provenance:
    with open_git(root) as repo:
        branch = None if repo.head.is_detached else repo.active_branch.name
        if not repo.head.is_valid():
            return Provenance(commit=None, short=None, committed_at=None, dirty=True, branch=branch)
        commit = repo.head.commit
        prefix = _prefix(repo, root)
        dirty = repo.is_dirty(untracked_files=True, path=prefix or None)
        return Provenance(commit=commit.hexsha, short=_short(repo, commit.hexsha),
                          committed_at=_committed_at(commit), dirty=dirty, branch=branch)


@_needs_git
def provenance_at(root: Path, revision: str) -> Provenance:
    """The provenance of a result built from ``revision`` (never dirty)."""
    with open_git(root) as repo:
        commit = repo.commit(resolve(repo, revision))
        return Provenance(commit=commit.hexsha, short=_short(repo, commit.hexsha),
                          committed_at=_committed_at(commit), dirty=False)


def _committed_at(commit: git.Commit) -> datetime:
    # A plain datetime.timezone rather than GitPython's own tzinfo class, so
    # the value prints, compares and pickles like any other.
    offset = timezone(timedelta(seconds=-commit.committer_tz_offset))
    return datetime.fromtimestamp(commit.committed_date, tz=offset)


def _short(repo: git.Repo, sha: str) -> str:
    return str(repo.git.rev_parse("--short", sha)).strip()


# -- records at a revision -------------------------------------------------


class Snapshot:
    """The record files as they were at one commit, read from git's object store.

    A RecordSource (see apec_tracker.reading.records): pass it to validate_repository or
    load_files. Use it as a context manager so git's reader process is ended.
    """

    @_needs_git
    def __init__(self, root: Path, revision: str):
        self.root = root
        self.revision = revision
        self._repo = open_git(root)
        try:
            self.commit = resolve(self._repo, revision)
            self._prefix = _prefix(self._repo, root)
            self.entries: dict[str, TreeEntry] = {entry.path: entry for entry in self._list()}
        except BaseException:
            self._repo.close()
            raise

    def __enter__(self) -> Snapshot:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._repo.close()

    @property
    def provenance(self) -> Provenance:
        commit = self._repo.commit(self.commit)
        return Provenance(commit=self.commit, short=_short(self._repo, self.commit),
                          committed_at=_committed_at(commit), dirty=False)

    def _list(self) -> Iterator[TreeEntry]:
        folders = [self._prefix + folder for folder in RECORD_DIRS]
        try:
            # -z: paths unquoted, whatever bytes they hold; -l: sizes, so an
            # oversized blob is refused without being read.
            output: bytes = self._repo.git.ls_tree("-r", "-z", "-l", "--full-tree", self.commit, "--", *folders,
                                                   stdout_as_string=False)
        except GitCommandError as error:
            raise _missing_objects(self._repo, self.revision, error) from None
        for item in output.split(b"\0"):
            if not item:
                continue
            meta, _, raw_path = item.partition(b"\t")
            mode, kind, sha, size = meta.decode("ascii").split()
            path = raw_path.decode("utf-8", errors="surrogateescape")
            yield TreeEntry(path=path[len(self._prefix):], mode=mode, sha=sha,
                            size=int(size) if kind == "blob" else None)

    def discover(self, framework: Framework) -> tuple[list[RecordFile], list[Diagnostic]]:
        return discover_paths(self.entries, framework)

    def known_blobs(self) -> dict[str, str]:
        # What read() would return for a regular file of a sane size is its blob.
        return {path: entry.sha for path, entry in self.entries.items()
                if entry.mode in ("100644", "100755") and entry.size is not None and entry.size <= MAX_RECORD_BYTES}

    def read(self, path: str) -> bytes:
        """A record file's bytes at the revision, following a link only to
        another file of the record folders at that revision."""
        entry = self.entries.get(path)
        if entry is not None and entry.mode == _SYMLINK_MODE:
            target = _link_target(path, self._blob(entry.sha).decode("utf-8", errors="surrogateescape"))
            entry = self.entries.get(target) if target is not None else None
            if entry is None or entry.mode == _SYMLINK_MODE:
                raise UnreadableFile("F106", "the file is a link to a place outside the record folders",
                                     "replace the link with the record itself")
        if entry is None or entry.size is None:
            raise UnreadableFile("F106", "this is not a regular file at that revision", "records are plain text files")
        if entry.size > MAX_RECORD_BYTES:
            raise UnreadableFile("F107", f"the file has {entry.size:,} bytes; a record has at most "
                                 f"{MAX_RECORD_BYTES:,}", "a record describes one activity in a few pages")
        return self._blob(entry.sha)

    def file(self, path: str) -> bytes | None:
        """Any file of the repository at the revision (reference data, a
        template), or None if there was none; through the same git process."""
        try:
            data = self._repo.git.get_object_data(f"{self.commit}:{self._prefix}{path}")
        except (GitCommandError, ValueError):
            return None
        return bytes(data[3]) if data[1] in (b"blob", "blob") else None

    def same_reference_data(self, reference_dir: Path) -> bool:
        """Whether the reference data at the revision is, byte for byte, the one
        in ``reference_dir``: then records check the same way against either,
        and what the cache of checked files knows holds for the revision too."""
        for name in REFERENCE_FILES:
            try:
                current = (reference_dir / name).read_bytes()
            except OSError:
                return False
            if self.file(f"{REFERENCE_DIR.as_posix()}/{name}") != current:
                return False
        return True

    def framework(self) -> Framework:
        """The reference data (data/reference/*.yaml) as it was at the revision,
        for a result that must match what was built from that commit. Raises
        HistoryError if it is missing there or cannot be read by this version
        of the tracker."""
        import tempfile

        from apec_tracker.domain.framework import ReferenceDataError, load_framework

        where = f"{self.revision}:{REFERENCE_DIR.as_posix()}"
        # load_framework reads a folder; the three small files are copied to a
        # private temporary one, which is removed at once.
        with tempfile.TemporaryDirectory(prefix="tracker-reference-") as folder:
            for name in REFERENCE_FILES:
                data = self.file(f"{REFERENCE_DIR.as_posix()}/{name}")
                if data is None:
                    raise HistoryError(f"{where}/{name} does not exist at that revision")
                (Path(folder) / name).write_bytes(data)
            try:
                return load_framework(Path(folder))
            except ReferenceDataError as error:
                raise HistoryError(f"the reference data at {self.revision!r} cannot be read: "
                                   + str(error).replace(folder, where)) from None

    def _blob(self, sha: str) -> bytes:
        # The persistent `git cat-file --batch` process: one for the whole
        # snapshot, however many files are read.
        try:
            return bytes(self._repo.git.get_object_data(sha)[3])
        except (GitCommandError, ValueError) as error:
            raise UnreadableFile("F108", f"git cannot read the file at this revision: {error}") from None


def _link_target(path: str, target: str) -> str | None:
    if target.startswith("/"):
        return None
    parts: list[str] = []
    for part in (*PurePosixPath(path).parent.parts, *PurePosixPath(target).parts):
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def _missing_objects(repo: git.Repo, revision: str, error: GitCommandError) -> HistoryError:
    if is_shallow(repo):
        return ShallowHistory(f"the files of {revision!r} are not in this shallow clone: {FETCH_ADVICE}")
    detail = str(error.stderr or "").strip().splitlines()
    return UnknownRevision(f"git cannot list the files of {revision!r}: {detail[-1] if detail else error}")


def records_at(root: Path, revision: str) -> Snapshot:
    """The record files at ``revision``; close the snapshot (or use ``with``) when done."""
    return Snapshot(root, revision)



# -- publications ----------------------------------------------------------

PUBLICATION_TAG_PREFIX = "review-"


@dataclass(frozen=True)
class Publication:
    """A year's review as published: the annotated tag `tracker publish` made."""

    year: int
    tag: str
    commit: str


def publication_tag(year: int) -> str:
    return f"{PUBLICATION_TAG_PREFIX}{year}"


def publications(root: Path, *, reachable_from: str | None = None) -> list[Publication]:
    """Every published year, oldest first. With ``reachable_from`` (a revision),
    only those whose commit is in that revision's history: a review published
    later, or on another branch, says nothing about an older state.

    Outside git (or without git installed) there are no publications (an
    empty list), not an error: plain validation needs no history.
    """
    try:
        return _publications(root, reachable_from)
    except (NotAGitRepository, GitUnavailable, GitCommandNotFound):
        return []


def _publications(root: Path, reachable_from: str | None) -> list[Publication]:
    with open_git(root) as repo:
        if not repo.head.is_valid():
            return []
        output = str(repo.git.for_each_ref(f"refs/tags/{PUBLICATION_TAG_PREFIX}*",
                                           "--format=%(refname:strip=2)%09%(objecttype)%09%(*objectname)"))
        found: list[Publication] = []
        for line in output.splitlines():
            name, kind, peeled = line.split("\t")
            year_text = name.removeprefix(PUBLICATION_TAG_PREFIX)
            if not year_text.isdigit() or len(year_text) != 4:
                continue
            if kind != "tag":  # a lightweight tag: not a publication (publish makes annotated tags)
                continue
            found.append(Publication(year=int(year_text), tag=name, commit=peeled))
        if reachable_from is not None:
            tip = resolve(repo, reachable_from)
            found = [item for item in found if _is_ancestor(repo, item.commit, tip)]
        return sorted(found, key=lambda item: item.year)


def _is_ancestor(repo: git.Repo, ancestor: str, descendant: str) -> bool:
    try:
        repo.git.merge_base("--is-ancestor", ancestor, descendant)
    except GitCommandError as error:
        if error.status == 1:
            return False
        if is_shallow(repo):
            raise ShallowHistory(f"cannot tell whether {ancestor[:12]} is in the history: {FETCH_ADVICE}") from None
        raise UnknownRevision(f"git cannot compare the history: {_last_line(error)}") from None
    return True


def _last_line(error: GitCommandError) -> str:
    lines = str(error.stderr or "").strip().splitlines()
    return lines[-1].removeprefix("stderr: ").strip(" '") if lines else str(error)


class AlreadyPublished(HistoryError):
    pass


class UncommittedChanges(HistoryError):
    pass


@_needs_git
def publish(root: Path, year: int, message: str) -> Publication:
    """Record the publication of ``year``'s review as an annotated tag on HEAD.

    Refused on a detached HEAD, with uncommitted changes (what is published
    must be what the tag holds), or when the year is already published.
    """
    with open_git(root) as repo:
        if not repo.head.is_valid():
            raise UnknownRevision("the repository has no commits yet: commit the records, then publish")
        if repo.head.is_detached:
            raise DetachedHead("HEAD is detached: check out the branch the review is published from "
                               "(for example `git switch main`), then publish")
        prefix = _prefix(repo, root)
        if repo.is_dirty(untracked_files=True, path=prefix or None):
            raise UncommittedChanges("the working tree has uncommitted changes: commit them (or stash them) "
                                     "so that the tag holds exactly what is published")
        tag = publication_tag(year)
        existing = [item for item in publications(root) if item.year == year]
        if existing or tag in repo.tags:
            where = existing[0].commit[:12] if existing else "an existing tag"
            raise AlreadyPublished(f"{year} was already published ({tag} at {where}); a published review "
                                   "is not moved: restatements are reported against it")
        try:
            repo.git.tag("--annotate", "--message", message, tag, "HEAD")
        except GitCommandError as error:
            detail = _last_line(error)
            if "identity" in str(error.stderr) or "user.email" in str(error.stderr):
                detail = "git needs your name and email for the tag: set git config user.name and user.email"
            raise HistoryError(f"cannot make the tag {tag}: {detail}") from None
        return Publication(year=year, tag=tag, commit=repo.head.commit.hexsha)


# -- what changed ----------------------------------------------------------


@dataclass(frozen=True)
class ChangedFiles:
    """The record files that differ between REF and the working tree (or a revision)."""

    base: str  # the merge base of REF and HEAD: where the branch left REF
    paths: frozenset[str]  # relative to the tracker root; added, modified, deleted and untracked
    # With the working tree, if git can vouch for every change: the keys of
    # the checked trees (see _tree_key) that could stand in for the files not
    # changed since, each with the files changed since it: HEAD's, then the base's.
    trees: tuple[tuple[str, frozenset[str]], ...] = ()


@_needs_git
def changed_since(root: Path, ref: str, *, until: str | None = None) -> ChangedFiles:
    """Record files changed since ``ref``, as a pull request shows them: from the
    point where the current branch left ``ref`` (their merge base) to the working
    tree, counting untracked record files; or to the revision ``until``.
    """
    with open_git(root) as repo:
        prefix = _prefix(repo, root)
        folders = [prefix + folder for folder in RECORD_DIRS]
        ref_commit = resolve(repo, ref)
        tip = resolve(repo, until) if until is not None else _head(repo)
        # The working tree's own changes come from one `git status`, started
        # first: it looks at every file, while the rest reads git's objects.
        status = _start_status(repo, folders) if until is None else None
        try:
            try:
                base = str(repo.git.merge_base(ref_commit, tip)).strip()
            except GitCommandError as error:
                if is_shallow(repo):
                    raise ShallowHistory(f"this shallow clone does not reach back to where the branch left "
                                         f"{ref!r}: {FETCH_ADVICE}") from None
                if error.status == 1:
                    raise UnknownRevision(f"{ref!r} and {until or 'HEAD'} share no history") from None
                raise UnknownRevision(f"git cannot compare with {ref!r}: {_last_line(error)}") from None
            # Commits to commits: git compares trees, never the files on disk.
            output: bytes = repo.git.diff("--name-only", "-z", "--no-renames", base, tip, "--", *folders,
                                          stdout_as_string=False)
            names = {name for name in output.split(b"\0") if name}
            trees: list[tuple[str, set[bytes]]] = []
            if status is not None:
                flags: bytes = repo.git.ls_files("-v", "-z", "--", *folders, stdout_as_string=False,
                                                 env={"GIT_OPTIONAL_LOCKS": "0"})
                head_trees: bytes = repo.git.ls_tree("-z", tip, "--", *folders, stdout_as_string=False)
                base_trees: bytes = repo.git.ls_tree("-z", base, "--", *folders, stdout_as_string=False)
                uncommitted, ignored = _finish_status(status)
                names |= uncommitted
                # Changes git hides (files it ignores, or is told not to look at)
                # are not listed: no checked tree can stand in for them.
                if not ignored and _all_checked(flags):
                    trees = [(_tree_key(head_trees), uncommitted), (_tree_key(base_trees), names)]
        finally:
            if status is not None and status.poll() is None:
                status.kill()
                status.wait()
        return ChangedFiles(base=base, paths=_relative(names, prefix),
                            trees=tuple((key, _relative(changed, prefix)) for key, changed in trees))


def _relative(names: set[bytes], prefix: str) -> frozenset[str]:
    """git's paths (bytes, from the top of the git repository) as paths of the tracker repository."""
    paths = {name.decode("utf-8", errors="surrogateescape") for name in names}
    return frozenset(path[len(prefix):] for path in paths if path.startswith(prefix))


def _start_status(repo: git.Repo, folders: list[str]) -> subprocess.Popen[bytes]:
    # GIT_OPTIONAL_LOCKS=0: git status would otherwise refresh the index's
    # file times; nothing here writes to the repository.
    return subprocess.Popen(
        [_git_executable(), "status", "--porcelain=v1", "-z", "--no-renames",
         "--untracked-files=all", "--ignored=matching", "--", *folders],
        cwd=repo.working_tree_dir, env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)


def _finish_status(status: subprocess.Popen[bytes]) -> tuple[set[bytes], bool]:
    """The paths `git status` lists as changed, staged or untracked, and whether
    it lists ignored files."""
    output, errors = status.communicate()
    if status.returncode != 0:
        message = errors.decode("utf-8", "replace").strip().splitlines()
        raise HistoryError(f"git status failed: {message[-1] if message else status.returncode}")
    changed: set[bytes] = set()
    ignored = False
    for entry in output.split(b"\0"):
        if not entry:
            continue
        if entry.startswith(b"!! "):
            ignored = True
        else:
            changed.add(entry[3:])  # "XY path"
    return changed, ignored


def _all_checked(flags: bytes) -> bool:
    """Whether every entry of `git ls-files -v -z` is one git checks for changes
    ("H": neither assume-unchanged nor skip-worktree, nor in conflict)."""
    return flags.count(b"\0") == flags.count(b"\0H ") + flags.startswith(b"H ")


def _tree_key(trees: bytes) -> str:
    """What names the record folders' contents, from `git ls-tree -z REV --
    data/economies data/fora`: git's id of each folder's tree, which changes
    whenever anything beneath it does. Paths are left out: git prints them
    from where it runs."""
    entries = []
    for entry in trees.split(b"\0"):
        if entry:
            meta, _, path = entry.partition(b"\t")
            entries.append(f"{path.rsplit(b'/', 1)[-1].decode('utf-8', 'surrogateescape')} {meta.decode('ascii')}")
    return "\n".join(sorted(entries))


def _head(repo: git.Repo) -> str:
    if not repo.head.is_valid():
        raise UnknownRevision("the repository has no commits yet, so nothing has changed since a revision")
    return repo.head.commit.hexsha


# -- what git already knows of the working tree ----------------------------

def unchanged_blob_ids(root: Path) -> dict[str, str]:
    """Git's blob ids of the record files whose bytes in the working tree are
    the ones git's index holds (path relative to ``root`` -> id).

    git decides it as `git status` does: from each file's size and times, and
    from its contents only where those cannot tell. Files git does not track
    or is told not to look at (assume-unchanged, skip-worktree), conflicted
    files and changed files are left out; their callers read them. Outside git,
    or if git fails, nothing is known and the result is empty.
    """
    try:
        repo = open_git(root)
    except HistoryError:
        return {}
    # Read-only: git would otherwise refresh the index's file times.
    env = {"GIT_OPTIONAL_LOCKS": "0"}
    with repo:
        try:
            prefix = _prefix(repo, root)
            folders = [prefix + folder for folder in RECORD_DIRS]
            listed: bytes = repo.git.ls_files("-s", "-v", "-z", "--full-name", "--", *folders,
                                              stdout_as_string=False, env=env)
            changed: bytes = repo.git.diff_files("--name-only", "-z", "--", *folders,
                                                 stdout_as_string=False, env=env)
        except (GitCommandError, GitCommandNotFound, ValueError, OSError):
            return {}
    # Decoded once, whole: per entry, decoding would cost more than git's listing.
    differ = set(changed.decode("utf-8", errors="surrogateescape").split("\0"))
    entries = _CHECKED_FILE.findall(listed.decode("utf-8", errors="surrogateescape"))
    if not prefix:
        return {path: blob for blob, path in entries if path not in differ}
    return {path[len(prefix):]: blob for blob, path in entries if path not in differ and path.startswith(prefix)}


class HeadTreeKey:
    """What names HEAD's record folders (see _tree_key), asked of git while the
    caller works: three git processes started at once, read by :meth:`result`.
    Plain processes, not a thread, so that the caller may start a helper
    process (apec_tracker._speed.helper) meanwhile."""

    def __init__(self, root: Path):
        # Run in the tracker repository's folder, with paths relative to it, as
        # git takes them. GIT_OPTIONAL_LOCKS=0: git status would otherwise
        # refresh the index's file times.
        env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
        commands = (
            ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=matching", "--", *RECORD_DIRS],
            ["ls-files", "-v", "-z", "--", *RECORD_DIRS],
            ["ls-tree", "-z", "HEAD", "--", *RECORD_DIRS],
        )
        self._processes: list[subprocess.Popen[bytes]] = []
        try:
            for command in commands:
                self._processes.append(subprocess.Popen(
                    [_git_executable(), *command], cwd=root, env=env, stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL))
        except OSError:  # no git
            self._stop()

    def result(self) -> str | None:
        """The key, provided the record folders on disk are exactly HEAD's
        (nothing staged, changed, untracked or ignored; no file marked
        assume-unchanged or skip-worktree); None if not, or if git cannot tell."""
        if len(self._processes) != 3:
            return None
        outputs = [process.communicate()[0] for process in self._processes]
        if any(process.returncode != 0 for process in self._processes):
            return None
        changed, flags, trees = outputs
        return _tree_key(trees) if not changed and _all_checked(flags) and trees else None

    def _stop(self) -> None:
        for process in self._processes:
            process.kill()
            process.wait()
        self._processes = []


def _git_executable() -> str:
    return git.Git.GIT_PYTHON_GIT_EXECUTABLE or "git"


# An entry of `git ls-files -s -v -z`: "H" a file git checks (not assume-unchanged
# or skip-worktree), a regular file's mode, its blob, stage 0 (not in conflict).
_CHECKED_FILE = re.compile(r"(?:^|(?<=\0))H 100(?:644|755) ([0-9a-f]{40}) 0\t([^\0]*)\0")


# -- committing one file (tracker add-activity / progress --commit) ------------


class GitProblem(Exception):
    """git could not do what was asked; the message says why."""


def commit_file(repo_root: Path, path: Path, message: str) -> str:
    """Commit ``path`` alone, whatever else is staged, and return the commit id."""
    import git

    try:
        repository = git.Repo(repo_root, search_parent_directories=True)
        if repository.working_tree_dir is None:
            raise GitProblem(f"{repo_root} is a bare git repository")
        relative = Path(path).resolve().relative_to(Path(repository.working_tree_dir).resolve()).as_posix()
        repository.git.add("--", relative)
        # --only: the commit holds this file and nothing else the user staged.
        repository.git.commit("--only", "-m", message, "--", relative)
        return repository.head.commit.hexsha
    except git.InvalidGitRepositoryError:
        raise GitProblem(f"{repo_root} is not a git repository") from None
    except GitCommandNotFound:
        raise GitProblem(_NO_GIT) from None
    except git.GitCommandError as error:
        detail = (error.stderr or "").strip().removeprefix("stderr:").strip().strip("'").strip()
        raise GitProblem(detail.splitlines()[-1] if detail else str(error)) from None
