"""The repository's git history, the tracker's memory: the only module that runs git.

Files are read as of any revision straight from git's object store
(:class:`Tree`): one ``git ls-tree`` lists them, and one long-running ``git
cat-file --batch`` process (GitPython's object database) streams their
contents. The working tree and the index are never touched, so ``--as-of``
works in a repository with uncommitted changes, a detached HEAD or a merge in
progress. Publications are annotated tags; committing a record and tagging a
review are the only writes to git.

Everything that can go wrong with the repository itself (no git, no such
revision, a shallow clone) is raised as a :class:`HistoryError` with a message
fit for a one-line error: a SetupError, exit code 2.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import ParamSpec, TypeVar

# Without this, importing GitPython on a machine without git raises ImportError;
# git's absence is instead reported when history is actually needed.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

import git
from git.exc import GitCommandError, GitCommandNotFound, InvalidGitRepositoryError, NoSuchPathError

from apec_tracker.domain.layout import DATA_DIR, TEMPLATES_DIR
from apec_tracker.domain.layout import RECORD_DIRS as RECORD_FOLDERS
from apec_tracker.errors import SetupError

R = TypeVar("R")
P = ParamSpec("P")

RECORD_DIRS = tuple(folder.as_posix() for folder in RECORD_FOLDERS)

# How to get the history a shallow clone lacks; said in every ShallowHistory message.
FETCH_ADVICE = ("fetch the full history with `git fetch --unshallow` "
                "(in GitHub Actions: `fetch-depth: 0` on actions/checkout)")

_SYMLINK_MODE = "120000"


class HistoryError(SetupError):
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


@dataclass(frozen=True, slots=True)
class TreeFile:
    """A file at a revision."""

    mode: str
    sha: str
    size: int | None  # None for what is not a file (a submodule)

    @property
    def is_link(self) -> bool:
        return self.mode == _SYMLINK_MODE


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


# What a result is built from: the records and the reference data under data/,
# and the Secretariat's own templates. A file changed elsewhere (the review's own
# output folder, a note) does not make a review "built from changes not yet
# committed".
INPUTS = (DATA_DIR, TEMPLATES_DIR)


def _changed_inputs(repo: git.Repo, root: Path) -> bool:
    """Whether anything a result is built from has changes not committed (new files too)."""
    prefix = _prefix(repo, root)
    return any(repo.is_dirty(untracked_files=True, path=f"{prefix}{folder.as_posix()}") for folder in INPUTS)


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
        dirty = _changed_inputs(repo, root)
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


# -- files at a revision ------------------------------------------------------


class Tree:
    """The files under ``folders`` as they were at one commit, read from git's
    object store. Close it (or use ``with``) so that git's reader process ends."""

    @_needs_git
    def __init__(self, root: Path, revision: str, folders: list[str]):
        self.revision = revision
        self._repo = open_git(root)
        try:
            self.commit = resolve(self._repo, revision)
            self._prefix = _prefix(self._repo, root)
            self.files: dict[str, TreeFile] = dict(self._list(folders))
        except BaseException:
            self._repo.close()
            raise

    def __enter__(self) -> Tree:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._repo.close()

    def provenance(self) -> Provenance:
        commit = self._repo.commit(self.commit)
        return Provenance(commit=self.commit, short=_short(self._repo, self.commit),
                          committed_at=_committed_at(commit), dirty=False)

    def _list(self, folders: list[str]) -> Iterator[tuple[str, TreeFile]]:
        try:
            # -z: paths unquoted, whatever bytes they hold; -l: sizes, so an
            # oversized blob is refused without being read.
            output: bytes = self._repo.git.ls_tree("-r", "-z", "-l", "--full-tree", self.commit, "--",
                                                   *(self._prefix + folder for folder in folders),
                                                   stdout_as_string=False)
        except GitCommandError as error:
            raise _missing_objects(self._repo, self.revision, error) from None
        for item in output.split(b"\0"):
            if not item:
                continue
            meta, _, raw_path = item.partition(b"\t")
            mode, kind, sha, size = meta.decode("ascii").split()
            path = raw_path.decode("utf-8", errors="surrogateescape")
            yield path[len(self._prefix):], TreeFile(mode=mode, sha=sha, size=int(size) if kind == "blob" else None)

    def blob(self, sha: str) -> bytes:
        """A blob's bytes, through the one `git cat-file --batch` process."""
        try:
            return bytes(self._repo.git.get_object_data(sha)[3])
        except (GitCommandError, ValueError) as error:
            raise HistoryError(str(error).strip().splitlines()[-1] if str(error).strip() else "unreadable") from None

    def file(self, path: str) -> bytes | None:
        """Any file of the repository at the revision (reference data, a
        template), or None if there was none."""
        try:
            data = self._repo.git.get_object_data(f"{self.commit}:{self._prefix}{path}")
        except (GitCommandError, ValueError):
            return None
        return bytes(data[3]) if data[1] in (b"blob", "blob") else None


