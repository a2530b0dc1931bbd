"""Fields for names and titles: harmless invisible characters are removed, characters that reverse, reorder or
break the text are refused (core.validators.validate_name), in models, forms and, through the services'
full_clean, in the API and the imports."""

from django import forms
from django.db import models

from alliantie.core.validators import clean_name, validate_name


class NameFormField(forms.CharField):
    """A form field for a name or title."""

    default_validators = [validate_name]

    def to_python(self, value):
        value = super().to_python(value)
        return clean_name(value) if isinstance(value, str) else value


class NameField(models.CharField):
    """A model field for a name or title; `full_clean` stores the cleaned text."""

    default_validators = [validate_name]

    def to_python(self, value):
        value = super().to_python(value)
        return clean_name(value) if isinstance(value, str) else value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": NameFormField, **kwargs})
