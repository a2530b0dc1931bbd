"""An edition as mail (plain text and HTML) and as its public web version.

The edition is rendered once; each subscriber's copy only gets their own links put in place of two markers, so
queueing 50,000 copies costs string replacement, not 50,000 template renderings. There are no images and no tracking:
no pixel, no redirecting links, nothing that tells us who opened or clicked."""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import override

from alliantie.newsletters import links
from alliantie.newsletters.models import Block, Edition, Subscriber

UNSUBSCRIBE = "@@AFMELDEN@@"
PREFERENCES = "@@VOORKEUREN@@"
LIST_ID = "nieuwsbrief"
TEST_TOKEN = "test"  # noqa: S105 - not a secret: the personal links of a team member's test copy lead here


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def web_url(edition: Edition, base_url: str | None = None) -> str:
    if not edition.number:
        return ""
    return links.site(base_url) + reverse("newsletters:edition-public", kwargs={"number": edition.number})


def render_edition(edition: Edition, blocks: list[Block], base_url: str | None = None) -> Rendered:
    """The mail of an edition with the markers for each subscriber's links (in Dutch, the newsletter's language)."""
    site = links.site(base_url)
    for block in blocks:
        block.link = block.absolute_url(site)
    context = {
        "edition": edition,
        "blocks": blocks,
        "web_url": web_url(edition, base_url),
        "site_url": links.site(base_url),
        "subscribe_url": links.site(base_url) + reverse("newsletters:subscribe"),
        "unsubscribe_url": UNSUBSCRIBE,
        "preferences_url": PREFERENCES,
    }
    with override(settings.LANGUAGE_CODE):
        text = render_to_string("newsletters/email/edition.txt", context)
        html = render_to_string("newsletters/email/edition.html", context)
    return Rendered(subject=edition.title, text=text, html=html)


def personalise(rendered: Rendered, subscriber: Subscriber, base_url: str | None = None) -> tuple[str, str, dict]:
    """The subscriber's own copy: text, HTML and the headers with their one-click unsubscribe address (RFC 8058)."""
    unsubscribe = links.unsubscribe_url(subscriber, base_url)
    preferences = links.preferences_url(subscriber, base_url)
    text = rendered.text.replace(UNSUBSCRIBE, unsubscribe).replace(PREFERENCES, preferences)
    html = rendered.html.replace(UNSUBSCRIBE, unsubscribe).replace(PREFERENCES, preferences)
    return text, html, list_headers(unsubscribe)


def personalise_test(rendered: Rendered) -> tuple[str, str]:
    """A team member's test copy: the personal links lead to a page that says it was a test."""
    test = links.site() + reverse("newsletters:unsubscribe", kwargs={"token": TEST_TOKEN})
    return rendered.text.replace(UNSUBSCRIBE, test).replace(PREFERENCES, test), rendered.html.replace(
        UNSUBSCRIBE, test
    ).replace(PREFERENCES, test)


def list_headers(unsubscribe_url: str) -> dict[str, str]:
    """What a mail program needs to offer "unsubscribe" itself: the https address and one-click by POST (RFC 8058,
    RFC 2369), and which list this is (RFC 2919)."""
    domain = links.site().split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "alliantie.invalid"
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"Nieuwsbrief Alliantie Kinderarmoede <{LIST_ID}.{domain}>",
        "Auto-Submitted": "auto-generated",
    }


def feed_summary(edition: Edition) -> str:
    """An edition in a feed reader: its introduction and the headings of its blocks (prefetched), as plain text."""
    headings = "\n".join(f"– {block.title}" for block in edition.blocks.all())
    return "\n\n".join(part for part in (edition.intro, headings) if part)