def _missing_objects(repo: git.Repo, revision: str, error: GitCommandError) -> HistoryError:
    if is_shallow(repo):
        return ShallowHistory(f"the files of {revision!r} are not in this shallow clone: {FETCH_ADVICE}")
    detail = str(error.stderr or "").strip().splitlines()
    return UnknownRevision(f"git cannot list the files of {revision!r}: {detail[-1] if detail else error}")


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


class WrongBranch(HistoryError):
    pass


@_needs_git
def publish(root: Path, year: int, message: str, *, branch: str | None = None) -> Publication:
    """Record the publication of ``year``'s review as an annotated tag on HEAD.

    Refused on a detached HEAD, on a branch other than ``branch`` (when one is
    given), with uncommitted changes (what is published must be what the tag
    holds), or when the year is already published.
    """
    with open_git(root) as repo:
        if not repo.head.is_valid():
            raise UnknownRevision("the repository has no commits yet: commit the records, then publish")
        if repo.head.is_detached:
            raise DetachedHead("HEAD is detached: check out the branch the review is published from "
                               f"(for example `git switch {branch or 'main'}`), then publish")
        if branch is not None and repo.active_branch.name != branch:
            raise WrongBranch(f"HEAD is on the branch {repo.active_branch.name!r}, and reviews are published from "
                              f"{branch!r} (main_branch in data/reference/calendar.yaml): `git switch {branch}`, "
                              "or publish from this branch with --from-branch")
        if _changed_inputs(repo, root):
            raise UncommittedChanges("the records, the reference data or the templates have uncommitted changes: "
                                     "commit them (or stash them) so that the tag holds exactly what is published")
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


@dataclass(frozen=True)
class Change:
    """The latest commit that changed a file or folder."""

    commit: str
    short: str
    committed_at: datetime


def last_changes(root: Path, paths: Sequence[str], *, revision: str | None = None) -> dict[str, Change]:
    """For each of ``paths`` (files or folders, relative to the tracker
    repository), the latest commit in the history of ``revision`` (default
    HEAD) that changed it, or anything under it; paths no commit changed are
    left out. One `git log` answers for all of them.

    Outside git, or without commits, nothing is known (an empty answer), as for
    :func:`provenance`: `tracker status` works on a plain folder of records.
    """
    try:
        return _last_changes(root, paths, revision)
    except (NotAGitRepository, GitUnavailable, GitCommandNotFound):
        return {}


def _last_changes(root: Path, paths: Sequence[str], revision: str | None) -> dict[str, Change]:
    if not paths:
        return {}
    with open_git(root) as repo:
        if revision is None:
            if not repo.head.is_valid():
                return {}
            tip = repo.head.commit.hexsha
        else:
            tip = resolve(repo, revision)
        prefix = _prefix(repo, root)
        wanted = set(paths)
        try:
            # -z: paths unquoted whatever bytes they hold; \x01 marks each commit's line.
            output: bytes = repo.git.log(tip, "-z", "--no-renames", "--name-only", "--format=%x01%H %h %cI",
                                         "--", *(prefix + path for path in sorted(wanted)), stdout_as_string=False)
        except GitCommandError as error:
            raise UnknownRevision(f"git cannot read the history of {revision or 'HEAD'}: {_last_line(error)}") from None
        found: dict[str, Change] = {}
        current: Change | None = None
        for token in output.split(b"\0"):
            token = token.lstrip(b"\n")
            if token.startswith(b"\x01"):
                commit, short, stamp = token[1:].decode("ascii").split(" ")
                current = Change(commit, short, datetime.fromisoformat(stamp))
                continue
            if not token or current is None:
                continue
            path = token.decode("utf-8", errors="surrogateescape").removeprefix(prefix)
            for held in _path_and_parents(path):
                if held in wanted:
                    known = found.get(held)
                    if known is None or current.committed_at > known.committed_at:
                        found[held] = current
        return found


def _path_and_parents(path: str) -> Iterator[str]:
    yield path
    while "/" in path:
        path = path.rsplit("/", 1)[0]
        yield path


