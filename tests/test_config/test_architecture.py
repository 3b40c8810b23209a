"""The shape of the house (ARCHITECTURE.md), checked on every run.

The import graph is read from the source (every import statement, function-level ones too), so a
loop hidden inside a function counts. And nothing tracked may hide from ruff or pytest (the
offline builder forces/build/ was hidden by ignore rules twice).
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("common", "config", "faq", "forces", "invalidation", "questions")
# Which of our packages each app may import. forces is the lower layer (never faq or questions);
# common imports none of ours; config wires the apps together (urls, the API), so it may import
# them all. invalidation (the purge queue) is told what to call through settings.
MAY_IMPORT = {
    "common": set(),
    "invalidation": set(),
    "forces": {"common", "config"},
    "faq": {"common", "config", "forces"},
    "questions": {"common", "config", "faq", "forces"},
    "config": {"common", "faq", "forces", "invalidation", "questions"},
}
# forces/build/ is the offline table builder (`manage.py build_postcode_data`); the site never
# runs it.
BUILD = "forces.build"
BUILD_COMMAND = "forces.management.commands.build_postcode_data"


def tracked_python_files():
    out = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return sorted(out.split())


def module_name(path):
    name = path[: -len(".py")].replace("/", ".")
    return name.removesuffix(".__init__")


def import_graph():
    """{module: {modules of ours it imports}} for every tracked module of the apps."""
    files = {module_name(p): p for p in tracked_python_files() if p.split("/")[0] in APPS}
    graph = {}
    for module, path in files.items():
        package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
        imported = set()
        for node in ast.walk(ast.parse((ROOT / path).read_text(), path)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            else:
                continue
            for name in names:
                while name and name not in files:  # an attribute, or a module outside ours
                    name = name.rpartition(".")[0]
                if name and name != module:
                    imported.add(name)
        graph[module] = imported
    return graph


def app_of(module):
    return module.split(".")[0]


def loops(graph):
    """Strongly connected groups of more than one module (Tarjan's algorithm, iteratively)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
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
    return found


def test_the_graph_is_read():
    graph = import_graph()
    # The reader itself works: these imports are known to be there.
    assert "forces.lookup" in graph["forces.views"]
    assert "common.sanitise" in graph["faq.models"]
    assert "faq.models" in graph["questions.moderation"]


def test_apps_import_only_downwards():
    wrong = [
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        for target in targets
        if app_of(target) != app_of(module) and app_of(target) not in MAY_IMPORT[app_of(module)]
    ]
    assert wrong == []


def test_the_site_never_imports_the_offline_table_builder():
    wrong = [
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        if not module.startswith(BUILD) and module != BUILD_COMMAND
        for target in targets
        if target.startswith(BUILD)
    ]
    assert wrong == []


def test_no_import_loops():
    assert loops(import_graph()) == []


def test_the_loop_finder_finds_loops():
    assert loops({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert loops({"a": {"b"}, "b": set()}) == []


def ruff(*args):
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
    )


def relative(paths):
    return {str(Path(p).resolve().relative_to(ROOT)) for p in paths if p.strip()}


def test_ruff_checks_every_tracked_python_file():
    result = ruff("check", "--show-files", ".")
    checked = relative(result.stdout.splitlines())
    assert set(tracked_python_files()) - checked == set()


def test_ruff_formats_every_tracked_python_file():
    result = ruff("format", "--check", "--verbose", ".")
    formatted = relative(re.findall(r"format_path; path=(\S+)", result.stderr + result.stdout))
    assert formatted, "ruff's verbose output no longer names the files it formats"
    assert set(tracked_python_files()) - formatted == set()


def test_pytest_collects_every_tracked_test_file():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    collected = {line.split("::")[0] for line in result.stdout.splitlines() if "::" in line}
    test_files = {
        p
        for p in tracked_python_files()
        if p.startswith("tests/") and re.fullmatch(r"test_.*\.py", Path(p).name)
    }
    assert test_files - collected == set()


def test_the_site_never_asks_whether_it_runs_under_test():
    # Test settings are config/settings_test.py; the site's own code takes what it is given.
    asking = re.compile(r"""["']pytest["']\s+in\s+sys\.modules|\bTESTING\b""")
    wrong = [
        path
        for path in tracked_python_files()
        if path.split("/")[0] in APPS
        and path != "config/settings_test.py"
        and asking.search((ROOT / path).read_text())
    ]
    assert wrong == []
