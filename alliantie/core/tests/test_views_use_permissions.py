"""Views and API modules reach owned data only through their app's permissions module (STYLE.md: access in one
place). Owned data is every model of ours that belongs to an organisation or a person, found from the models
themselves, so a new model is covered without anyone remembering to add it."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

APPS = Path(__file__).resolve().parents[2]


def owned_model_names() -> set[str]:
    """Organisations, people, and every model of ours with a foreign key to either (or to such a model)."""
    roots = {apps.get_model(settings.AUTH_USER_MODEL), apps.get_model("partners", "Organisation")}
    ours = [m for m in apps.get_models() if m.__module__.startswith("alliantie.")]
    owned = set(roots)
    changed = True
    while changed:
        changed = False
        for model in ours:
            if model in owned:
                continue
            if any(f.is_relation and f.many_to_one and f.related_model in owned for f in model._meta.get_fields()):
                owned.add(model)
                changed = True
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return {m.__name__ for m in owned} | {"TOTPDevice"} | {m.__name__ for m in [TOTPDevice]}


OWNED_MODELS = owned_model_names()


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
def test_no_view_or_api_module_queries_owned_data_directly():
    offenders = {}
    for module in [*APPS.glob("*/views.py"), *APPS.glob("api/*.py")]:
        if found := direct_lookups(module.read_text(encoding="utf-8")):
            offenders[str(module.relative_to(APPS))] = found
    assert offenders == {}


@pytest.mark.smoke
def test_the_guard_knows_the_models_that_belong_to_an_organisation_or_a_person():
    assert {"Organisation", "User", "Activity", "ProgressUpdate", "Post", "Introduction", "Service", "Response"} <= (
        OWNED_MODELS
    )
    assert {"MonitorRound", "Invitation", "ContactMoment", "ApiToken", "TOTPDevice"} <= OWNED_MODELS
    assert "Municipality" not in OWNED_MODELS  # reference data is public


@pytest.mark.smoke
def test_the_guard_catches_a_direct_lookup():
    assert direct_lookups("Organisation.objects.get(pk=1)\nget_object_or_404(Membership, pk=2)") == [
        "line 1: Organisation.objects",
        "line 2: get_object_or_404(Membership)",
    ]
