"""Who may do what with the monitor. The only place that decides it for this app.

The project team builds questionnaires, runs rounds, reads every answer and prepares the report. A partner's
people answer for their own organisation only and see their own answers. Everyone sees published summaries
and the published progress report."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from alliantie.accounts.permissions import is_project_team
from alliantie.core import tokens
from alliantie.monitoring.models import Invitation, MonitorRound, Question, Questionnaire, Report
from alliantie.partners.models import Membership, Organisation

PARTNER = [Organisation.Status.ACTIVE, Organisation.Status.DORMANT]


def can_run_monitor(user) -> bool:
    """The project team runs the monitor: questionnaires, rounds, results and the report."""
    return is_project_team(user)


def _team_only(user) -> None:
    if not can_run_monitor(user):
        raise PermissionDenied


def get_round_for_team(user, pk: int) -> MonitorRound:
    """A round for the team (403 for others, 404 when unknown)."""
    _team_only(user)
    monitor_round = MonitorRound.objects.select_related("questionnaire").filter(pk=pk).first()
    if monitor_round is None:
        raise Http404
    return monitor_round


def get_questionnaire_for_team(user, pk: int) -> Questionnaire:
    """A questionnaire for the team (403 for others, 404 when unknown)."""
    _team_only(user)
    questionnaire = Questionnaire.objects.filter(pk=pk).first()
    if questionnaire is None:
        raise Http404
    return questionnaire


def get_question_for_team(user, pk: int) -> Question:
    """A question for the team (403 for others, 404 when unknown)."""
    _team_only(user)
    question = Question.objects.select_related("section__questionnaire").filter(pk=pk).first()
    if question is None:
        raise Http404
    return question


def own_invitations(user):
    """The invitations of the organisations the user belongs to."""
    if not user.is_authenticated:
        return Invitation.objects.none()
    own = Membership.objects.filter(user=user, organisation__status__in=PARTNER).values("organisation_id")
    return Invitation.objects.filter(organisation_id__in=own)


def get_invitation_for_user(user, token: str) -> Invitation:
    """The personal link works for the people of that organisation (404 for anyone else: the link is no key)."""
    pk = tokens.read(Invitation.LINK_PURPOSE, token)
    invitation = (
        own_invitations(user).select_related("round__questionnaire", "organisation").filter(pk=pk).first()
        if pk is not None
        else None
    )
    if invitation is None:
        raise Http404
    return invitation


def get_published_round(pk: int) -> MonitorRound:
    """A round whose results are published, for everyone (404 otherwise)."""
    monitor_round = MonitorRound.objects.filter(pk=pk, results_published_at__isnull=False).first()
    if monitor_round is None:
        raise Http404
    return monitor_round


def get_report_to_edit(user, year: int) -> Report | None:
    """The team edits the report of a year (None when it has none yet); 403 for everyone else."""
    if not can_run_monitor(user) or not 2019 <= year <= 2100:
        raise PermissionDenied
    return Report.objects.filter(year=year).first()


def visible_rounds(user):
    """Rounds anyone may see (through the API): every round that was opened; drafts only for the team."""
    rounds = MonitorRound.objects.all()
    return rounds if can_run_monitor(user) else rounds.exclude(status=MonitorRound.Status.DRAFT)


def get_visible_round(user, pk: int) -> MonitorRound:
    """A round the user may see the results of (404 otherwise)."""
    found = visible_rounds(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def get_report_for_user(user, year: int) -> Report:
    """A published report is public; a draft only for the team."""
    report = Report.objects.select_related("prepared_by", "confirmed_by", "round").filter(year=year).first()
    if report is None or (report.published_at is None and not can_run_monitor(user)):
        raise Http404
    return report
