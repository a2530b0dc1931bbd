"""Who may see the platform's own workings: the outbox, the periodic jobs and the background jobs. The only place
that decides it for this app."""

from django.http import Http404

from alliantie.accounts.permissions import is_project_team
from alliantie.core.models import BackgroundJob, OutboxMessage


def can_see_platform(user) -> bool:
    """The project team (and administrators) watch the outbox and the jobs."""
    return is_project_team(user)


def can_erase_person(actor, person) -> bool:
    """The team answers erasure requests; an administrator's account only an administrator erases, and nobody
    erases themselves here (their own account page does that)."""
    if not can_see_platform(actor) or person is None:
        return can_see_platform(actor)
    if person.pk == actor.pk:
        return False
    return not person.is_superuser or actor.is_superuser


def get_message_for_user(user, pk: int) -> OutboxMessage:
    """An outbox message, for the team only (it holds other people's addresses): 404 for everyone else."""
    message = OutboxMessage.objects.filter(pk=pk).first() if can_see_platform(user) else None
    if message is None:
        raise Http404
    return message


def visible_jobs(user):
    """Background jobs a person may follow: their own; the team sees all."""
    if not user.is_authenticated:
        return BackgroundJob.objects.none()
    if can_see_platform(user):
        return BackgroundJob.objects.all()
    return BackgroundJob.objects.filter(created_by=user)


def get_job_for_user(user, job_id) -> BackgroundJob:
    """A job of one's own (or any, for the team); 404 otherwise, also for an id that is not a UUID."""
    job = visible_jobs(user).select_related("created_by").filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job
