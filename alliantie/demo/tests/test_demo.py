import pytest
from django.core.management import call_command
from django.utils import timezone

from alliantie.accounts.models import User
from alliantie.core.models import SearchDocument
from alliantie.demo.builders import DEMO_LOGINS, build_demo
from alliantie.demo.seed_organisations import SEED_ORGANISATIONS
from alliantie.events.models import Event
from alliantie.knowledge.models import Collection, Item
from alliantie.monitoring.models import MonitorRound
from alliantie.partners.models import Membership, Organisation, Pledge
from alliantie.socialmap.models import Provider

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_scale_one_builds_about_350_organisations_across_every_sector_and_scope():
    summary = build_demo(scale=1, seed=7)
    assert summary.organisations == 350
    assert Organisation.objects.values("sector").distinct().count() == 16
    assert Organisation.objects.values("scope").distinct().count() == 3
    assert Organisation.objects.values("municipality").distinct().count() > 100
    assert Organisation.objects.filter(sector__slug="gemeente").count() > 40
    assert Organisation.objects.partners().count() > 300


def test_the_organisations_of_the_alliances_documents_appear_with_their_pledges():
    build_demo(scale=1, seed=7)
    for name, *_rest, pledge in SEED_ORGANISATIONS:
        assert Organisation.objects.get(name=name).description == pledge
    zoetermeer = Organisation.objects.get(name="Gemeente Zoetermeer")
    assert "schoolontbijt" in zoetermeer.description


def test_the_same_seed_builds_the_same_alliance():
    build_demo(scale=1, seed=11)
    first = list(
        Organisation.objects.order_by("slug").values_list("slug", "sector__slug", "municipality__code", "joined_on")
    )
    Pledge.objects.all().delete()  # signed pledges protect their organisation
    Organisation.objects.all().delete()
    User.objects.all().delete()
    Provider.objects.all().delete()  # the sociale kaart's national providers belong to no partner
    MonitorRound.objects.all().delete()
    for model in (Event, Item, Collection, SearchDocument):  # the agenda and kennisbank belong to no partner either
        model.objects.all().delete()
    build_demo(scale=1, seed=11)
    second = list(
        Organisation.objects.order_by("slug").values_list("slug", "sector__slug", "municipality__code", "joined_on")
    )
    assert first == second


def test_every_person_is_fictional_with_an_example_org_address_and_every_role_exists():
    build_demo(scale=1, seed=7)
    assert not User.objects.exclude(email__endswith="@example.org").exists()
    assert Membership.objects.filter(role="contact").count() >= 340
    for login in DEMO_LOGINS:
        user = User.objects.get(email=login.email)
        assert user.team_role == login.team_role and user.is_superuser == login.superuser
        assert user.totpdevice_set.filter(confirmed=True).exists() == login.needs_two_factor
    assert Membership.objects.filter(user__email="contactpersoon@example.org").count() == 2


def test_regional_organisations_work_in_several_municipalities_of_their_province_and_national_ones_everywhere():
    build_demo(scale=1, seed=7)
    for organisation in Organisation.objects.filter(scope__code="regional").prefetch_related(
        "area_municipalities", "area_provinces"
    ):
        municipalities = list(organisation.area_municipalities.all())
        provinces = list(organisation.area_provinces.all())
        assert municipalities or provinces
        assert all(m.province_id == organisation.municipality.province_id for m in municipalities)
    national = Organisation.objects.filter(scope__code="national").first()
    assert not national.area_municipalities.exists() and not national.area_provinces.exists()


def test_the_command_loads_once_and_keeps_what_users_changed(capsys):
    call_command("demo", "--if-empty", "--seed", "3")
    organisation = Organisation.objects.get(name="Gemeente Zoetermeer")
    organisation.description = "Door een gebruiker aangepast."
    organisation.save()
    call_command("demo", "--if-empty", "--seed", "3")
    organisation.refresh_from_db()
    assert organisation.description == "Door een gebruiker aangepast."
    assert Organisation.objects.count() == 350
    out = capsys.readouterr().out
    assert "projectteam@example.org" in out and "tweestaps-sleutel" in out and "Kinderarmoede-2030" in out


def test_the_command_refuses_a_second_load_without_if_empty():
    from django.core.management.base import CommandError

    call_command("demo")
    with pytest.raises(CommandError, match="bevat al organisaties"):
        call_command("demo")


def test_scale_three_builds_three_times_as_much():
    assert build_demo(scale=3, seed=7).organisations == 1050
    assert Organisation.objects.values("slug").distinct().count() == 1050


def test_every_partner_has_signed_the_pledge_and_some_applications_wait_for_the_team():
    build_demo(scale=1, seed=7)
    partners = Organisation.objects.exclude(status=Organisation.Status.APPLIED)
    assert partners.filter(pledge__isnull=True).count() == 0
    applied = Organisation.objects.filter(status=Organisation.Status.APPLIED)
    assert applied.exists()
    pledge = Pledge.objects.select_related("organisation", "signed_by").get(organisation__name="Gemeente Zoetermeer")
    assert pledge.signed_at.date().isoformat() == "2019-03-26"
    assert pledge.signed_by.memberships.get(organisation=pledge.organisation).role == "contact"


