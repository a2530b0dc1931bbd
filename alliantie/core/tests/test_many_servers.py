"""Two app servers (gunicorn, production settings) on one PostgreSQL and the shared cache, behind Debian's nginx in
round robin, with the background worker: what one server changes the other shows at once, a login works on both,
a rate limit holds across both, and each mail goes out once."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.utils import timezone

from alliantie.core.models import Challenge, ChangeLine
from alliantie.core.tests.factories import PASSWORD, make_invitation, make_post, make_response, make_round, make_service
from alliantie.core.tests.servers import Visitor, start_platform
from alliantie.monitoring.models import Answer

pytestmark = [pytest.mark.servers]


def argon2_passwords(*users) -> None:
    """The servers run production settings, which verify Argon2 only (the tests hash faster)."""
    for user in users:
        user.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
        user.save(update_fields=["password"])


def current_code(device) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def eventually(check, timeout: float = 20.0, step: float = 0.3):
    """What the background worker does takes a moment: ask until it is true."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(step)


@pytest.fixture
def platform(live_personas, mailbox):
    running = start_platform(mailbox.port)
    yield running
    running.stop()


def test_two_app_servers_behind_nginx_agree_at_once(platform, live_personas, mailbox):
    personas = live_personas
    contact, outsider, team = (personas.users[r] for r in ("contact", "outsider", "project_team"))
    argon2_passwords(contact, outsider, team)
    device = team.totpdevice_set.get()

    # A login session works on both servers (the session lives in the shared database, not in one process).
    partner = Visitor(platform.url, address="198.51.100.10")
    assert partner.log_in(contact.email, PASSWORD).status == 302
    seen = {partner.get("/account/").upstream for _ in range(4)}
    assert {answer.status for answer in [partner.get("/account/") for _ in range(4)]} == {200}
    assert len(seen) == 2, f"nginx should have used both servers, saw {seen}\n{platform.logs()}"

    # The directory: cached on both servers, a new activity through one shows through the other at once.
    visitor = Visitor(platform.url, address="198.51.100.11")
    by_opgave = "/partners/?opgave=leren-omgaan-met-geld"
    before = [visitor.get(by_opgave) for _ in range(2)]  # now cached on each server
    assert all("Gemeente Testdorp" not in answer.text for answer in before)
    created = partner.post(
        f"/organisaties/{personas.organisation.slug}/activiteiten/nieuw/",
        [
            ("title", "Geldlessen in de klas"),
            ("description", "Leerlingen leren omgaan met geld."),
            ("challenges", str(Challenge.objects.get(slug="leren-omgaan-met-geld").pk)),
            ("change_line", str(ChangeLine.objects.get(code="strengthen").pk)),
            ("target_groups", "children_4_12"),
            ("starts_on", timezone.localdate().isoformat()),
            ("involvement", "consulted"),
            ("involvement_explanation", "Ouders dachten mee over de lessen."),
        ],
    )
    assert created.status == 302, created.text[:2000]
    after = [visitor.get(by_opgave) for _ in range(2)]
    assert {answer.upstream for answer in after} == {answer.upstream for answer in before}
    assert all("Gemeente Testdorp" in answer.text for answer in after)

    # Monitor figures: the team codes an open answer through one server; the results through the other follow.
    monitor_round = make_round()
    make_invitation(monitor_round, personas.organisation, mailed=True)
    make_response(monitor_round, personas.organisation, {"behoeften": "Een sociale kaart voor ouders."})
    question = monitor_round.questionnaire.sections.get(position=1).questions.get(key="behoeften")
    answer_pk = Answer.objects.get(question=question, response__round=monitor_round).pk
    team_browser = Visitor(platform.url, address="198.51.100.12")
    assert team_browser.log_in(team.email, PASSWORD).status == 302
    assert team_browser.post("/account/tweestapsverificatie/", {"token": current_code(device)}).status == 302
    results = f"/monitor/rondes/{monitor_round.pk}/resultaten/"
    assert all("Sociale kaart voor ouders" not in team_browser.get(results).text for _ in range(2))
    coded = team_browser.post(
        f"/monitor/rondes/{monitor_round.pk}/coderen/{question.pk}/",
        {"antwoord": answer_pk, "labels": "Sociale kaart voor ouders"},
    )
    assert coded.status == 302
    assert all("Sociale kaart voor ouders" in team_browser.get(results).text for _ in range(2))

    # Matching: an offer posted through one server; once the worker rebuilt the index, the other suggests it.
    outsider_browser = Visitor(platform.url, address="198.51.100.13")
    assert outsider_browser.log_in(outsider.email, PASSWORD).status == 302
    request = make_post(personas.organisation, title="Fietsen gezocht", body="Fietsen voor de tocht naar school.")
    offer = outsider_browser.post(
        "/marktplaats/nieuw/",
        {
            "organisation": personas.other_organisation.pk,
            "kind": "offer",
            "title": "Tweedehands fietsen voor schoolkinderen",
            "body": "Opgeknapte fietsen, gratis voor gezinnen.",
            "help_types": "middelen",
            "open_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
        },
    )
    assert offer.status == 302, offer.text[:2000]
    assert eventually(
        lambda: all("Tweedehands fietsen" in partner.get(f"/marktplaats/{request.pk}/").text for _ in range(2))
    ), platform.logs()

    # A rate limit holds across both servers: five error reports an hour from one visitor, wherever they land.
    service = make_service(partner=personas.organisation, name="Kindpakket")
    reporter = Visitor(platform.url, address="198.51.100.14")
    answers = [
        reporter.post(f"/sociale-kaart/{service.slug}/fout-melden/", {"message": f"Nummer klopt niet ({n})."})
        for n in range(6)
    ]
    assert [a.status for a in answers] == [302] * 5 + [429]
    assert len({a.upstream for a in answers}) == 2

    # Each of those mails goes out once: the worker sends them, nobody gets a copy twice.
    assert eventually(lambda: len([m for m in mailbox.messages if "Kindpakket" in m["Subject"]]) >= 5)
    time.sleep(1.5)  # a second worker run must not send them again
    reports = [m for m in mailbox.messages if "Kindpakket" in m["Subject"]]
    assert len(reports) == 5 and len({m["Message-ID"] for m in reports}) == 5
