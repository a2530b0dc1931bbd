"""Django's login backend, with what every page needs to know about the person loaded in the same query."""

from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from alliantie.accounts.models import User


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        """The logged-in person, with `works_for_partner`: whether they belong to an organisation that is a partner
        (an applicant's people do not yet, so the menu does not offer them pages they cannot open), and
        `has_organisation`: whether they belong to any organisation at all. Read through the
        reverse relation, so accounts does not import partners; one query, as Django's own."""
        membership = User._meta.get_field("memberships").related_model
        organisation = membership._meta.get_field("organisation").related_model
        partner = membership.objects.filter(
            user=OuterRef("pk"),
            organisation__status__in=[organisation.Status.ACTIVE, organisation.Status.DORMANT],
        )
        any_membership = membership.objects.filter(user=OuterRef("pk"))
        user = (
            User._default_manager.annotate(works_for_partner=Exists(partner), has_organisation=Exists(any_membership))
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
