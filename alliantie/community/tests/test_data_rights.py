"""A community member who deletes their account: their posts stay, shown as "voormalig lid" (also where others mentioned
them), and nothing in any table identifies them; a member the team only removed keeps their name (test_moderation)."""

import pytest
from django.test import TestCase
from django.urls import reverse

from alliantie.accounts.tests.test_data_rights import mentions
from alliantie.community import services
from alliantie.community.models import Frequency, Post
from alliantie.community.tests.helpers import gezonde_dag, start, thread_url
from alliantie.core.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
EMAIL, NAME = "medewerker@example.org", "Mila Medewerker"


@pytest.mark.smoke
def test_deleting_the_account_keeps_the_posts_as_voormalig_lid_and_leaves_nothing_that_identifies(personas, mailbox):
    member = personas.users["member"]
    group = gezonde_dag()
    services.join_group(group=group, user=member)
    services.save_email_settings(
        user=member, default_frequency=Frequency.DAILY, frequencies={group.pk: Frequency.IMMEDIATE}, consent_given=True
    )
    thread = start(group, member, title="Vraag over ontbijt", body=f"Groet, {NAME}")
    services.join_group(group=group, user=personas.users["contact"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.reply(thread=thread, author=personas.users["contact"], body="Dank @mila-medewerker!")
    other = services.reply(thread=thread, author=member, body="Graag gedaan")
    services.flag_post(post=thread.posts.get(author=personas.users["contact"]), flagged_by=member, reason="anders")
    services.accept_answer(thread=thread, post=thread.posts.get(author=personas.users["contact"]), accepted_by=member)
    assert mentions(EMAIL) and mentions(NAME)

    client = personas.client("member")
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = client.post(reverse("accounts:account-delete"), {"password": PASSWORD, "understood": "on"})
    assert done.status_code == 302
    assert mentions(EMAIL) == []
    assert mentions(NAME) == []
    page = personas.client("contact").get(thread_url(thread)).content.decode()
    assert "Vraag over ontbijt" in page and "Graag gedaan" in page
    assert page.count("voormalig lid") >= 3  # their posts and the mention of them
    assert Post.objects.get(pk=other.pk).author_id == member.pk  # still theirs, as a former member's
