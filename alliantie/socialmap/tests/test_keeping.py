"""Keeping the sociale kaart current: who edits which service, checks and reminders, visitors' error reports."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from alliantie.core.models import AuditEntry, Municipality
from alliantie.core.tests.factories import (
    make_local_alliance,
    make_location,
    make_membership,
    make_organisation,
    make_service,
)
from alliantie.partners.models import Membership
from alliantie.socialmap.models import ErrorReport, Provider, Service
from alliantie.socialmap.services import request_checks

pytestmark = pytest.mark.django_db


def form_data(service: Service | None = None, **changes) -> dict:
    data = {
        "name": "Zwemles voor ieder kind",
        "description": "Zwemles met korting.",
        "offers": ["money"],
        "needs": ["sport-cultuur"],
        "minimum_age": "4",
        "maximum_age": "12",
        "how_to_apply": "Meld uw kind aan bij het zwembad.",
        "costs": "gratis",
        "status": "active",
        "residents_only": "on",
    }
    if service is not None:
        data["provider"] = f"p{service.provider_id}"
    return data | changes


@pytest.fixture
def own_service(personas):
    return make_service(partner=personas.organisation, national=False, offers=["money"], name="Kindpakket")


def test_a_partner_edits_its_own_service_and_that_counts_as_a_check(personas, own_service):
    Service.objects.filter(pk=own_service.pk).update(last_verified_on=date(2024, 1, 1))
    client = personas.client("member")
    response = client.post(reverse("socialmap:service-edit", args=[own_service.slug]), form_data(own_service))
    assert response.status_code == 302
    own_service.refresh_from_db()
    assert own_service.name == "Zwemles voor ieder kind" and own_service.maximum_age == 12
    assert own_service.last_verified_on == timezone.localdate()
    assert AuditEntry.objects.filter(action="service.changed").exists()


def test_another_partner_can_neither_open_nor_change_it(personas, own_service):
    client = personas.client("outsider")
    url = reverse("socialmap:service-edit", args=[own_service.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(own_service)).status_code == 403
    assert client.post(reverse("socialmap:service-checked", args=[own_service.slug])).status_code == 403
    own_service.refresh_from_db()
    assert own_service.name == "Kindpakket"


def test_a_partner_cannot_move_its_service_to_someone_elses_provider(personas, own_service):
    foreign = make_service(partner=personas.other_organisation)
    client = personas.client("contact")
    response = client.post(
        reverse("socialmap:service-edit", args=[own_service.slug]),
        form_data(own_service, provider=f"p{foreign.provider_id}"),
    )
    assert response.status_code == 400
    own_service.refresh_from_db()
    assert own_service.provider.partner == personas.organisation


def test_a_coordinator_keeps_the_services_in_the_municipalities_of_the_alliances_they_coordinate(personas):
    amsterdam = Municipality.objects.get(code="GM0363")
    make_local_alliance(
        name="Lokale alliantie Amsterdam", codes=("GM0363",), coordinators=[personas.users["coordinator"]]
    )
    local = make_service(national=False, name="Speelgoedbank Amsterdam")
    local.provider.area_municipalities.set([amsterdam])
    elsewhere = make_service(national=False, name="Kledingbank Groningen")
    elsewhere.provider.area_municipalities.set([Municipality.objects.get(code="GM0014")])
    with_address = make_service(national=False, name="Huiswerkklas")
    make_location(with_address, "GM0363")
    client = personas.client("coordinator")
    assert client.get(reverse("socialmap:service-edit", args=[local.slug])).status_code == 200
    assert client.get(reverse("socialmap:service-edit", args=[with_address.slug])).status_code == 200
    assert client.get(reverse("socialmap:service-edit", args=[elsewhere.slug])).status_code == 403
    listed = client.get(reverse("socialmap:manage")).content.decode()
    assert "Speelgoedbank Amsterdam" in listed and "Kledingbank Groningen" not in listed
    # the coordinator of another alliance keeps nothing in Amsterdam
    assert (
        personas.client("other_coordinator").get(reverse("socialmap:service-edit", args=[local.slug])).status_code
        == 403
    )


def test_a_coordinators_organisation_no_longer_decides_their_area_and_a_stopped_alliance_keeps_nothing(personas):
    """Before local alliances existed, a coordinator kept the services where their organisations worked."""
    coordinator = personas.users["coordinator"]
    amsterdam = Municipality.objects.get(code="GM0363")
    organisation = make_organisation(name="Stadsdeel Amsterdam", slug="stadsdeel", municipality=amsterdam)
    make_membership(coordinator, organisation, Membership.Role.MEMBER)
    service = make_service(national=False, name="Speelgoedbank Amsterdam")
    service.provider.area_municipalities.set([amsterdam])
    client = personas.client("coordinator")
    assert client.get(reverse("socialmap:service-edit", args=[service.slug])).status_code == 403
    alliance = make_local_alliance(codes=("GM0363",), coordinators=[coordinator])
    assert client.get(reverse("socialmap:service-edit", args=[service.slug])).status_code == 200
    alliance.ended_on = timezone.localdate()
    alliance.save()
    assert client.get(reverse("socialmap:service-edit", args=[service.slug])).status_code == 403


def test_a_partner_without_services_adds_one_and_gets_a_provider(personas):
    client = personas.client("contact")
    response = client.get(reverse("socialmap:service-create"))
    assert "Gemeente Testdorp" in response.content.decode()
    assert "national" not in response.context["form"].fields  # only the team says "in heel Nederland"
    response = client.post(
        reverse("socialmap:service-create"),
        form_data(provider=f"o{personas.organisation.pk}", national="on"),
    )
    assert response.status_code == 302
    service = Service.objects.get(name="Zwemles voor ieder kind")
    assert service.provider.partner == personas.organisation and not service.national
    assert service.provider.area_municipalities.filter(pk=personas.organisation.municipality_id).exists() == bool(
        personas.organisation.municipality_id
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"minimum_age": "12", "maximum_age": "4"}, "maximum_age", "niet lager dan"),
        ({"needs": ["vliegen"]}, "needs", "geen beschikbare keuze"),
        ({"name": "x" * 201}, "name", "niet meer dan 200 tekens"),
        ({"url": "javascript:alert(1)"}, "url", "geldige URL"),
        ({"income_limit_percent": "-5"}, "income_limit_percent", ""),
        ({"how_to_apply": ""}, "how_to_apply", "verplicht"),
        ({"email": "geen-adres"}, "email", "geldig e-mailadres"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_nothing_changes(personas, own_service, changes, field, message):
    client = personas.client("contact")
    response = client.post(
        reverse("socialmap:service-edit", args=[own_service.slug]), form_data(own_service, **changes)
    )
    assert response.status_code == 400
    form = response.context["form"]
    errors = form.errors.get(field) if field else form.non_field_errors()
    assert errors, form.errors
    if message:
        assert message in " ".join(errors)
    if field:
        assert f'aria-describedby="id_{field}_error' in response.content.decode() or field in ("needs",)
    own_service.refresh_from_db()
    assert own_service.name == "Kindpakket"


def test_html_in_a_description_is_shown_as_text(personas, own_service):
    client = personas.client("contact")
    client.post(
        reverse("socialmap:service-edit", args=[own_service.slug]),
        form_data(own_service, description="<script>alert(1)</script> Gratis"),
    )
    page = client.get(own_service.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_klopt_nog_marks_the_service_checked_today(personas, own_service):
    Service.objects.filter(pk=own_service.pk).update(last_verified_on=date(2024, 1, 1))
    response = personas.client("member").post(reverse("socialmap:service-checked", args=[own_service.slug]))
    assert response.status_code == 302
    own_service.refresh_from_db()
    assert own_service.last_verified_on == timezone.localdate() and own_service.verification_requested_on is None


class TestChecks:
    def test_the_keepers_are_asked_once_and_visitors_see_the_flag_after_the_grace_period(
        self, personas, own_service, mailbox, settings
    ):
        today = timezone.localdate()
        Service.objects.filter(pk=own_service.pk).update(last_verified_on=today - timedelta(days=400))
        fresh = make_service(partner=personas.organisation, name="Nieuw", last_verified_on=today)
        assert request_checks(base_url="https://alliantie.example") == 1
        assert mailbox.deliver() == 1
        message = mailbox.messages[0]
        assert sorted(message["To"].split(", ")) == ["contact@example.org"]
        body = mailbox.body()
        assert "Kindpakket" in body and "Nieuw" not in body
        assert f"https://alliantie.example/sociale-kaart/{own_service.slug}/bewerken/" in body
        assert request_checks(base_url="https://alliantie.example") == 0  # asked once per unchecked period
        assert mailbox.deliver() == 0
        assert len(mailbox.messages) == 1

        page = personas.client("anonymous").get(own_service.get_absolute_url()).content.decode()
        assert "Niet recent gecontroleerd" not in page
        later = timezone.now() + timedelta(days=settings.SOCIALMAP_REMINDER_GRACE_DAYS + 1)
        with time_machine.travel(later, tick=False):
            own_service.refresh_from_db()
            assert own_service.is_stale()
            page = personas.client("anonymous").get(own_service.get_absolute_url()).content.decode()
            assert "Niet recent gecontroleerd" in page
            assert not Service.objects.get(pk=fresh.pk).is_stale()

    def test_without_a_partner_the_provider_or_the_team_hears_it(self, personas, mailbox):
        service = make_service(name="Kledingbank", last_verified_on=date(2020, 1, 1))
        Provider.objects.filter(pk=service.provider_id).update(email="kledingbank@example.org")
        orphan = make_service(name="Wees", last_verified_on=date(2020, 1, 1))
        assert request_checks(base_url="http://x") == 2
        mailbox.deliver()
        recipients = sorted(m["To"] for m in mailbox.messages)
        assert recipients == ["kledingbank@example.org", "team@example.org"]
        assert orphan.pk

    def test_a_mail_server_that_is_down_keeps_the_question_in_the_outbox_and_it_goes_out_once_later(
        self, personas, own_service, mailbox
    ):
        Service.objects.filter(pk=own_service.pk).update(last_verified_on=date(2020, 1, 1))
        mailbox.stop()
        assert request_checks(base_url="http://x") == 1
        assert mailbox.deliver() == 0
        assert request_checks(base_url="http://x") == 0  # not asked twice while the mail waits
        mailbox.start()
        with time_machine.travel(timezone.now() + timedelta(minutes=3)):
            assert mailbox.deliver() == 1
        assert [m["To"] for m in mailbox.messages] == ["contact@example.org"]


class TestErrorReports:
    def test_a_visitor_reports_an_error_and_the_keepers_get_it(self, personas, own_service, mailbox, client):
        url = reverse("socialmap:report-error", args=[own_service.slug])
        with self.captureOnCommit():
            response = client.post(url, {"message": "Het nummer is veranderd.", "reply_email": "ouder@example.org"})
        assert response.status_code == 302
        report = ErrorReport.objects.get()
        assert report.message == "Het nummer is veranderd."
        assert len(mailbox.messages) == 1 and mailbox.messages[0]["To"] == "contact@example.org"
        assert "Het nummer is veranderd." in mailbox.body() and "ouder@example.org" in mailbox.body()
        manage = personas.client("contact").get(reverse("socialmap:manage")).content.decode()
        assert "Het nummer is veranderd." in manage
        response = personas.client("contact").post(reverse("socialmap:report-handled", args=[report.pk]))
        assert response.status_code == 302
        assert ErrorReport.objects.get().handled_at is not None

    @staticmethod
    def captureOnCommit():  # noqa: N802 - mirrors TestCase.captureOnCommitCallbacks
        from django.test import TestCase

        return TestCase.captureOnCommitCallbacks(execute=True)

    @pytest.mark.parametrize(
        ("data", "field"),
        [
            ({"message": ""}, "message"),
            ({"message": "x" * 1001}, "message"),
            ({"message": "ok", "reply_email": "a@"}, "reply_email"),
        ],
    )
    def test_a_bad_report_is_refused_at_the_field(self, own_service, client, data, field):
        response = client.post(reverse("socialmap:report-error", args=[own_service.slug]), data)
        assert response.status_code == 400 and response.context["report_form"].errors[field]
        assert not ErrorReport.objects.exists()

    def test_reports_are_rate_limited(self, own_service, client, settings):
        settings.SOCIALMAP_ERROR_REPORTS_PER_HOUR = 2
        url = reverse("socialmap:report-error", args=[own_service.slug])
        assert [client.post(url, {"message": f"melding {n}"}).status_code for n in range(3)] == [302, 302, 429]
        assert ErrorReport.objects.count() == 2
        assert "Probeer het over een uur opnieuw" in client.post(url, {"message": "nog een"}).content.decode()

    def test_another_partner_cannot_close_a_report(self, personas, own_service):
        report = ErrorReport.objects.create(service=own_service, message="Klopt niet")
        response = personas.client("outsider").post(reverse("socialmap:report-handled", args=[report.pk]))
        assert response.status_code == 404
        assert ErrorReport.objects.get().handled_at is None


def test_the_keeping_page_lists_what_needs_a_check_first(personas, own_service):
    Service.objects.filter(pk=own_service.pk).update(last_verified_on=date(2020, 1, 1))
    make_service(partner=personas.organisation, name="Recent gecontroleerd")
    client = personas.client("member")
    page = client.get(reverse("socialmap:manage")).content.decode()
    assert page.index("Kindpakket") < page.index("Recent gecontroleerd")
    assert "controle nodig" in page
    only_due = client.get(reverse("socialmap:manage"), {"controle": "1"}).content.decode()
    assert "Recent gecontroleerd" not in only_due
