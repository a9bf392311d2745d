"""The shape of the code: every app ships in the package, imports run one way, and a
function imports something only with a reason written beside it."""

import ast
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [
    "config", "pages", "curricula", "search", "accounts", "review_workflow", "mailing", "security",
    "training_events", "impact",
]  # fmt: skip
# Where a function-level import must say why, on the line above it.
EXPLAINED_INNER_IMPORTS = ["review_workflow", "curricula"]


def project_packages() -> list[str]:
    """Every top-level package of the project: a folder with an __init__.py and an apps.py,
    or the settings package."""
    return sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if (path.parent / "apps.py").exists() or path.parent.name == "config"
    )


def test_every_app_is_a_package_the_tests_know():
    assert set(PACKAGES) <= set(project_packages())


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(module: str, path: Path, node) -> list[str]:
    """The project modules a module-level import statement names."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    if node.level:
        base = package.split(".")
        base = base[: len(base) - node.level + 1]
        prefix = ".".join([*base, node.module] if node.module else base)
    else:
        prefix = node.module or ""
    return [prefix, *(f"{prefix}.{alias.name}" for alias in node.names)]


def import_graph() -> dict[str, set[str]]:
    """Module → the project modules it imports when it is loaded (module level only)."""
    files = {}
    for package in project_packages():
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                files[_module_name(path)] = path
    graph = {}
    for module, path in files.items():
        tree = ast.parse(path.read_text())
        targets = set()
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                targets.update(name for name in _imported(module, path, node) if name in files)
        # A module's own packages are loaded before it whatever it says: not a dependency.
        ancestors = {module.rsplit(".", n)[0] for n in range(1, module.count(".") + 1)}
        graph[module] = targets - {module} - ancestors
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_the_project_has_no_import_cycle():
    graph = import_graph()
    assert len(graph) > 50  # the scan sees the project
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_an_import_inside_a_function_says_why():
    unexplained = []
    for package in EXPLAINED_INNER_IMPORTS:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            lines = path.read_text().splitlines()
            for node in ast.walk(ast.parse("\n".join(lines))):
                if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for inner in ast.walk(node):
                    first = getattr(inner, "lineno", 0)
                    if isinstance(inner, ast.Import | ast.ImportFrom):
                        above = lines[first - 2].strip()
                        if not above.startswith("#"):
                            unexplained.append(f"{path.relative_to(ROOT)}:{first}")
    assert unexplained == []


@pytest.mark.slow
def test_a_wheel_of_the_project_holds_every_app(tmp_path):
    # Built from a copy, so the build leaves nothing in the working tree.
    source = tmp_path / "source"
    left_out = {".git", ".venv", "node_modules", "assets", "static", "build", ".var", "media"}

    def ignore(folder, names):
        if Path(folder) != ROOT:
            return [name for name in names if name == "__pycache__"]
        return [name for name in names if name in left_out or name.endswith(".egg-info")]

    shutil.copytree(ROOT, source, ignore=ignore)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
        + ["--wheel-dir", str(tmp_path / "dist"), str(source)],
        check=True,
        cwd=tmp_path,
    )
    [wheel] = (tmp_path / "dist").glob("*.whl")
    unpacked = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    apps = project_packages()
    script = (
        "import importlib, sys\n"
        f"for name in {apps!r}:\n"
        "    module = importlib.import_module(name)\n"
        f"    assert module.__file__.startswith({str(unpacked)!r}), module.__file__\n"
        "import django; django.setup()\n"
        "from django.apps import apps\n"
        f"for name in {[a for a in apps if (ROOT / a / 'migrations').is_dir()]!r}:\n"
        "    assert any(config.name == name for config in apps.get_app_configs()), name\n"
        "    importlib.import_module(name + '.migrations')\n"
        "print('ok')\n"
    )
    environment = {
        **os.environ,
        "PYTHONPATH": str(unpacked),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "VAR_DIR": str(tmp_path / "var"),
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    assert (unpacked / "pages" / "static" / "pages" / "site.css").exists()
