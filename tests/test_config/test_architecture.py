"""The shape of the house (ARCHITECTURE.md), checked on every run.

The import graph is read from the source (every import statement, function-level ones too), so a
loop hidden inside a function counts, and so does one hidden behind a setting: a dotted name of
ours in config/settings.py (`"caching.middleware.PageCacheMiddleware"`, or any string a module
would `import_string`) is an import by the settings, and by every module of ours that reads that
setting. And nothing tracked may hide from ruff or pytest (the
offline builder forces/build/ was hidden by ignore rules twice).
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("caching", "common", "config", "faq", "forces", "questions", "web")
# Which of our packages each app may import. forces is the lower layer of the apps (never faq or
# questions); web (middleware, origin, CORS, rate limits, API support, error pages) and caching
# (page cache, tags and versions, the purge queue) lie below the apps and import none of them;
# common imports none of ours; config wires the apps together (urls, the API), so it may import
# them all.
MAY_IMPORT = {
    "common": set(),
    "caching": {"common"},
    "web": {"caching", "common"},
    "forces": {"caching", "common", "config", "web"},
    "faq": {"caching", "common", "config", "forces", "web"},
    "questions": {"caching", "common", "config", "faq", "forces", "web"},
    "config": {"caching", "common", "faq", "forces", "questions", "web"},
}
SETTINGS = ("config.settings", "config.settings_test")
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


def ours(name, files):
    """The module of ours that dotted `name` is or lies in (an attribute of it), else None."""
    while name and name not in files:
        name = name.rpartition(".")[0]
    return name or None


def named_in_settings(tree, files):
    """{setting: {modules of ours named in its strings}} for a settings module's syntax tree:
    `MIDDLEWARE = ["caching.middleware.PageCacheMiddleware", …]`, `X = {"k": "app.mod.f"}`."""
    found = {}
    for node in ast.walk(tree):  # under `if` too (the cache backend is chosen by REDIS_URL)
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        modules = {
            module
            for constant in ast.walk(value)
            if isinstance(constant, ast.Constant) and isinstance(constant.value, str)
            if re.fullmatch(r"[A-Za-z_][\w]*(\.[A-Za-z_]\w*)+", constant.value)
            and (module := ours(constant.value, files))
        }
        for target in targets:
            while isinstance(target, ast.Subscript):  # CACHES["default"] = {...}
                target = target.value
            if isinstance(target, ast.Name) and modules:
                found.setdefault(target.id, set()).update(modules)
    return found


def settings_read(tree):
    """The names of the settings a module reads (`settings.NAME`, `getattr(settings, "NAME")`)."""
    names = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "settings"
        ):
            names.add(node.attr)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id == "settings"
            and isinstance(node.args[1], ast.Constant)
        ):
            names.add(node.args[1].value)
    return names


def import_graph():
    """{module: {modules of ours it imports}} for every tracked module of the apps, with the
    modules named in settings counted as imports of the settings and of their readers."""
    files = {module_name(p): p for p in tracked_python_files() if p.split("/")[0] in APPS}
    trees = {module: ast.parse((ROOT / path).read_text(), path) for module, path in files.items()}
    graph = {}
    for module, path in files.items():
        package = module if path.endswith("__init__.py") else module.rpartition(".")[0]
        imported = set()
        for node in ast.walk(trees[module]):
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
                name = ours(name, files)  # an attribute, or a module outside ours (None)
                if name and name != module:
                    imported.add(name)
        graph[module] = imported
    named = {}
    for module in SETTINGS:
        for setting, targets in named_in_settings(trees[module], files).items():
            named.setdefault(setting, set()).update(targets)
            graph[module] |= targets - {module}
    for module, tree in trees.items():
        for setting in settings_read(tree) & named.keys():
            graph[module] |= named[setting] - {module}
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
    # What settings name is followed: Django loads the middleware and the cache backend.
    assert "caching.middleware" in graph["config.settings"]
    assert "caching.backend" in graph["config.settings"]


def test_a_dotted_name_in_a_setting_counts_as_an_import_by_its_readers():
    files = {"low.queue": "", "high.views": "", "config.settings": ""}
    tree = ast.parse(
        'BUMP = "high.views.bump"\nLIMIT = 3\nNAMES = {"x": "low.queue.f", "y": "os.path"}'
    )
    assert named_in_settings(tree, files) == {"BUMP": {"high.views"}, "NAMES": {"low.queue"}}
    reader = ast.parse(
        "from django.conf import settings\n"
        "import_string(settings.BUMP)\n"
        'getattr(settings, "NAMES", {})\n'
        "settings.DEBUG\n"
    )
    assert settings_read(reader) == {"BUMP", "NAMES", "DEBUG"}


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
