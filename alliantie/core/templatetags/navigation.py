from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context, url_name: str, label: str, section: str = "") -> str:
    """A menu link: `aria-current="page"` only on the page itself, a visual mark on the rest of its section."""
    request = context.get("request")
    url = reverse(url_name)
    match = getattr(request, "resolver_match", None)
    current = request is not None and request.path == url
    in_section = not current and match is not None and bool(section) and section in (match.app_name, match.view_name)
    return format_html(
        '<a class="nav__link{}" href="{}"{}>{}</a>',
        " nav__link--section" if in_section else "",
        url,
        mark_safe(' aria-current="page"') if current else "",
        label,
    )