def test_partners_have_tagged_activities_with_progress_and_the_seed_examples():
    from alliantie.activities.models import Activity, ProgressUpdate

    summary = build_demo(scale=1, seed=7)
    assert summary.activities > 350
    assert not Activity.objects.filter(organisation__status="applied").exists()
    assert not Activity.objects.filter(challenges=None).exists()
    assert Activity.objects.values("change_line").distinct().count() == 3
    assert Activity.objects.values("involvement").distinct().count() == 3
    assert ProgressUpdate.objects.count() > 200
    breakfast = Activity.objects.get(organisation__name="Gemeente Zoetermeer")
    assert breakfast.title == "Gezond schoolontbijt"
    assert {c.slug for c in breakfast.challenges.all()} == {"een-gezonde-dag", "meedoen"}
    assert [m.code for m in breakfast.municipalities.all()] == ["GM0637"]


def test_the_agenda_has_the_real_series_and_the_kennisbank_at_least_sixty_items():
    from alliantie.events.models import Registration

    build_demo(scale=1, seed=7)
    circles = Event.objects.filter(kind="kenniskring").exclude(series_number=None)
    assert list(circles.order_by("series_number").values_list("series_number", flat=True)[:10]) == list(range(1, 11))
    held = circles.filter(series_number__lte=10)
    assert Item.objects.filter(kind="verslag", event__in=held).count() == 10
    assert circles.filter(series_number__gt=10, starts_at__gt=timezone.now()).exists()
    assert Event.objects.filter(kind="publieksacademie").values("municipality__province").distinct().count() >= 5
    assert Event.objects.filter(kind="leernetwerk").count() >= 8
    assert Item.objects.filter(status="published").count() >= 60
    for title in ("Gezond opvoeden in krappe tijden", "Gezond schoolontbijt in Zoetermeer"):
        assert Item.objects.filter(title=title).exists()
    assert not Item.objects.filter(kind="ervaringsverhaal").exclude(consents__isnull=False).exists()
    assert Collection.objects.get(slug="handreikingen-omgaan-met-armoede").entries.count() == 3
    assert Registration.objects.filter(attended_at__isnull=False).exists()
    assert not Registration.objects.exclude(email__endswith="@example.org").exists()
    assert SearchDocument.objects.count() == Event.objects.count() + Item.objects.count()


def test_every_demo_post_fits_the_organisation_that_makes_it():
    """A bakery offers bread for a school breakfast, not swimming lessons; Divosa does not run a toy shop."""
    from alliantie.demo.post_catalogue import kind_of, templates_for
    from alliantie.marketplace.models import Post

    build_demo(scale=1, seed=7)
    posts = list(Post.objects.select_related("organisation__sector", "organisation__municipality__province"))
    assert len(posts) > 300
    for post in posts:
        organisation = post.organisation
        municipality = organisation.municipality
        words = {"m": municipality.short_name, "province": municipality.province.name}
        plausible = {
            (kind, title.format(**words))
            for kind, title, *_rest in templates_for(kind_of(organisation.name, organisation.sector.slug))
        }
        assert (post.kind, post.title) in plausible, (organisation.name, post.title)
    bakeries = [p.title for p in posts if p.organisation.name.startswith("Bakkerij") and p.kind == "offer"]
    assert bakeries and not any("zwem" in title.lower() for title in bakeries)
    assert not any("speelgoed" in p.title.lower() for p in posts if p.organisation.name == "Divosa")
    with_opgaven = Post.objects.filter(challenges__isnull=False).distinct().count()
    assert with_opgaven == len(posts)  # the demo states each post's opgave, so a suggestion may name it


def test_every_demo_activity_fits_the_organisation_that_runs_it():
    from alliantie.activities.models import Activity
    from alliantie.demo.activity_templates import BY_SECTOR, SEED_ACTIVITIES
    from alliantie.demo.post_catalogue import activities_for, kind_of

    build_demo(scale=1, seed=5)
    for activity in Activity.objects.select_related("organisation__sector", "organisation__municipality__province"):
        organisation = activity.organisation
        if organisation.name in SEED_ACTIVITIES:
            continue
        place = organisation.municipality
        words = {"m": place.short_name, "province": place.province.name}
        kind = kind_of(organisation.name, organisation.sector.slug)
        fitting = [row[0] for row in activities_for(kind, BY_SECTOR[organisation.sector.slug], words)]
        assert activity.title in fitting, (organisation.name, activity.title)
    divosa = Activity.objects.filter(organisation__name="Divosa").values_list("title", flat=True)
    assert divosa and "Speelgoed en kleding" not in divosa
