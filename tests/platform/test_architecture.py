"""The apps depend one way: pagecache is a library that imports none of
them, the content (articles) never imports the discussion, and no module
imports one that imports it back, even from inside a function."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("articles", "discussion", "pagecache", "insight", "background")


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(name):
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def project_modules():
    return {
        module_name(path): path
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    }


def imports_of(name, path):
    """The project modules a module imports, wherever the import stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            if target.split(".")[0] in APPS and is_module(target):
                found.add(target)
    found.discard(name)
    return found


@pytest.fixture(scope="module")
def graph():
    return {name: imports_of(name, path) for name, path in project_modules().items()}


def imports_between(graph, importer, imported):
    """(module, what it imports) for modules of one app importing another's."""
    return {
        (name, target)
        for name, targets in graph.items()
        if name.startswith(importer)
        for target in targets
        if target.startswith(imported)
    }


def test_pagecache_imports_none_of_the_apps(graph):
    for app in APPS:
        if app != "pagecache":
            assert imports_between(graph, "pagecache", app) == set()


def test_the_content_never_imports_the_discussion(graph):
    assert imports_between(graph, "articles", "discussion") == set()


def test_the_background_work_imports_neither_the_content_nor_the_discussion(graph):
    """It sends what it is given and runs commands by name."""
    for app in ("articles", "discussion"):
        assert imports_between(graph, "background", app) == set()


def test_no_module_imports_one_that_imports_it_back(graph):
    cycles = [cycle for cycle in strongly_connected(graph) if len(cycle) > 1]
    assert cycles == []


def strongly_connected(graph):
    """Tarjan's algorithm: the groups of modules that reach one another."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            groups.append(sorted(group))

    for node in list(graph):
        if node not in index:
            visit(node)
    return groups
