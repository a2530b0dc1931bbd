"""Views reach owned data only through their app's permissions module (STYLE.md: access in one place)."""

import ast
from pathlib import Path

import pytest

APPS = Path(__file__).resolve().parents[2]
OWNED_MODELS = {"Organisation", "Membership", "Invitation", "ApiToken", "TOTPDevice"}


def direct_lookups(source: str) -> list[str]:
    """`Model.objects…` or `get_object_or_404(Model…)` on owned models in a module."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "objects" and isinstance(node.value, ast.Name):
            if node.value.id in OWNED_MODELS:
                found.append(f"line {node.lineno}: {node.value.id}.objects")
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "get_object_or_404" and node.args:
            first = node.args[0]
            name = getattr(first, "id", "") or getattr(getattr(first, "value", None), "id", "")
            if name in OWNED_MODELS:
                found.append(f"line {node.lineno}: get_object_or_404({name})")
    return sorted(found)


@pytest.mark.smoke
def test_no_view_module_queries_owned_data_directly():
    offenders = {}
    for views in APPS.glob("*/views.py"):
        if found := direct_lookups(views.read_text(encoding="utf-8")):
            offenders[str(views.relative_to(APPS))] = found
    assert offenders == {}


@pytest.mark.smoke
def test_the_guard_catches_a_direct_lookup():
    assert direct_lookups("Organisation.objects.get(pk=1)\nget_object_or_404(Membership, pk=2)") == [
        "line 1: Organisation.objects",
        "line 2: get_object_or_404(Membership)",
    ]