def blobs_at(root: Path, revision: str, folder: str) -> dict[str, str]:
    """Git's blob id of every regular file under ``folder`` at ``revision`` (path
    relative to the tracker repository -> id), from one `git ls-tree`."""
    with Tree(root, revision, [folder]) as tree:
        return {path: item.sha for path, item in tree.files.items() if not item.is_link and item.size is not None}


# -- what changed ----------------------------------------------------------


@dataclass(frozen=True)
class ChangedFiles:
    """The files under data/ that differ between REF and the working tree (or a revision)."""

    base: str  # the merge base of REF and HEAD: where the branch left REF
    paths: frozenset[str]  # relative to the tracker root; added, modified, deleted and untracked


@_needs_git
def changed_since(root: Path, ref: str, *, until: str | None = None) -> ChangedFiles:
    """Files under data/ changed since ``ref``, as a pull request shows them: from
    the point where the current branch left ``ref`` (their merge base) to the
    working tree, counting untracked files; or to the revision ``until``.
    """
    with open_git(root) as repo:
        prefix = _prefix(repo, root)
        folders = [prefix + "data"]
        ref_commit = resolve(repo, ref)
        tip = resolve(repo, until) if until is not None else _head(repo)
        try:
            base = str(repo.git.merge_base(ref_commit, tip)).strip()
        except GitCommandError as error:
            if is_shallow(repo):
                raise ShallowHistory(f"this shallow clone does not reach back to where the branch left "
                                     f"{ref!r}: {FETCH_ADVICE}") from None
            if error.status == 1:
                raise UnknownRevision(f"{ref!r} and {until or 'HEAD'} share no history") from None
            raise UnknownRevision(f"git cannot compare with {ref!r}: {_last_line(error)}") from None
        try:
            if until is None:
                # Against the files on disk: committed, staged and unstaged changes.
                output: bytes = repo.git.diff("--name-only", "-z", "--no-renames", base, "--", *folders,
                                              stdout_as_string=False)
                untracked: bytes = repo.git.ls_files("--others", "--exclude-standard", "-z", "--full-name", "--",
                                                     *folders, stdout_as_string=False)
            else:
                output = repo.git.diff("--name-only", "-z", "--no-renames", base, tip, "--", *folders,
                                       stdout_as_string=False)
                untracked = b""
        except GitCommandError as error:
            raise UnknownRevision(f"git cannot list the changes since {ref!r}: {_last_line(error)}") from None
        names = {name for name in (output + b"\0" + untracked).split(b"\0") if name}
        paths = {name.decode("utf-8", errors="surrogateescape") for name in names}
        return ChangedFiles(base=base, paths=frozenset(path[len(prefix):] for path in paths
                                                       if path.startswith(prefix)))


def _head(repo: git.Repo) -> str:
    if not repo.head.is_valid():
        raise UnknownRevision("the repository has no commits yet, so nothing has changed since a revision")
    return repo.head.commit.hexsha


# -- committing one file (tracker add-activity / progress --commit) ------------


class GitProblem(HistoryError):
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


# -- what git shows of one file (the advice after add-activity / progress) -------------


class FileState(StrEnum):
    """Where a file stands with git, for saying how to review a change to it."""

    UNTRACKED = "untracked"  # git does not know it yet: `git diff` shows nothing
    CHANGED = "changed"  # differs from what is staged: `git diff` shows it
    STAGED = "staged"  # its changes are all staged: `git diff --cached` shows them
    UNCHANGED = "unchanged"  # as committed
    IGNORED = "ignored"  # git ignores it
    NOT_IN_GIT = "not in git"  # no git repository (or no git) to ask


def file_state(repo_root: Path, path: Path) -> FileState:
    """Where ``path`` stands with the git repository holding ``repo_root``."""
    try:
        with git.Repo(repo_root, search_parent_directories=True) as repository:
            if repository.working_tree_dir is None:
                return FileState.NOT_IN_GIT
            top = Path(repository.working_tree_dir).resolve()
            relative = Path(path).resolve().relative_to(top).as_posix()
            output: str = repository.git.status("--porcelain=v1", "-z", "--ignored=matching",
                                                "--untracked-files=all", "--", relative)
    except (InvalidGitRepositoryError, NoSuchPathError, GitCommandNotFound, GitCommandError, ValueError):
        return FileState.NOT_IN_GIT
    if not output:
        return FileState.UNCHANGED
    staged, changed = output[0], output[1]
    if staged == "?":
        return FileState.UNTRACKED
    if staged == "!":
        return FileState.IGNORED
    return FileState.CHANGED if changed != " " else FileState.STAGED
