"""The boundaries the package's layout promises, kept by reading its imports and
calls rather than by trusting its docstrings.

* the commands (cli/) import only the service layer, the errors and each other;
* only apec_tracker.git imports GitPython or starts git;
* only the reading layer's YAML module parses YAML for validation, and only the
  authoring document module (ruamel.yaml) edits it;
* only the atomic-writes module writes files, apart from the store of facts,
  which writes its own cache file;
* only the reading layer uses the speed package;
* the commands print only through apec_tracker.cli.printing;
* no module imports another that imports it back, however far round.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "apec_tracker"


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    tree: ast.Module

    def imports(self, *, type_checking: bool = False) -> Iterator[tuple[str, int]]:
        """(module imported, line) for every import, at the top or inside a
        function; those under `if TYPE_CHECKING:` only with ``type_checking``."""
        skipped = set() if type_checking else _type_checking_lines(self.tree)
        for node in ast.walk(self.tree):
            if getattr(node, "lineno", None) in skipped:
                continue
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield alias.name, node.lineno
            elif isinstance(node, ast.ImportFrom):
                base = self._absolute(node)
                yield base, node.lineno
                for alias in node.names:
                    yield f"{base}.{alias.name}", node.lineno

    def _absolute(self, node: ast.ImportFrom) -> str:
        if not node.level:
            return node.module or ""
        parts = self.name.split(".")
        package = parts if self.path.name == "__init__.py" else parts[:-1]
        base = package[: len(package) - node.level + 1]
        return ".".join([*base, node.module] if node.module else base)

    def calls(self) -> Iterator[tuple[str, int]]:
        """Dotted names of what the module calls (``os.replace``, ``open``)."""
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call):
                yield _dotted(node.func), node.lineno


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _dotted(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def modules() -> list[Module]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        found.append(Module(".".join(parts), path, ast.parse(path.read_text(encoding="utf-8"))))
    return found


def _imported_by(predicate: str) -> dict[str, list[str]]:
    """Which modules import something starting with ``predicate``."""
    users: dict[str, list[str]] = {}
    for module in modules():
        for name, line in module.imports(type_checking=True):
            if name == predicate or name.startswith(predicate + "."):
                users.setdefault(module.name, []).append(f"{module.path.name}:{line}")
    return users


def test_commands_import_only_the_service_layer() -> None:
    allowed = ("apec_tracker.services", "apec_tracker.cli", "apec_tracker.errors", "apec_tracker.__version__")
    commands = [module for module in modules() if module.name.startswith("apec_tracker.cli")]
    wrong = [f"{module.name}:{line} imports {name}" for module in commands
             for name, line in module.imports(type_checking=True)
             if name.startswith("apec_tracker") and name != "apec_tracker" and not name.startswith(allowed)]
    assert wrong == []


def test_only_the_git_module_runs_git() -> None:
    assert set(_imported_by("git")) == {"apec_tracker.git"}
    starts_processes = {module.name for module in modules() for name, _ in module.calls()
                        if name.startswith(("subprocess.", "os.system", "os.exec", "os.spawn", "os.popen"))}
    assert starts_processes <= {"apec_tracker.git"}


def test_one_module_parses_yaml_and_one_edits_it() -> None:
    readers = {name for library in ("yaml", "yaml_rs") for name in _imported_by(library)}
    assert readers == set(), "records are read by apec_tracker.reading.record_yaml, the tool's own reader"
    assert set(_imported_by("ruamel")) <= {"apec_tracker.authoring.document", "apec_tracker.authoring.roundtrip"}


WRITING_CALLS = ("open", "os.replace", "os.rename", "os.link", "os.unlink", "os.remove", "os.fdopen", "os.write",
                 "shutil.copy", "shutil.move", "shutil.rmtree", "tempfile.mkstemp", "tempfile.NamedTemporaryFile")


def test_only_the_atomic_writes_module_writes_files() -> None:
    writers: dict[str, list[str]] = {}
    for module in modules():
        for name, line in module.calls():
            if name in WRITING_CALLS or name.endswith((".write_text", ".write_bytes", ".unlink", ".mkdir",
                                                         ".rmdir", ".touch")):
                writers.setdefault(module.name, []).append(f"{name}:{line}")
    # The store of facts writes its own cache file, outside the repository.
    assert set(writers) <= {"apec_tracker.authoring.atomic_files", "apec_tracker._speed"}, writers


PRINTING_CALLS = ("print", "typer.echo", "typer.secho", "click.echo", "sys.stdout.write", "sys.stderr.write",
                  "sys.stdout.writelines", "json.dump", "Console", "rich.console.Console")


def test_commands_print_only_through_the_printing_module() -> None:
    """Everything a command prints goes through apec_tracker.cli.printing, which
    shows control characters as escapes (the validation formatters, which make
    each diagnostic printable before writing it, write to the stream they are given)."""
    printers = {f"{module.name}:{line} {name}" for module in modules() if module.name.startswith("apec_tracker.cli")
                and module.name not in ("apec_tracker.cli.printing", "apec_tracker.cli.output")
                for name, line in module.calls() if name in PRINTING_CALLS}
    assert printers == set()
    imports_console = {module.name for module in modules() for name, _ in module.imports()
                       if name == "rich.console.Console" and module.name != "apec_tracker.cli.printing"}
    assert imports_console == set(), "rich consoles are made by apec_tracker.cli.printing.console"


def test_only_the_reading_layer_uses_the_speed_package() -> None:
    assert {name for name in _imported_by("apec_tracker._speed")
            if not name.startswith("apec_tracker._speed")} == {"apec_tracker.reading.records"}


def test_no_import_circles() -> None:
    """No module imports (at any depth, lazily or not) one that imports it back,
    counting only imports of the package's own modules."""
    known = {module.name for module in modules()}
    graph: dict[str, set[str]] = {}
    for module in modules():
        targets = set()
        for name, _ in module.imports():
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module.name and not module.name.startswith(name + "."):
                targets.add(name)
        graph[module.name] = targets
    circles = []
    for start in graph:
        stack, seen = [(start, (start,))], set()
        while stack:
            current, path = stack.pop()
            for target in graph[current]:
                if target == start:
                    circles.append(" -> ".join((*path, start)))
                elif target not in seen:
                    seen.add(target)
                    stack.append((target, (*path, target)))
    assert circles == []
