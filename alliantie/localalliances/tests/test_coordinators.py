"""The team names coordinators: someone with an account coordinates at once and gets the coordinator role (with its
second factor); someone without gets a link to make the account and then sets up the second factor. Stopping with the
last alliance takes the role away. Coordinators do not name coordinators."""

import re

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from alliantie.accounts.models import User
from alliantie.core.tests.factories import make_user
from alliantie.localalliances.models import Coordinator, CoordinatorInvitation

pytestmark = pytest.mark.django_db


def url(alliance) -> str:
    return reverse("localalliances:coordinators", args=[alliance.slug])


def test_someone_with_an_account_coordinates_at_once_and_gets_the_role(personas, mailbox):
    person = make_user(email="fatima@example.org", name="Fatima Coördinator")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = personas.client("project_team").post(url(personas.alliance), {"email": "Fatima@example.org"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.team_role == "coordinator"
    assert Coordinator.objects.filter(alliance=personas.alliance, user=person).exists()
    assert mailbox.messages[-1]["Subject"].strip() == "U bent coördinator van Lokale alliantie Testdorp"


def test_someone_without_an_account_makes_one_and_is_asked_for_the_second_factor(personas, mailbox):
    with TestCase.captureOnCommitCallbacks(execute=True):
        personas.client("project_team").post(
            url(personas.alliance), {"email": "nieuw@example.org", "name": "Nina Nieuw"}
        )
    link = re.search(r"http://\S+/lokale-allianties/coordinator/\S+/", mailbox.body()).group(0)
    visitor = Client()
    page = visitor.get(link)
    assert page.status_code == 200 and "Nina Nieuw" in page.content.decode()
    weak = visitor.post(link, {"name": "Nina Nieuw", "password1": "kort", "password2": "kort"})
    assert weak.status_code == 400 and not User.objects.filter(email="nieuw@example.org").exists()
    done = visitor.post(
        link, {"name": "Nina Nieuw", "password1": "een lange eigen zin", "password2": "een lange eigen zin"}
    )
    assert done["Location"] == reverse("localalliances:coordinator-home")
    person = User.objects.get(email="nieuw@example.org")
    assert person.team_role == "coordinator" and person.coordinated_alliances.get() == personas.alliance
    start = visitor.get(reverse("localalliances:coordinator-home"))
    assert start["Location"].startswith(reverse("accounts:two-factor-setup"))  # the role needs a second factor
    assert "al gebruikt of verlopen" in Client().get(link).content.decode()


def test_the_link_is_only_for_the_address_it_was_sent_to(personas):
    from alliantie.core import tokens

    invitation = CoordinatorInvitation.objects.create(
        alliance=personas.alliance,
        name="Nina",
        email="nina@example.org",
        expires_at=personas.alliance.created_at.replace(year=2999),
    )
    link = reverse(
        "localalliances:coordinator-accept", args=[tokens.make(CoordinatorInvitation.LINK_PURPOSE, invitation.pk)]
    )
    assert personas.client("member").get(link).status_code == 404
    assert Client().get(link).status_code == 200
    forged = reverse("localalliances:coordinator-accept", args=[f"{invitation.pk}-{'0' * 32}"])
    assert Client().get(forged).status_code == 404


def test_stopping_with_the_last_alliance_takes_the_role_away(personas):
    coordinator = personas.users["coordinator"]
    role = personas.alliance.coordinator_roles.get()
    remove = reverse("localalliances:coordinator-remove", args=[personas.alliance.slug, role.pk])
    assert personas.client("coordinator").post(remove).status_code == 403  # only the team
    personas.client("project_team").post(remove)
    coordinator.refresh_from_db()
    assert coordinator.team_role == "" and not coordinator.coordinated_alliances.exists()


def test_naming_the_same_coordinator_twice_says_so(personas):
    response = personas.client("project_team").post(url(personas.alliance), {"email": "coordinator@example.org"})
    assert response.status_code == 400 and "coördineert deze alliantie al" in response.content.decode()


@pytest.mark.parametrize("role", ["coordinator", "other_coordinator", "contact"])
def test_only_the_team_names_coordinators(personas, role):
    response = personas.client(role).post(url(personas.alliance), {"email": "x@example.org", "name": "X"})
    assert response.status_code == 403 and not CoordinatorInvitation.objects.exists()


def test_the_page_takes_get_and_post_only(personas):
    assert personas.client("project_team").put(url(personas.alliance)).status_code == 405
