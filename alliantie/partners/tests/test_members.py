import pytest
from django.urls import reverse

from alliantie.core.tests.factories import make_membership, make_user
from alliantie.partners.models import Membership

pytestmark = pytest.mark.django_db


def member_url(personas, name, role="member"):
    membership = personas.users[role].memberships.get(organisation=personas.organisation)
    return reverse(f"partners:{name}", kwargs={"slug": personas.organisation.slug, "membership_id": membership.pk})


def test_the_contact_removes_a_colleague_who_left(personas):
    response = personas.client("contact").post(member_url(personas, "member-remove"))
    assert response["Location"] == personas.organisation.get_absolute_url()
    assert not personas.users["member"].memberships.exists()
    assert personas.users["member"].is_active  # the person keeps the account, for other organisations


def test_the_only_contact_cannot_leave_before_handing_over(personas):
    client = personas.client("contact")
    client.post(member_url(personas, "member-remove", role="contact"))
    assert Membership.objects.filter(user=personas.users["contact"]).exists()
    page = client.get(personas.organisation.get_absolute_url()).content.decode()
    assert "is de enige contactpersoon" in page


def test_handing_over_the_contact_role_makes_the_old_contact_a_member(personas):
    client = personas.client("contact")
    client.post(member_url(personas, "member-make-contact"))
    roles = dict(Membership.objects.filter(organisation=personas.organisation).values_list("user__email", "role"))
    assert roles == {"medewerker@example.org": "contact", "contact@example.org": "member"}
    # now the old contact may leave
    new_contact = personas.client("member")
    new_contact.post(member_url(personas, "member-remove", role="contact"))
    assert not personas.users["contact"].memberships.exists()


def test_a_member_cannot_remove_or_promote_and_an_outsider_sees_nothing(personas):
    colleague = make_user()
    make_membership(colleague, personas.organisation)
    membership = colleague.memberships.get()
    for name in ("member-remove", "member-make-contact"):
        url = reverse(f"partners:{name}", kwargs={"slug": personas.organisation.slug, "membership_id": membership.pk})
        assert personas.client("member").post(url).status_code == 403
        assert personas.client("outsider").post(url).status_code == 404
        assert personas.client("contact").get(url).status_code == 405
    membership.refresh_from_db()
    assert membership.role == "member"


def test_a_membership_of_another_organisation_cannot_be_reached_through_ones_own(personas):
    foreign = personas.users["outsider"].memberships.get()
    url = reverse("partners:member-remove", kwargs={"slug": personas.organisation.slug, "membership_id": foreign.pk})
    assert personas.client("contact").post(url).status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()
