"""Short names for web addresses, unique within a model."""

from django.db import models
from django.utils.text import slugify


def unique_slug(model: type[models.Model], text: str, fallback: str, taken: set[str] | None = None) -> str:
    """slugify(text), with -2, -3 … until no row of `model` (and nothing in `taken`, which it extends) has it."""
    base = slugify(text)[:200] or fallback
    slug, n = base, 2
    while (taken is not None and slug in taken) or model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    if taken is not None:
        taken.add(slug)
    return slug
