"""The daily job, safe to run twice: invitations expire, pool entries never confirmed are forgotten (with their
consent record), people are asked once a year whether their entry is still right, handled requests lose the
requester's name and address after a year."""

from datetime import timedelta

import pytest
import time_machine
from django.test import TestCase
from django.utils import timezone

from alliantie.accounts.tests.test_data_rights import mentions
from alliantie.core.models import Municipality
from alliantie.core.tests.factories import make_pool_member
from alliantie.localalliances import services
from alliantie.localalliances.models import AllianceRequest, MemberInvitation, PoolMember
from alliantie.localalliances.tests.pool_helpers import pool_form

pytestmark = pytest.mark.django_db


def test_the_daily_job_does_its_housekeeping_once(personas, client, mailbox):
    from django.urls import reverse

    client.post(reverse("localalliances:pool-register"), pool_form(name="Nooit Bevestigd", email="nooit@example.org"))
    yearly = make_pool_member(email="jaar@example.org")
    PoolMember.objects.filter(pk=yearly.pk).update(checked_at=timezone.now() - timedelta(days=400))
    MemberInvitation.objects.create(
        alliance=personas.alliance,
        organisation=personas.other_organisation,
        organisation_name="x",
        email="x@example.org",
        reason="r",
        expires_at=timezone.now() + timedelta(days=1),
    )
    old = AllianceRequest.objects.create(
        name="Oud Aanvrager",
        email="oud@example.org",
        organisation_name="o",
        message="m",
        status="afgewezen",
        handled_at=timezone.now(),
    )
    old.municipalities.set([Municipality.objects.get(code="GM0166")])
    with time_machine.travel(timezone.now() + timedelta(days=370)), TestCase.captureOnCommitCallbacks(execute=True):
        result = services.daily()
        assert services.daily().startswith("0 uitnodigingen verlopen, 0 onbevestigde inschrijvingen vergeten, 0 mensen")
    assert result.startswith("1 uitnodigingen verlopen, 1 onbevestigde inschrijvingen vergeten, 1 mensen gevraagd")
    assert MemberInvitation.objects.get().status == "expired"
    assert mentions("nooit@example.org") == [] and mentions("Nooit Bevestigd") == []
    assert [m["To"] for m in mailbox.messages if "Klopt uw inschrijving" in m["Subject"]] == ["jaar@example.org"]
    assert mentions("oud@example.org") == [] and mentions("Oud Aanvrager") == []


def test_the_jobs_are_registered_for_run_periodic():
    from alliantie.schedule import JOBS

    functions = {job.function for job in JOBS}
    assert "alliantie.localalliances.services.daily" in functions
    assert "alliantie.localalliances.services.send_pool_follow_ups" in functions
