"""Data versions: every way partner data changes (services, the admin, bulk work) gives cached pages a new version
at once, on every app server, because the counter changes in the same transaction as the data."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alliantie.core import versions
from alliantie.core.models import Sector
from alliantie.core.tests.factories import make_activity, make_organisation

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_a_bump_raises_only_its_own_version_and_unknown_data_is_zero():
    assert versions.current("a", "b") == (0, 0)
    versions.bump("a")
    versions.bump("a", "b")
    assert versions.current("b", "a", "c") == (1, 2, 0)


def test_a_bump_rolled_back_with_its_change_leaves_the_version():
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        versions.bump("x")
        raise RuntimeError
    assert versions.current("x") == (0,)


def _bumped(change) -> bool:
    before = versions.current(versions.PARTNERS)[0]
    change()
    return versions.current(versions.PARTNERS)[0] > before


def test_every_service_that_changes_partners_or_activities_bumps_the_partner_version(personas):
    from alliantie.activities import services as activities
    from alliantie.partners import services as partners

    team = personas.users["project_team"]
    organisation = personas.organisation
    activity = make_activity(organisation)
    changes = {
        "update_profile": lambda: partners.update_profile(
            organisation=organisation, changed_by=team, description="Nieuw."
        ),
        "change_status": lambda: partners.change_status(
            organisation=organisation,
            status="dormant",
            since=timezone.localdate(),
            reason="Even stil.",
            changed_by=team,
        ),
        "save_activity": lambda: activities.save_activity(
            organisation=organisation,
            saved_by=team,
            activity=activity,
            title="Ander ontbijt",
            challenges=[],
            municipalities=[],
            co_partners=[],
        ),
        "add_progress_update": lambda: activities.add_progress_update(
            activity=activity,
            reported_by=team,
            reported_on=timezone.localdate(),
            children_reached=4,
            families_reached=None,
            note="Loopt goed.",
        ),
        "update_activity_fields": lambda: activities.update_activity_fields(
            activity=activity, changed_by=team, ends_on=timezone.localdate() + timedelta(days=9)
        ),
        "recompute_last_reported": lambda: activities.recompute_last_reported(),
    }
    missing = [name for name, change in changes.items() if not _bumped(change)]
    assert missing == []


def test_an_administrator_deleting_a_partner_or_renaming_a_sector_shows_in_the_cached_directory(personas):
    gone = make_organisation(name="Verdwijnt Straks")
    visitor = personas.client("anonymous")
    assert "Verdwijnt Straks" in visitor.get(reverse("partners:directory")).content.decode()  # now cached
    admin = personas.client("administrator")
    response = admin.post(reverse("admin:partners_organisation_delete", args=[gone.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert "Verdwijnt Straks" not in visitor.get(reverse("partners:directory")).content.decode()

    sector = Sector.objects.get(slug="maatschappelijke-organisatie")
    assert "Maatschappelijke Sleutel" not in visitor.get(reverse("partners:directory")).content.decode()
    change = reverse("admin:core_sector_change", args=[sector.pk])
    admin.post(change, {"slug": sector.slug, "name": "Maatschappelijke Sleutel", "order": sector.order})
    assert "Maatschappelijke Sleutel" in visitor.get(reverse("partners:directory")).content.decode()


def test_an_administrator_deleting_partners_in_bulk_bumps_once(personas):
    ids = [make_organisation(name=f"Bulk {n}").pk for n in range(3)]
    before = versions.current(versions.PARTNERS)[0]
    admin = personas.client("administrator")
    admin.post(
        reverse("admin:partners_organisation_changelist"),
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert versions.current(versions.PARTNERS)[0] == before + 1
