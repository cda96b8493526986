"""`tracker owners`: write .github/CODEOWNERS from the owners in the reference data."""

from __future__ import annotations

from typing import Annotated

import typer

from apec_tracker.cli.app import EXIT_DATA, EXIT_OK, app, fail, open_repository


@app.command()
def owners(
    check: Annotated[bool, typer.Option(
        "--check", help="Write nothing; exit 1 if .github/CODEOWNERS is missing or out of date.")] = False,
) -> None:
    """Write .github/CODEOWNERS: each economy's and forum's folder is approved by its own
    owners and the Secretariat; everything else by the Secretariat."""
    from apec_tracker.checks.ownership import CODEOWNERS, NoSecretariatOwners, codeowners_text
    from apec_tracker.authoring.atomic_files import write_text_atomically

    repo, framework = open_repository()
    try:
        text = codeowners_text(framework)
    except NoSecretariatOwners as error:
        fail(str(error))
    path = repo.root / CODEOWNERS
    try:
        current = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = None
    except (OSError, UnicodeDecodeError) as error:
        fail(f"cannot read {CODEOWNERS}: {error}")
    if check:
        if current == text:
            typer.echo(f"{CODEOWNERS.as_posix()} is up to date.")
            raise typer.Exit(EXIT_OK)
        state = "missing" if current is None else "out of date"
        typer.echo(f"{CODEOWNERS.as_posix()} is {state}: run `tracker owners`.", err=True)
        raise typer.Exit(EXIT_DATA)
    if current == text:
        typer.echo(f"{CODEOWNERS.as_posix()} is up to date.")
        raise typer.Exit(EXIT_OK)
    try:
        write_text_atomically(path, text, overwrite=True)
    except OSError as error:
        fail(f"cannot write {CODEOWNERS}: {error.strerror or error}")
    typer.echo(f"wrote {CODEOWNERS.as_posix()}")
    raise typer.Exit(EXIT_OK)
