"""Running a command at a pseudo-terminal, as a person would at theirs."""

from __future__ import annotations

import os
import select
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

# Not a timing assertion: only a guard so that a command waiting for an answer
# it never gets fails the test instead of hanging it.
_GUARD_SECONDS = 60
_SETTLE_SECONDS = 0.1


def run_at_terminal(command: list[str], answers: list[str] | Callable[[str], str], *, cwd: Path | None = None,
                    env: Mapping[str, str] | None = None) -> tuple[str, int]:
    """Run ``command`` with a terminal as stdin, stdout and stderr; type each
    answer when the command is waiting at a prompt; return all it printed.

    ``answers`` are typed in turn, or ``answers(prompt)`` is typed at each
    prompt (the line the command is waiting on, such as ``"Status [planned]: "``).
    """
    main, secondary = os.openpty()
    process = subprocess.Popen(command, stdin=secondary, stdout=secondary, stderr=secondary, close_fds=True, cwd=cwd,
                               env={**(env or os.environ), "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "100"})
    os.close(secondary)
    output = b""
    pending = list(answers) if isinstance(answers, list) else None
    try:
        while True:
            ready, _, _ = select.select([main], [], [], _GUARD_SECONDS)
            if not ready:
                process.kill()
                raise AssertionError(f"no output for a long time; so far:\n{output.decode(errors='replace')}")
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the command has exited and closed the terminal
                break
            if not chunk:
                break
            output += chunk
            # A prompt ends with ': ' and waits; answer it. (Output that goes on
            # after a moment was a line that happened to break there.)
            if output.endswith(b": ") and not select.select([main], [], [], _SETTLE_SECONDS)[0]:
                if pending:
                    os.write(main, pending.pop(0).encode() + b"\n")
                elif callable(answers):
                    prompt = output.decode(errors="replace").rpartition("\n")[2]
                    try:
                        answer = answers(prompt)
                    except AssertionError:
                        process.kill()
                        raise
                    os.write(main, answer.encode() + b"\n")
    finally:
        os.close(main)
    return output.decode(errors="replace").replace("\r\n", "\n"), process.wait(timeout=_GUARD_SECONDS)
