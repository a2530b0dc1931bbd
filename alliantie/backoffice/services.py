"""Writes of the platform pages: starting the audit export."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from alliantie.accounts import services as accounts
from alliantie.accounts.models import User
from alliantie.backoffice import permissions
from alliantie.core import audit, jobs, privacy


def start_audit_export(*, filters: dict, started_by):
    """The filtered audit log as CSV, made in the background."""
    params = {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in filters.items()}
    return jobs.start(
        kind="audit-export",
        title=_("Export van het auditlog"),
        handler="alliantie.backoffice.jobs.export_audit_log",
        created_by=started_by,
        params=params,
    )


def person_with_address(email: str) -> User | None:
    """The account with this e-mail address (any case), if there is one."""
    return User.objects.filter(email__iexact=email.strip()).first()


def export_on_request(*, email: str, exported_by: User) -> privacy.PersonalData:
    """The data of a person who asked by e-mail (with or without an account); the export is audited."""
    person = person_with_address(email)
    if person is not None:
        return accounts.export_personal_data(user=person, exported_by=exported_by)
    found = privacy.address_data(email)
    audit.record(actor=exported_by, action="person.exported", target=exported_by, without_account=True)
    return found


@transaction.atomic
def erase_on_request(*, email: str, erased_by: User) -> None:
    """Erase a person who asked by e-mail: their account as they could themselves, or, without an account, every
    mention of the address. Audited without the address."""
    person = person_with_address(email)
    if not permissions.can_erase_person(erased_by, person):
        raise PermissionDenied
    if person is not None:
        accounts.erase_person(user=person, erased_by=erased_by)
    else:
        privacy.erase_address(email)
        audit.record(actor=erased_by, action="person.erased", target=erased_by, without_account=True)
