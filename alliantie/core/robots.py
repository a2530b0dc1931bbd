"""Pages that search engines must not index: personal links (a subscription's preferences) and everything of the
members' community. The header covers what a meta tag cannot (files, redirects); templates add the meta tag too."""

from functools import wraps

from django.http import HttpRequest, HttpResponse

NOINDEX = "noindex, nofollow, noarchive"


def noindex(view):
    """A view decorator: the response says `X-Robots-Tag: noindex, nofollow, noarchive`."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = NOINDEX
        return response

    return wrapped
