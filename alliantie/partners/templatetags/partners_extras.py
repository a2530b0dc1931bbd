"""Two lookups the directory's filter template needs; they read prepared data and never query."""

from django import template

register = template.Library()


@register.filter
def get(mapping: dict, key: str):
    return mapping.get(key) if mapping else None


@register.filter
def attr(obj, name: str):
    return getattr(obj, name, "")
