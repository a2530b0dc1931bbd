"""Prepares the load test on a demo database: who the simulated people are (printed as JSON).

Run with the platform's settings: `DJANGO_SETTINGS_MODULE=alliantie.settings python bench/loadtest_setup.py`."""

import json
import os
import random
import secrets

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliantie.settings")
django.setup()

from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from alliantie.accounts.models import User  # noqa: E402
from alliantie.demo.builders import DEMO_PASSWORD  # noqa: E402
from alliantie.monitoring.models import Invitation, MonitorRound, Response  # noqa: E402
from alliantie.partners.models import Membership, Organisation  # noqa: E402
from alliantie.socialmap.models import Location  # noqa: E402

TEAM_SIZE = 8
PARTNERS = 40

rng = random.Random(2030)
open_round = MonitorRound.objects.get(status="open")
field = open_round.questionnaire.sections.get(position=1).questions.get(key="belofte-hoe").field_name
submitted = Response.objects.filter(round=open_round, status="submitted").values("organisation_id")
invitations = {
    i.organisation_id: i
    for i in Invitation.objects.filter(round=open_round).exclude(organisation_id__in=submitted).select_related("round")
}
partners = []
contacts = (
    Membership.objects.filter(role="contact", organisation_id__in=list(invitations), organisation__status="active")
    .select_related("user", "organisation")
    .order_by("organisation_id")
)
for membership in contacts:
    activities = list(membership.organisation.activities.values_list("pk", flat=True)[:5])
    if not activities:
        continue
    invitation = invitations[membership.organisation_id]
    partners.append(
        {
            "email": membership.user.email,
            "activities": activities,
            "monitor": f"/monitor/antwoorden/{invitation.token}/",
            "monitor_field": field,
        }
    )
    if len(partners) == PARTNERS:
        break

team = []
for n in range(1, TEAM_SIZE + 1):
    user, _created = User.objects.get_or_create(
        email=f"loadtest-team{n}@example.org", defaults={"name": f"Belasting Team {n}", "team_role": "project_team"}
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    key = secrets.token_hex(20)
    TOTPDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(user=user, name="loadtest", key=key, confirmed=True)
    team.append({"email": user.email, "secret": key})

postcodes = sorted({p for p in Location.objects.exclude(postcode="").values_list("postcode", flat=True)[:2000]})
organisations = list(Organisation.objects.partners().values_list("slug", flat=True)[:5000])
print(
    json.dumps(
        {
            "password": DEMO_PASSWORD,
            "partners": partners,
            "team": team,
            "open_round": open_round.pk,
            "postcodes": rng.sample(postcodes, min(200, len(postcodes))),
            "organisations": rng.sample(organisations, min(500, len(organisations))),
        }
    )
)
