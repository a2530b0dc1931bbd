"""Token authentication: `Authorization: Bearer <key>` with a personal API key."""

from datetime import timedelta

from django.http import HttpRequest
from ninja.security import HttpBearer

from alliantie.accounts import services
from alliantie.accounts.models import User
from alliantie.accounts.permissions import user_for_api_key

LAST_USED_PRECISION = timedelta(minutes=5)


class ApiKeyAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = user_for_api_key(token)
        if found is None:
            return None
        user, api_token = found
        services.note_api_token_use(token=api_token, precision=LAST_USED_PRECISION)
        request.user = user
        return user
