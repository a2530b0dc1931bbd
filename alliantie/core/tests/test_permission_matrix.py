"""Every URL pattern of the project, for every role: the answer it must give.

A pattern without an entry here fails `test_every_url_pattern_has_a_matrix_entry`, so no page can be added
without deciding who may use it. Answers: a status code, LOGIN (redirect to the login page) or REDIRECT."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, path
from django.utils import timezone

from alliantie.accounts.services import create_api_token
from alliantie.conftest import ROLES
from alliantie.core.tests.factories import (
    make_activity,
    make_error_report,
    make_introduction,
    make_invitation,
    make_item,
    make_location,
    make_post,
    make_response,
    make_round,
    make_service,
)

LOGIN = "login"
REDIRECT = "redirect"
TEAM_ROLES = ("coordinator", "project_team", "administrator")
SIGNED_IN = tuple(role for role in ROLES if role != "anonymous")


def everyone(answer) -> dict:
    return dict.fromkeys(ROLES, answer)


def signed_in(answer, anonymous=LOGIN) -> dict:
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, answer)}


@dataclass
class Entry:
    expect: dict
    method: str = "get"
    kwargs: Callable = lambda personas: {}
    query: str | Callable = ""
    data: dict = field(default_factory=dict)


def _contact_token(personas) -> dict:
    token, _raw = create_api_token(user=personas.users["contact"], name="CRM")
    return {"token_id": token.pk}


TEAM_ONLY = {**signed_in(403), "project_team": 200, "administrator": 200}
TEAM_ACTION = {**signed_in(403), "project_team": REDIRECT, "administrator": REDIRECT}


def _submitted_answers(personas) -> dict:
    monitor_round = make_round()
    invitation = make_invitation(monitor_round, personas.organisation)
    make_response(monitor_round, personas.organisation, {"belofte-hoe": "We helpen."})
    return {"token": invitation.token}


def _template():
    from alliantie.monitoring.services import template

    return template()


def _first_question():
    return _template().sections.order_by("position").first().questions.order_by("position").first()


def _last_question():
    return _template().sections.order_by("-position").first().questions.order_by("-position").first()


def _round_with_question(personas) -> tuple[int, int]:
    monitor_round = make_round()
    question = monitor_round.questionnaire.sections.get(position=1).questions.get(key="behoeften")
    return monitor_round.pk, question.pk


def _published_report(personas):
    from alliantie.monitoring.models import Report

    Report.objects.filter(year=2025).delete()  # the accessibility walk asks for the page once per role
    return Report.objects.create(
        year=2025,
        prepared_by=personas.users["project_team"],
        confirmed_by=personas.users["administrator"],
        published_at=timezone.now(),
    )


def _open_invitation(personas):
    from datetime import timedelta

    from alliantie.partners.models import Invitation

    return Invitation.objects.create(
        organisation=personas.organisation,
        email="uitgenodigd@example.org",
        token_hash="matrix-" + "0" * 50,
        expires_at=timezone.now() + timedelta(days=7),
    )


def _failed_mail():
    from alliantie.core.models import OutboxMessage

    return OutboxMessage.objects.create(
        key="matrix",
        kind="t",
        recipients=["x@example.org"],
        subject="s",
        body_text="b",
        message_id="<m@x>",
        status="failed",
    )


def _member_job(personas, with_file: bool = False) -> dict:
    from django.core.files.base import ContentFile

    from alliantie.core.models import BackgroundJob

    job = BackgroundJob(kind="t", title="Taak", handler="alliantie.x", created_by=personas.users["member"])
    if with_file:
        job.result_file.save("uit.csv", ContentFile(b"a;b"), save=False)
        job.result_name, job.result_content_type = "uit.csv", "text/csv"
    job.save()
    return {"job_id": job.pk}


def _draft_report(personas):
    from alliantie.core.tests.factories import make_user
    from alliantie.monitoring.models import Report

    return Report.objects.create(year=2024, prepared_by=make_user(email="ander@example.org", team_role="project_team"))


def _event(personas, **overrides):
    """A public event that the personas' organisation co-organises (its member and contact organise it)."""
    from alliantie.core.tests.factories import make_event

    event = make_event(**overrides)
    event.organisers.set([personas.organisation])
    return event


def _registration_token(personas) -> dict:
    from alliantie.core.tests.factories import make_registration
    from alliantie.events.links import registration_token

    return {"token": registration_token(make_registration(_event(personas)))}


