"""Django's admin (/beheer/) is for administrators who passed the second factor. Anyone else who is logged in
gets the site's 403 page at once: the admin used to send them to its login page, which sent a logged-in person
back to the admin, thirty times over."""

import pytest
from django.urls import reverse

from alliantie.activities.models import Activity
from alliantie.conftest import ROLES
from alliantie.core.tests.factories import make_activity

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["/beheer/", "/beheer/partners/organisation/", "/beheer/core/municipality/1/change/", "/beheer/x"]


@pytest.mark.parametrize("role", [role for role in ROLES if role not in ("anonymous", "administrator")])
def test_a_logged_in_person_who_is_no_administrator_gets_the_sites_403_page(personas, role):
    client = personas.client(role)
    for url in ADMIN_PAGES:
        response = client.get(url, follow=True)
        assert response.redirect_chain == [], (url, response.redirect_chain[:3])
        assert response.status_code == 403
        html = response.content.decode()
        assert '<html lang="nl">' in html  # the site's own page, not the admin's
        assert "Het beheer is alleen voor beheerders" in html
        assert "Django" not in html


def test_a_partner_member_who_follows_the_admins_login_link_is_not_sent_in_circles(personas):
    response = personas.client("member").get("/beheer/login/?next=/beheer/", follow=True)
    assert len(response.redirect_chain) <= 2
    assert response.status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_sites_login_and_an_administrator_gets_in(personas, client):
    response = client.get("/beheer/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert response.status_code == 200
    assert personas.client("administrator").get("/beheer/").status_code == 200


def test_other_forbidden_pages_keep_their_own_explanation(personas):
    response = personas.client("member").get(reverse("partners:application-list"))
    assert response.status_code == 403
    assert "U kunt deze gegevens bekijken, maar niet veranderen" in response.content.decode()


def test_deeply_nested_json_in_an_admin_form_is_a_dutch_error_at_the_field(personas):
    activity = make_activity(personas.organisation)
    client = personas.client("administrator")
    url = f"/beheer/activities/activity/{activity.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {key: "" if value is None else value for key, value in form.initial.items()}
    for nested in ["[" * 100_000 + "]" * 100_000, "[" * 40 + "]" * 40]:
        response = client.post(url, {**data, "target_groups": nested})
        assert response.status_code == 200  # the form again, with the error
        errors = response.context["adminform"].form.errors
        assert "dieper genest dan 32 niveaus" in errors["target_groups"][0]
    assert Activity.objects.get(pk=activity.pk).target_groups == ["children_4_12"]
