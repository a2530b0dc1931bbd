"""Plain helpers for the community's tests."""

from django.test import TestCase
from django.urls import reverse

from alliantie.community import services
from alliantie.community.models import Group


def gezonde_dag() -> Group:
    return Group.objects.get(slug="een-gezonde-dag")


def ask(
    client,
    group: Group,
    title: str = "Wie heeft ervaring met schoolontbijt?",
    body: str = "Wij starten in maart.",
    kind: str = "vraag",
    **extra,
):
    data = {"kind": kind, "title": title, "body": body} | extra
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("community:thread-create", kwargs={"group": group.slug}), data)


def answer(client, thread, body: str = "Wij doen het al twee jaar; bel ons gerust.", **extra):
    url = reverse("community:reply", kwargs={"group": thread.group.slug, "thread": thread.pk})
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, {"body": body} | extra)


def start(group: Group, author, title: str = "Een vraag", body: str = "Tekst", kind: str = "vraag"):
    return services.start_thread(group=group, author=author, kind=kind, title=title, body=body)


def thread_url(thread) -> str:
    return reverse("community:thread", kwargs={"group": thread.group.slug, "thread": thread.pk})