def _event_registration(personas) -> dict:
    from alliantie.core.tests.factories import make_registration

    event = _event(personas)
    return {"slug": event.slug, "pk": make_registration(event).pk}


def _last_code() -> str:
    from alliantie.events.models import Registration

    return Registration.objects.order_by("-pk").first().checkin_code


def _feed_token(personas) -> dict:
    from alliantie.events.links import feed_token
    from alliantie.events.services import personal_feed

    return {"token": feed_token(personal_feed(user=personas.users["member"]))}


def _past_event(personas):

    return _event(personas, in_days=-3)


def _story(personas):
    from alliantie.core.tests.factories import make_item

    return make_item(kind="ervaringsverhaal", knowledge_source="ervaring", status="draft", published_at=None)


def _draft_of(personas):
    """A draft written by the personas' organisation: its people and the team see it, others get 404."""
    from alliantie.core.tests.factories import make_item

    item = make_item(status="draft", published_at=None)
    item.author_organisations.set([personas.organisation])
    return item


def _attachment(personas) -> dict:
    from django.core.files.base import ContentFile

    from alliantie.core.tests.factories import make_item
    from alliantie.knowledge.models import Attachment

    item = make_item()
    attachment = Attachment(
        item=item, token="t", filename="verslag.pdf", kind="pdf", content_type="application/pdf", size=8
    )
    attachment.file.save("verslag.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return {"slug": item.slug, "pk": attachment.pk}


def _collection(personas):
    from alliantie.knowledge.models import Collection

    return Collection.objects.create(title="Toolkit lokale allianties", slug=f"toolkit-{Collection.objects.count()}")


ORGANISER = {**signed_in(403), "member": 200, "contact": 200, "project_team": 200, "administrator": 200}
ORGANISER_ACTION = {
    **signed_in(403),
    "member": REDIRECT,
    "contact": REDIRECT,
    "project_team": REDIRECT,
    "administrator": REDIRECT,
}
TEAM_REDIRECT = {**signed_in(403), "project_team": REDIRECT, "administrator": REDIRECT}
AUTHORS = {**signed_in(404), "member": 200, "contact": 200, "project_team": 200, "administrator": 200}


MATRIX: dict[str, Entry] = {
    # core: public pages
    "core:home": Entry(everyone(200)),
    "core:privacy": Entry(everyone(200)),
    "core:accessibility": Entry(everyone(200)),
    "core:health": Entry(everyone(200)),
    "core:security-txt": Entry(everyone(200)),
    "set_language": Entry(everyone(REDIRECT), method="post", data={"language": "en", "next": "/"}),
    # accounts
    "accounts:login": Entry(signed_in(REDIRECT, anonymous=200)),
    "accounts:logout": Entry(everyone(REDIRECT), method="post"),
    "accounts:password-reset": Entry(everyone(200)),
    "accounts:password-reset-done": Entry(everyone(200)),
    "accounts:password-reset-confirm": Entry(everyone(200), kwargs=lambda p: {"uidb64": "MQ", "token": "ongeldig"}),
    "accounts:password-reset-complete": Entry(everyone(200)),
    "accounts:account": Entry(signed_in(200)),
    "workspace:start": Entry(signed_in(200)),
    "accounts:api-token-create": Entry(signed_in(400), method="post"),
    "accounts:my-data": Entry(signed_in(200)),
    "accounts:my-data-json": Entry(signed_in(200)),
    "accounts:account-delete": Entry(signed_in(200)),
    "accounts:api-token-revoke": Entry({**signed_in(404), "contact": REDIRECT}, method="post", kwargs=_contact_token),
    "accounts:two-factor-setup": Entry(signed_in(200)),
    # People without a confirmed device are sent to set one up; the team roles have one and verify.
    "accounts:two-factor-verify": Entry({**signed_in(REDIRECT), **dict.fromkeys(TEAM_ROLES, 200)}),
    "accounts:two-factor-recovery": Entry(signed_in(400), method="post"),
    # New recovery codes only from a session that passed the second factor.
    "accounts:recovery-codes-create": Entry({**signed_in(REDIRECT), **dict.fromkeys(TEAM_ROLES, 200)}, method="post"),
    # partners
    "partners:organisation-mine": Entry(signed_in(200)),
    "partners:organisation-members": Entry(
        {**signed_in(404), "member": 200, "contact": 200, "project_team": 200, "administrator": 200},
        kwargs=lambda p: {"slug": p.organisation.slug},
    ),
    "partners:invite-member": Entry(
        {**signed_in(404), "member": 403, "contact": 400, "project_team": 400, "administrator": 400},
        method="post",
        kwargs=lambda p: {"slug": p.organisation.slug},
    ),
    "partners:invitation-accept": Entry(everyone(404), kwargs=lambda p: {"token": "bestaat-niet"}),
    "partners:apply": Entry(everyone(200)),
    "partners:nominate": Entry(
        {**signed_in(404), "member": 200, "contact": 200, "project_team": 200, "administrator": 200},
        kwargs=lambda p: {"slug": p.organisation.slug},
    ),
    "partners:directory": Entry(everyone(200)),
    "partners:directory-export": Entry(
        {**signed_in(403), "project_team": 200, "administrator": 200}, kwargs=lambda p: {"fmt": "csv"}
    ),
    "partners:organisation-detail": Entry(everyone(200), kwargs=lambda p: {"slug": p.organisation.slug}),
    "partners:pledge-sign": Entry(
        {**signed_in(404), "member": 200, "contact": 200, "project_team": 200, "administrator": 200},
        kwargs=lambda p: {"slug": p.organisation.slug},
    ),
    # the personas' organisation has not signed: the PDF is 404 for those who may see it, and for others
    "partners:pledge-pdf": Entry(signed_in(404), kwargs=lambda p: {"slug": p.organisation.slug}),
    "partners:import": Entry({**signed_in(403), "project_team": 200, "administrator": 200}),
    "partners:application-list": Entry({**signed_in(403), "project_team": 200, "administrator": 200}),
    "partners:application-decide": Entry(
        {**signed_in(403), "project_team": 200, "administrator": 200}, kwargs=lambda p: {"slug": p.organisation.slug}
    ),
    "partners:organisation-status": Entry(
        {**signed_in(403), "project_team": 200, "administrator": 200}, kwargs=lambda p: {"slug": p.organisation.slug}
    ),
    "partners:organisation-history": Entry(
        {**signed_in(403), "project_team": 200, "administrator": 200}, kwargs=lambda p: {"slug": p.organisation.slug}
    ),
    "partners:member-remove": Entry(
        {**signed_in(404), "member": 403, "contact": REDIRECT, "project_team": REDIRECT, "administrator": REDIRECT},
        method="post",
        kwargs=lambda p: {"slug": p.organisation.slug, "membership_id": p.users["member"].memberships.get().pk},
    ),
    "partners:invitation-withdraw": Entry(
        {**signed_in(404), "member": 403, "contact": REDIRECT, "project_team": REDIRECT, "administrator": REDIRECT},
        method="post",
        kwargs=lambda p: {"slug": p.organisation.slug, "invitation_id": _open_invitation(p).pk},
    ),
    "partners:member-make-contact": Entry(
        {**signed_in(404), "member": 403, "contact": REDIRECT, "project_team": REDIRECT, "administrator": REDIRECT},
        method="post",
        kwargs=lambda p: {"slug": p.organisation.slug, "membership_id": p.users["member"].memberships.get().pk},
    ),
    # activities
    "activities:activity-list": Entry(
        {**signed_in(404), "member": 200, "contact": 200, "project_team": 200, "administrator": 200},
        kwargs=lambda p: {"slug": p.organisation.slug},
    ),
    "activities:activity-create": Entry(
        {**signed_in(404), "member": 200, "contact": 200, "project_team": 200, "administrator": 200},
        kwargs=lambda p: {"slug": p.organisation.slug},
    ),
    "activities:activity-detail": Entry(everyone(200), kwargs=lambda p: {"pk": make_activity(p.organisation).pk}),
    "activities:activity-edit": Entry(
        {**signed_in(403), "member": 200, "contact": 200, "project_team": 200, "administrator": 200},
        kwargs=lambda p: {"pk": make_activity(p.organisation).pk},
    ),
    "activities:progress-create": Entry(
        {**signed_in(403), "member": 400, "contact": 400, "project_team": 400, "administrator": 400},
        method="post",
        kwargs=lambda p: {"pk": make_activity(p.organisation).pk},
    ),
    # accountability: the project team's worklist and contact log
    "accountability:worklist": Entry({**signed_in(403), "project_team": 200, "administrator": 200}),
    "accountability:contact-log": Entry(
        {**signed_in(403), "project_team": 200, "administrator": 200}, kwargs=lambda p: {"slug": p.organisation.slug}
    ),
    # marketplace: for partners and the team; posting is on behalf of one's own organisation
    "marketplace:post-list": Entry({**signed_in(200), "coordinator": 403}),
    "marketplace:post-create": Entry({**signed_in(403), "member": 200, "contact": 200, "outsider": 200}),
    "marketplace:introduction-list": Entry({**signed_in(200), "coordinator": 403}),
    "marketplace:introduction-detail": Entry(
        {**signed_in(200), "coordinator": 403},
        kwargs=lambda p: {"pk": make_introduction(make_post(p.organisation), p.other_organisation).pk},
    ),
    "marketplace:digest-toggle": Entry({**signed_in(REDIRECT), "coordinator": 403}, method="post"),
    "marketplace:introduction-answer": Entry(everyone(404), kwargs=lambda p: {"token": "bestaat-niet"}),
    "marketplace:post-detail": Entry(
        {**signed_in(200), "coordinator": 403}, kwargs=lambda p: {"pk": make_post(p.organisation).pk}
    ),
    "marketplace:post-edit": Entry(
        {**signed_in(403), "member": 200, "contact": 200, "project_team": 200, "administrator": 200},
        kwargs=lambda p: {"pk": make_post(p.organisation).pk},
    ),
    "marketplace:post-close": Entry(
        {**signed_in(403), "member": 400, "contact": 400, "project_team": 400, "administrator": 400},
        method="post",
        kwargs=lambda p: {"pk": make_post(p.organisation).pk},
    ),
    "marketplace:introduce": Entry(
        {
            **signed_in(403),
            "member": REDIRECT,
            "contact": REDIRECT,
            "project_team": REDIRECT,
            "administrator": REDIRECT,
        },
        method="post",
        kwargs=lambda p: {"pk": make_post(p.organisation).pk},
    ),
    # sociale kaart: public
    "socialmap:find": Entry(everyone(200)),
    "socialmap:check": Entry(everyone(200)),
    "socialmap:service-detail": Entry(everyone(200), kwargs=lambda p: {"slug": make_service().slug}),
    "socialmap:report-error": Entry(
        everyone(REDIRECT),
        method="post",
        kwargs=lambda p: {"slug": make_service().slug},
        data={"message": "Klopt niet"},
    ),
    # keeping services: partners their own, coordinators in their area (none here), the team all
    "socialmap:manage": Entry(signed_in(200)),
    "socialmap:service-create": Entry(signed_in(200)),
    "socialmap:service-edit": Entry(
        {**signed_in(200), "outsider": 403, "coordinator": 403},
        kwargs=lambda p: {"slug": make_service(partner=p.organisation).slug},
    ),
    "socialmap:service-checked": Entry(
        {**signed_in(REDIRECT), "outsider": 403, "coordinator": 403},
        method="post",
        kwargs=lambda p: {"slug": make_service(partner=p.organisation).slug},
    ),
    "socialmap:report-handled": Entry(
        {**signed_in(REDIRECT), "outsider": 404, "coordinator": 404},
        method="post",
        kwargs=lambda p: {"pk": make_error_report(make_service(partner=p.organisation)).pk},
    ),
    "socialmap:hsds": Entry({**signed_in(403), "project_team": 200, "administrator": 200}),
    # monitor: partners answer for their own organisation; the team runs rounds and reads the results
    "monitoring:mine": Entry(signed_in(200)),
    "monitoring:answer": Entry(
        {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "member": 200, "contact": 200},
        kwargs=lambda p: {"token": make_invitation(make_round(), p.organisation).token},
    ),
    "monitoring:answers": Entry(
        {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "member": 200, "contact": 200},
        kwargs=_submitted_answers,
    ),
    "monitoring:round-list": Entry(TEAM_ONLY),
    "monitoring:round-create": Entry(TEAM_ONLY),
    "monitoring:round-detail": Entry(TEAM_ONLY, kwargs=lambda p: {"pk": make_round().pk}),
    "monitoring:round-results": Entry(TEAM_ONLY, kwargs=lambda p: {"pk": make_round().pk}),
    "monitoring:round-sources": Entry(
        TEAM_ONLY,
        kwargs=lambda p: {"pk": _round_with_question(p)[0]},
        query=lambda p: f"?vraag={_round_with_question(p)[1]}",
    ),
    "monitoring:round-coding": Entry(
        TEAM_ONLY, kwargs=lambda p: dict(zip(("pk", "question_pk"), _round_with_question(p), strict=True))
    ),
    "monitoring:round-export": Entry(
        {**TEAM_ACTION, "anonymous": LOGIN}, method="post", kwargs=lambda p: {"pk": make_round().pk, "fmt": "csv"}
    ),
    # Both first show who will be mailed (the POST that confirms is tested in test_rounds).
    "monitoring:round-open": Entry(TEAM_ONLY, kwargs=lambda p: {"pk": make_round(status="draft").pk}),
    "monitoring:round-remind": Entry(TEAM_ONLY, kwargs=lambda p: {"pk": make_round().pk}),
    "monitoring:round-close": Entry(TEAM_ACTION, method="post", kwargs=lambda p: {"pk": make_round().pk}),
    "monitoring:round-publish": Entry(
        TEAM_ACTION, method="post", kwargs=lambda p: {"pk": make_round().pk}, data={"publiceren": "1"}
    ),
    "monitoring:published": Entry(everyone(200)),
    "monitoring:public-results": Entry(
        everyone(200), kwargs=lambda p: {"pk": make_round(status="closed", results_published_at=timezone.now()).pk}
    ),
    "monitoring:questionnaire-create": Entry(TEAM_ONLY),
    "monitoring:questionnaire": Entry(TEAM_ONLY, kwargs=lambda p: {"pk": make_round().questionnaire_id}),
    "monitoring:section-add": Entry(
        TEAM_ACTION, method="post", kwargs=lambda p: {"pk": make_round().questionnaire_id}, data={"title": "Nieuw"}
    ),
    "monitoring:question-add": Entry(
        TEAM_ONLY,
        kwargs=lambda p: {"pk": _template().pk},
        query=lambda p: f"?onderdeel={_template().sections.order_by('position').first().pk}",
    ),
    "monitoring:question-edit": Entry(
        TEAM_ONLY, kwargs=lambda p: {"pk": _template().pk, "question_pk": _first_question().pk}
    ),
    "monitoring:question-move": Entry(
        TEAM_ACTION, method="post", kwargs=lambda p: {"pk": _template().pk, "question_pk": _first_question().pk}
    ),
    "monitoring:question-delete": Entry(
        TEAM_ACTION, method="post", kwargs=lambda p: {"pk": _template().pk, "question_pk": _last_question().pk}
    ),
    "monitoring:report": Entry(everyone(200), kwargs=lambda p: {"year": _published_report(p).year}),
    "monitoring:report-edit": Entry(TEAM_ONLY, kwargs=lambda p: {"year": 2026}),
    "monitoring:report-confirm": Entry(TEAM_ACTION, method="post", kwargs=lambda p: {"year": _draft_report(p).year}),
    # agenda: public events for everyone; organising for the team and the partners named as organisers
    "events:agenda": Entry(everyone(200)),
    "events:feed-ical": Entry(everyone(200)),
    "events:feed-atom": Entry(everyone(200)),
    "events:feed-kind": Entry(everyone(200), kwargs=lambda p: {"kind_slug": "kenniskringen"}),
    "events:feed-challenge": Entry(everyone(200), kwargs=lambda p: {"slug": "meedoen"}),
    "events:feed-personal": Entry(everyone(200), kwargs=_feed_token),
    "events:event-create": Entry(TEAM_ONLY),
    "events:series": Entry(everyone(200)),
    "events:my-registrations": Entry(signed_in(200)),
    "events:renew-feed": Entry(signed_in(REDIRECT), method="post"),
    "events:registration-manage": Entry(everyone(200), kwargs=_registration_token),
    "events:registration-confirm": Entry(everyone(200), kwargs=_registration_token),
    "events:event-ical": Entry(everyone(200), kwargs=lambda p: {"slug": _event(p).slug}),
    "events:event-detail": Entry(everyone(200), kwargs=lambda p: {"slug": _event(p).slug}),
    "events:event-register": Entry(
        {**signed_in(REDIRECT), "anonymous": 400}, method="post", kwargs=lambda p: {"slug": _event(p).slug}
    ),
    "events:event-edit": Entry(ORGANISER, kwargs=lambda p: {"slug": _event(p).slug}),
    "events:event-cancel": Entry(ORGANISER, kwargs=lambda p: {"slug": _event(p).slug}),
    "events:event-registrations": Entry(ORGANISER, kwargs=lambda p: {"slug": _event(p).slug}),
    "events:event-export": Entry(ORGANISER, kwargs=lambda p: {"slug": _event(p).slug, "fmt": "csv"}),
    "events:registration-cancel": Entry(
        ORGANISER_ACTION,
        method="post",
        kwargs=_event_registration,
    ),
    "events:checkin": Entry(ORGANISER, kwargs=lambda p: {"slug": _event(p).slug}),
    "events:checkin-toggle": Entry(
        ORGANISER_ACTION,
        method="post",
        kwargs=_event_registration,
    ),
    "events:checkin-scan": Entry(
        ORGANISER,
        kwargs=lambda p: {"slug": _event_registration(p)["slug"], "code": _last_code()},
    ),
    # kennisbank: published items for everyone; partners contribute; the team reviews, keeps consent and collections
    "knowledge:search": Entry(everyone(200)),
    "knowledge:item-create": Entry({**signed_in(200), "coordinator": 403}),
    "knowledge:review-list": Entry(TEAM_ONLY),
    "knowledge:my-contributions": Entry({**signed_in(200), "coordinator": 403}),
    "knowledge:collection-create": Entry(TEAM_ONLY),
    "knowledge:collection-detail": Entry(everyone(200), kwargs=lambda p: {"slug": _collection(p).slug}),
    "knowledge:collection-edit": Entry(TEAM_ONLY, kwargs=lambda p: {"slug": _collection(p).slug}),
    "knowledge:item-detail": Entry(everyone(200), kwargs=lambda p: {"slug": make_item().slug}),
    "knowledge:item-edit": Entry(AUTHORS, kwargs=lambda p: {"slug": _draft_of(p).slug}),
    "knowledge:item-status": Entry(
        {**AUTHORS, "member": REDIRECT, "contact": REDIRECT, "project_team": REDIRECT, "administrator": REDIRECT},
        method="post",
        kwargs=lambda p: {"slug": _draft_of(p).slug},
        data={"action": "indienen"},
    ),
    "knowledge:attachment-add": Entry(
        {**AUTHORS, "member": 400, "contact": 400, "project_team": 400, "administrator": 400},
        method="post",
        kwargs=lambda p: {"slug": _draft_of(p).slug},
    ),
    "knowledge:attachment-download": Entry(everyone(200), kwargs=_attachment),
    "knowledge:attachment-delete": Entry(
        {**signed_in(403), "project_team": REDIRECT, "administrator": REDIRECT}, method="post", kwargs=_attachment
    ),
    "knowledge:consent-record": Entry(
        {**signed_in(404), "project_team": 400, "administrator": 400},
        method="post",
        kwargs=lambda p: {"slug": _story(p).slug},
    ),
    "knowledge:consent-withdraw": Entry(
        {**signed_in(404), "project_team": 404, "administrator": 404},
        method="post",
        kwargs=lambda p: {"slug": _story(p).slug, "pk": 999999},
    ),
    "knowledge:event-report": Entry(ORGANISER, kwargs=lambda p: {"slug": _past_event(p).slug}),
    # api: session cookies are no API credentials, so /mij answers 401 to everyone here (tokens: test_api)
    "api:api-root": Entry(everyone(404)),
    "api:openapi-json": Entry(everyone(200)),
    "api:list_challenges": Entry(everyone(200)),
    "api:get_challenge": Entry(everyone(200), kwargs=lambda p: {"slug": "meedoen"}),
    "api:list_change_lines": Entry(everyone(200)),
    "api:list_sectors": Entry(everyone(200)),
    "api:list_scopes": Entry(everyone(200)),
    "api:list_provinces": Entry(everyone(200)),
    "api:get_province": Entry(everyone(200), kwargs=lambda p: {"code": "PV27"}),
    "api:list_municipalities": Entry(everyone(200)),
    "api:get_municipality": Entry(everyone(200), kwargs=lambda p: {"code": "GM0363"}),
    "api:me": Entry(everyone(401)),
    "api:list_organisations": Entry(everyone(200)),
    "api:get_organisation": Entry(everyone(200), kwargs=lambda p: {"slug": p.organisation.slug}),
    "api:update_organisation": Entry(everyone(401), method="patch", kwargs=lambda p: {"slug": p.organisation.slug}),
    "api:list_activities": Entry(everyone(200)),
    "api:get_activity": Entry(everyone(200), kwargs=lambda p: {"activity_id": make_activity(p.organisation).pk}),
    "api:update_activity": Entry(
        everyone(401), method="patch", kwargs=lambda p: {"activity_id": make_activity(p.organisation).pk}
    ),
    "api:list_posts": Entry(everyone(401)),
    "api:create_post": Entry(everyone(401), method="post"),
    "api:get_post": Entry(everyone(401), kwargs=lambda p: {"post_id": make_post(p.organisation).pk}),
    "api:update_post": Entry(everyone(401), method="patch", kwargs=lambda p: {"post_id": make_post(p.organisation).pk}),
    "api:get_suggestions": Entry(everyone(401), kwargs=lambda p: {"post_id": make_post(p.organisation).pk}),
    "api:list_introductions": Entry(everyone(401)),
    "api:list_rounds": Entry(everyone(200)),
    "api:get_round": Entry(everyone(200), kwargs=lambda p: {"round_id": make_round().pk}),
    "api:list_questions": Entry(everyone(200), kwargs=lambda p: {"round_id": make_round().pk}),
    "api:get_results": Entry(
        everyone(200),
        kwargs=lambda p: {"round_id": make_round(status="closed", results_published_at=timezone.now()).pk},
    ),
    "api:own_answers": Entry(everyone(401), kwargs=lambda p: {"round_id": make_round().pk}, query="?organisatie=x"),
    # the sociale kaart as HSDS: public, like the map itself
    "api:hsds_root": Entry(everyone(200)),
    "api:hsds_services": Entry(everyone(200)),
    "api:hsds_service": Entry(everyone(200), kwargs=lambda p: {"service_id": make_service().hsds_id}),
    "api:hsds_organizations": Entry(everyone(200)),
    "api:hsds_organization": Entry(
        everyone(200), kwargs=lambda p: {"organization_id": make_service().provider.hsds_id}
    ),
    "api:hsds_locations": Entry(everyone(200)),
    "api:hsds_location": Entry(everyone(200), kwargs=lambda p: {"location_id": make_location(make_service()).hsds_id}),
    # backoffice: the platform's workings are for the team; a job's page for the one who started it and the team
    "backoffice:overview": Entry(TEAM_ONLY),
    "backoffice:outbox": Entry(TEAM_ONLY),
    "backoffice:audit-log": Entry(TEAM_ONLY),
    "backoffice:data-requests": Entry(TEAM_ONLY),
    "backoffice:data-request-export": Entry(TEAM_ACTION, method="post"),
    "backoffice:data-request-erase": Entry(TEAM_ACTION, method="post"),
    "backoffice:audit-export": Entry(TEAM_ACTION, method="post"),
    "backoffice:outbox-retry": Entry(
        {**signed_in(404), "project_team": REDIRECT, "administrator": REDIRECT},
        method="post",
        kwargs=lambda p: {"pk": _failed_mail().pk},
    ),
    "backoffice:job-detail": Entry(
        {**signed_in(404), "member": 200, "project_team": 200, "administrator": 200}, kwargs=lambda p: _member_job(p)
    ),
    "backoffice:job-status": Entry(
        {**signed_in(404), "member": 200, "project_team": 200, "administrator": 200}, kwargs=lambda p: _member_job(p)
    ),
    "backoffice:job-download": Entry(
        {**signed_in(404), "member": 200, "project_team": 200, "administrator": 200},
        kwargs=lambda p: _member_job(p, with_file=True),
    ),
    # the agenda and the kennisbank: public reads
    "api:list_events": Entry(everyone(200)),
    "api:event_figures": Entry(everyone(200)),
    "api:get_event": Entry(everyone(200), kwargs=lambda p: {"slug": _event(p).slug}),
    "api:list_items": Entry(everyone(200)),
    "api:get_item": Entry(everyone(200), kwargs=lambda p: {"slug": make_item().slug}),
    # the admin's own login page sends everyone to the site's login (throttled, second factor), which sends
    # whoever is logged in on to `next` (the admin: 403 for all but administrators, see below)
    "admin-login": Entry(everyone(LOGIN)),
}

# Namespaces checked as a whole: every admin URL sends anonymous visitors to the login page, and answers 403 to
# everyone else who is logged in but no administrator.
NAMESPACE_RULES = {"admin"}
ADMIN_QUERY = {"admin:autocomplete": "?app_label=partners&model_name=organisation&field_name=municipality"}
ADMIN_KWARGS = {
    "app_label": "core",
    "object_id": "1",
    "pk": "1",
    "content_type_id": "1",
    "url": "x",
    "id": "1",
}


def url_patterns(resolver: URLResolver, namespace: str = "", prefix: str = "") -> list[tuple[str, URLPattern]]:
    """Every (full name, pattern) below a resolver; unnamed patterns get their route as name."""
    found = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            found += url_patterns(pattern, inner or namespace, prefix + str(pattern.pattern))
        else:
            name = pattern.name or f"<unnamed {prefix}{pattern.pattern}>"
            found.append((f"{namespace}:{name}" if namespace else name, pattern))
    return found


def unguarded_url_names(resolver: URLResolver) -> list[str]:
    """Names of URL patterns that the matrix does not cover."""
    return sorted(
        name
        for name, _pattern in url_patterns(resolver)
        if name not in MATRIX and name.split(":")[0] not in NAMESPACE_RULES
    )


def classify(response) -> int | str:
    if response.status_code in (301, 302):
        return LOGIN if response["Location"].startswith("/account/inloggen/") else REDIRECT
    return response.status_code


@pytest.mark.smoke
def test_every_url_pattern_has_a_matrix_entry():
    assert unguarded_url_names(get_resolver()) == []


@pytest.mark.smoke
def test_a_page_added_without_a_matrix_entry_fails_the_matrix():
    import types

    from alliantie import urls

    module = types.ModuleType("urls_with_a_new_page")
    module.urlpatterns = [*urls.urlpatterns, path("nieuw/", lambda request: None, name="new-page")]
    assert unguarded_url_names(get_resolver(module)) == ["new-page"]


@pytest.mark.smoke
def test_the_matrix_has_no_entry_for_a_url_that_no_longer_exists():
    names = {name for name, _ in url_patterns(get_resolver())}
    assert sorted(set(MATRIX) - names) == []


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_expected_answer(name, personas):
    from django.urls import reverse

    entry = MATRIX[name]
    kwargs = entry.kwargs(personas)
    url = reverse(name, kwargs=kwargs) + (entry.query(personas) if callable(entry.query) else entry.query)
    for role in ROLES:
        client = personas.client(role)
        with transaction.atomic():  # each role meets the same data, whatever the role before it changed
            response = getattr(client, entry.method)(url, entry.data)
            transaction.set_rollback(True)
        assert classify(response) == entry.expect[role], f"{name} as {role}: {response.status_code}"


def test_only_verified_administrators_reach_any_admin_page(personas):
    from django.urls import reverse

    admin_patterns = [(n, p) for n, p in url_patterns(get_resolver()) if n.startswith("admin:")]
    assert len(admin_patterns) > 20
    clients = {role: personas.client(role) for role in ROLES}
    for name, pattern in admin_patterns:
        if name.startswith("admin:<unnamed "):  # the admin's own redirects, e.g. <path:object_id>/
            route = name.removeprefix("admin:<unnamed ").removesuffix(">")
            url = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: ADMIN_KWARGS[m.group(1)], route)
        else:
            names = getattr(pattern.pattern, "converters", None) or pattern.pattern.regex.groupindex
            url = reverse(name, kwargs={key: ADMIN_KWARGS[key] for key in names}) + ADMIN_QUERY.get(name, "")
        for role in ROLES:
            answer = classify(clients[role].get(url))
            if role == "administrator":
                # 403 is right where a model forbids adding (the 3V lines, scopes, audit log, tokens)
                assert answer in (200, 403, 404, 405, LOGIN, REDIRECT), f"{name} as administrator: {answer}"
            elif role == "anonymous" or name == "admin:login":  # /beheer/login/ is "admin-login", see MATRIX
                assert answer in (LOGIN, REDIRECT), f"{name} as {role}: {answer}"
            else:
                # the site's 403 page: sending a logged-in person to the login page looped back here
                assert answer == 403, f"{name} as {role}: {answer}"
    assert clients["administrator"].get(reverse("admin:index")).status_code == 200
    assert clients["administrator"].get(reverse("admin:core_municipality_changelist")).status_code == 200
