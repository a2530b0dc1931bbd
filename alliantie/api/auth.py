"""Token authentication: `Authorization: Bearer <key>` with a personal API key."""

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from alliantie.accounts.models import ApiToken, User, hash_token

LAST_USED_PRECISION = timedelta(minutes=5)


class ApiKeyAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token.startswith(ApiToken.PREFIX) or len(token) > 100:
            return None
        api_token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if api_token is None:
            return None
        now = timezone.now()
        # Writing on every request would turn each read into a write; minutes are precise enough.
        if api_token.last_used_at is None or now - api_token.last_used_at > LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user
