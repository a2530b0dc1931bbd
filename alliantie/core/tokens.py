"""Link tokens that are never stored: `<pk>-<HMAC of the pk>` made with SECRET_KEY (like Django's password-reset
tokens), so a copy of the database holds no working link, and a mail sent again carries the same link. Rotating
SECRET_KEY (with the old key in SECRET_KEY_FALLBACKS) keeps links working."""

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac


def make(purpose: str, pk: int) -> str:
    """The token for object `pk` in the link of `purpose` (for example "monitor-invitation")."""
    return f"{pk}-{_digest(purpose, pk, settings.SECRET_KEY)}"


def read(purpose: str, token: str) -> int | None:
    """The object's pk when `token` is genuine for `purpose`, else None."""
    pk_text, _, digest = (token or "")[:80].partition("-")
    if not pk_text.isdigit() or not digest or len(pk_text) > 18:
        return None
    pk = int(pk_text)
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        if constant_time_compare(digest, _digest(purpose, pk, secret)):
            return pk
    return None


def _digest(purpose: str, pk: int, secret: str) -> str:
    return salted_hmac(f"alliantie.tokens.{purpose}", str(pk), secret=secret, algorithm="sha256").hexdigest()[:32]
