"""Validators shared by the apps' models."""

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible


@deconstructible
class ChoicesList:
    """A JSON list holding only values of a choices class (and, when required, at least one)."""

    def __init__(self, values: list[str], message: str, required: bool = False) -> None:
        self.values, self.message, self.required = list(values), message, required

    def __call__(self, value) -> None:
        if (
            not isinstance(value, list)
            or (self.required and not value)
            or any(item not in self.values for item in value)
        ):
            raise ValidationError(self.message)

    def __eq__(self, other) -> bool:
        return isinstance(other, ChoicesList) and (self.values, self.message, self.required) == (
            other.values,
            other.message,
            other.required,
        )
