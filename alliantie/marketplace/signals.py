"""The marketplace follows the partner lifecycle: an organisation that is no longer a partner (ended, declined)
has its open posts closed, so lists never need to join the organisation to check (that join misled PostgreSQL's
planner into seconds-long plans at national scale)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from alliantie.core import audit, versions
from alliantie.marketplace.models import Post
from alliantie.partners.models import Organisation


@receiver(post_save, sender=Organisation, dispatch_uid="marketplace-close-posts-of-former-partners")
def close_posts_of_former_partners(sender, instance: Organisation, **kwargs) -> None:
    if instance.is_partner or instance.status == Organisation.Status.APPLIED:
        return
    open_posts = Post.objects.filter(organisation=instance, status=Post.Status.OPEN)
    for post in open_posts:
        audit.record(actor=None, action="post.closed", target=post, reason="organisation is geen partner meer")
    kinds = set(open_posts.values_list("kind", flat=True))
    open_posts.update(
        status=Post.Status.CLOSED,
        outcome="Gesloten: de organisatie is geen partner meer.",
        closed_at=timezone.now(),
        updated_at=timezone.now(),
    )
    versions.bump(*(versions.posts(kind) for kind in kinds))
