"""Form labels across the project: the field include marks an optional field "(niet verplicht)" itself, so no
label says so a second time ("Zoekwoord (mag leeg) (niet verplicht)")."""

import importlib
import inspect
import re
from pathlib import Path

import pytest
from django import forms
from django.template.loader import render_to_string

from alliantie.socialmap.forms import FinderForm

PACKAGE = Path(__file__).resolve().parents[2]
SAYS_OPTIONAL = re.compile(r"mag leeg|niet verplicht|optioneel|facultatief|hoeft niet", re.IGNORECASE)


def project_form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for path in sorted(PACKAGE.glob("*/forms.py")):
        module = importlib.import_module(f"alliantie.{path.parent.name}.forms")
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                found.append(value)
    return found


@pytest.mark.smoke
def test_no_label_of_any_form_says_itself_that_the_field_is_optional():
    classes = project_form_classes()
    assert len(classes) > 20
    labels = [
        f"{form.__module__}.{form.__name__}.{name}: {field.label}"
        for form in classes
        for name, field in form.base_fields.items()
        if field.label and SAYS_OPTIONAL.search(str(field.label))
    ]
    assert labels == []


@pytest.mark.smoke
def test_an_optional_field_is_marked_once_by_the_include():
    form = FinderForm()
    html = render_to_string("core/includes/field.html", {"field": form["zoek"]})
    text = re.sub(r"<[^>]+>", "", html)
    assert text.count("niet verplicht") == 1
    assert "mag leeg" not in text


@pytest.mark.smoke
def test_a_checkbox_is_not_marked_optional():
    from alliantie.socialmap.forms import CheckForm

    html = render_to_string("core/includes/field.html", {"field": CheckForm()["schulden"]})
    assert "niet verplicht" not in html
