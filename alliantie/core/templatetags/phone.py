"""Template filters for telephone numbers (core/phone.py); they format a value and never query."""

from django import template

from alliantie.core.phone import format_phone, tel_link

register = template.Library()


@register.filter
def phone(value: str) -> str:
    return format_phone(value)


@register.filter
def phone_link(value: str) -> str:
    return tel_link(value)
