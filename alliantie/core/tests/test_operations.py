"""Operational signals: errors reach the operators by mail (through the outbox, once per error per ten minutes),
logs can be JSON lines, and the API limits requests per key and per address."""

import json
import logging

import pytest
from django.test import TestCase

from alliantie.core.logging import JsonFormatter
from alliantie.core.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_a_server_error_is_mailed_to_the_operators_once_per_ten_minutes(settings, mailbox, client):
    settings.ADMINS = [("Beheer", "ops@example.org")]
    from django.test import RequestFactory

    logger = logging.getLogger("django.request")
    request = RequestFactory().get("/kapot/")
    with TestCase.captureOnCommitCallbacks(execute=True):
        for _ in range(3):
            try:
                raise ValueError("iets brak")
            except ValueError:
                logger.error("Internal Server Error: /kapot/", exc_info=True, extra={"request": request})
    errors = OutboxMessage.objects.filter(kind="operations.error")
    assert errors.count() == 1
    assert [m["To"] for m in mailbox.messages] == ["ops@example.org"]
    assert "ValueError" in mailbox.body() and mailbox.messages[0]["Subject"].startswith("[Alliantie] ")


def test_without_admins_nothing_is_queued(settings):
    settings.ADMINS = []
    try:
        raise ValueError("x")
    except ValueError:
        logging.getLogger("django.request").error("Internal Server Error: /x/", exc_info=True)
    assert not OutboxMessage.objects.filter(kind="operations.error").exists()


@pytest.mark.smoke
def test_json_log_lines_hold_time_level_logger_message_and_the_exception():
    try:
        raise KeyError("sleutel")
    except KeyError:
        import sys

        record = logging.LogRecord(
            "alliantie.x", logging.ERROR, __file__, 1, "Mislukt voor %s", ("Anna",), sys.exc_info()
        )
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "ERROR" and line["logger"] == "alliantie.x" and line["message"] == "Mislukt voor Anna"
    assert "KeyError: 'sleutel'" in line["exception"] and line["time"].endswith("+00:00")


def test_the_api_limits_requests_per_address_and_per_key_with_a_dutch_429(personas, client, settings):
    from alliantie.accounts.services import create_api_token

    settings.API_REQUESTS_PER_MINUTE_PER_IP = 3
    settings.API_REQUESTS_PER_MINUTE_PER_KEY = 5
    answers = [client.get("/api/v1/gemeenten", REMOTE_ADDR="203.0.113.7").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = client.get("/api/v1/gemeenten", REMOTE_ADDR="203.0.113.7")
    assert limited["Content-Type"] == "application/problem+json" and 1 <= int(limited["Retry-After"]) <= 60
    assert "Te veel verzoeken: hoogstens 3 per minuut" in limited.json()["detail"]
    assert client.get("/api/v1/gemeenten", REMOTE_ADDR="203.0.113.8").status_code == 200  # another address
    _token, raw = create_api_token(user=personas.users["contact"], name="CRM")
    keyed = [
        client.get("/api/v1/mij", HTTP_AUTHORIZATION=f"Bearer {raw}", REMOTE_ADDR="203.0.113.9").status_code
        for _ in range(6)
    ]
    assert keyed == [200] * 5 + [429]
    # made-up keys from one address still count for that address
    fake = [
        client.get("/api/v1/mij", HTTP_AUTHORIZATION=f"Bearer all_{n}", REMOTE_ADDR="203.0.113.10").status_code
        for n in range(6)
    ]
    assert fake == [401] * 5 + [429]
    assert client.get("/api/v1/openapi.json", REMOTE_ADDR="203.0.113.7").status_code == 200  # the document is free
