"""Form rendering for every form of the project: label, hint and error tied to the field for screen readers."""

import json
import re

from django import forms
from django.forms.boundfield import BoundField
from django.forms.fields import InvalidJSONInput
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext as _

from alliantie.core import jsoninput
from alliantie.core.models import Municipality
from alliantie.core.selectors import find_municipality, suggest_municipalities


class AccessibleBoundField(BoundField):
    """Adds aria-describedby (hint and error) and aria-invalid to each widget."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        described_by = []
        if self.help_text:
            described_by.append(f"{self.auto_id}_hint")
        if self.errors:
            described_by.append(f"{self.auto_id}_error")
            attrs["aria-invalid"] = "true"
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        else:
            attrs.pop("aria-describedby", None)
        return attrs


# A browser date picker; the value is sent as yyyy-mm-dd whatever the visitor's locale.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FormRenderer(TemplatesSetting):
    form_template_name = "core/includes/form.html"
    field_template_name = "core/includes/field.html"
    bound_field_class = AccessibleBoundField


def unknown_municipality(name: str) -> str:
    """The Dutch message for a name that is no municipality, with "bedoelt u …?" when one is close."""
    message = _("“%(name)s” kennen we niet als gemeente.") % {"name": name[:60]}
    if suggestions := suggest_municipalities(name):
        message += _(" Bedoelt u %(s)s?") % {"s": _(" of ").join(suggestions)}
    return message


def split_names(value: str) -> list[str]:
    """Names typed as a list: separated by commas, semicolons or new lines."""
    return [part.strip() for part in re.split(r"[,;\n]", value) if part.strip()]


class MunicipalityNamesField(forms.CharField):
    """Municipalities typed by name or CBS code; a name we do not know gets a "did you mean" message."""

    widget = forms.Textarea(attrs={"rows": 2})

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 4000)
        super().__init__(**kwargs)

    def clean(self, value: str) -> list[Municipality]:
        found, problems = [], []
        for name in split_names(super().clean(value)):
            municipality = find_municipality(name)
            if municipality is not None:
                found.append(municipality)
            else:
                problems.append(unknown_municipality(name))
        if problems:
            raise forms.ValidationError(problems)
        return list(dict.fromkeys(found))

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(m) for m in value)
        return value


class JSONField(forms.JSONField):
    """Django's JSON field with a limit on nesting: 100,000 brackets are an error at the field, not a crash."""

    def to_python(self, value):
        if isinstance(value, str) and not self.disabled:
            try:
                jsoninput.loads(value)
            except jsoninput.TooDeep as error:
                raise forms.ValidationError(str(error), code="too_deep") from None
            except json.JSONDecodeError:
                pass  # Django's own message follows
        return super().to_python(value)

    def bound_data(self, data, initial):
        try:
            return super().bound_data(data, initial)
        except RecursionError:
            return InvalidJSONInput(data)
