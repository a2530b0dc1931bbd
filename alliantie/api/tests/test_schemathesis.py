"""Schemathesis generates requests from the OpenAPI document and checks every answer against it (derandomized,
so that CI runs the same examples every time; raise max_examples locally to explore further):
no server error, documented status codes and content types, bodies that match the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from alliantie.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def in_test_transaction():
    """Called straight through WSGI, the app would close the test's database connection at the end of each
    request (it is inside the test's transaction); Django's own test client switches that off the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def api_token(db, in_test_transaction):
    from alliantie.accounts.services import create_api_token
    from alliantie.core.tests.factories import make_membership, make_organisation, make_user

    user = make_user()
    make_membership(user, make_organisation(), "contact")
    return create_api_token(user=user, name="schemathesis")[1]


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_openapi_promises(case, api_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {api_token}"})
