"""Consent per person and purpose: given, confirmed, withdrawn, replaced; lists ask who agreed."""

import pytest
from django.db import IntegrityError, transaction

from alliantie.core import consent
from alliantie.core.models import AuditEntry, PersonalConsent

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_consent_counts_only_once_confirmed_and_until_withdrawn():
    record = consent.give(
        email="Ouder@Example.org",
        purpose=consent.Purpose.NEWSLETTER,
        text="Ja, stuur mij de nieuwsbrief.",
        method=consent.Method.FORM,
        confirmed=False,
    )
    assert consent.active("ouder@example.org", consent.Purpose.NEWSLETTER) is None  # not yet confirmed
    consent.confirm(consent=record)
    assert consent.active("ouder@example.org", consent.Purpose.NEWSLETTER) == record
    assert list(consent.active_emails(consent.Purpose.NEWSLETTER).values_list("email", flat=True)) == [
        "ouder@example.org"
    ]
    assert consent.active("ouder@example.org", consent.Purpose.COMMUNITY) is None  # another purpose
    assert consent.withdraw(email="OUDER@example.org", purpose=consent.Purpose.NEWSLETTER, how="afmeldlink") == 1
    assert consent.active("ouder@example.org", consent.Purpose.NEWSLETTER) is None
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "consent.given",
        "consent.confirmed",
        "consent.withdrawn",
    ]


def test_a_new_consent_replaces_the_open_one_and_the_history_stays():
    for text in ("versie 1", "versie 2"):
        consent.give(email="a@example.org", purpose=consent.Purpose.NEWSLETTER, text=text, method=consent.Method.FORM)
    records = PersonalConsent.objects.filter(email="a@example.org").order_by("given_at")
    assert [(r.text, r.withdrawn_at is None) for r in records] == [("versie 1", False), ("versie 2", True)]


def test_the_database_refuses_two_open_consents_for_one_address_and_purpose():
    consent.give(email="a@example.org", purpose=consent.Purpose.COMMUNITY, text="x", method=consent.Method.ACCOUNT)
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonalConsent.objects.create(email="a@example.org", purpose="community", text="y", method="account")
