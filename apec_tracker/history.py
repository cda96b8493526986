"""The one module that talks to git."""

from __future__ import annotations

from pathlib import Path


class GitProblem(Exception):
    """git could not do what was asked; the message says why."""


def commit_file(repo_root: Path, path: Path, message: str) -> str:
    """Commit ``path`` alone, whatever else is staged, and return the commit id."""
    import git

    try:
        repository = git.Repo(repo_root, search_parent_directories=True)
        relative = Path(path).resolve().relative_to(Path(repository.working_tree_dir).resolve()).as_posix()
        repository.git.add("--", relative)
        # --only: the commit holds this file and nothing else the user staged.
        repository.git.commit("--only", "-m", message, "--", relative)
        return repository.head.commit.hexsha
    except git.InvalidGitRepositoryError:
        raise GitProblem(f"{repo_root} is not a git repository") from None
    except git.GitCommandError as error:
        detail = (error.stderr or "").strip().removeprefix("stderr:").strip().strip("'").strip()
        raise GitProblem(detail.splitlines()[-1] if detail else str(error)) from None
