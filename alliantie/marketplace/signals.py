"""Wiring only: when a partner service ends a partnership, the marketplace's own service closes its open posts
(the periodic job `marktplaats-oud-partners` repeats that for changes made outside the services)."""

from django.dispatch import receiver

from alliantie.marketplace import services
from alliantie.partners.signals import partnership_ended


@receiver(partnership_ended, dispatch_uid="marketplace-close-posts-of-former-partners")
def close_posts_when_a_partnership_ends(sender, organisation, **kwargs) -> None:
    services.close_posts_of_former_partners(organisation_ids=[organisation.pk])
