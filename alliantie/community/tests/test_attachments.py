"""Attachments to posts are accepted by their content (PDF, Office, OpenDocument, PNG, JPEG) and size, checked while
the upload streams in; a 20 MB file, a name that lies, an SVG or HTML file, a broken picture are refused at the field
with a Dutch message and nothing is saved; files are served only to community members, always as a download."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from alliantie.community.models import Attachment, Post, Thread
from alliantie.community.tests.helpers import ask, gezonde_dag
from alliantie.knowledge.tests.test_attachments import office, pdf

pytestmark = pytest.mark.django_db


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (138, 28, 82)).save(buffer, format="PNG")
    return buffer.getvalue()


def send(personas, name: str, content: bytes):
    return ask(personas.client("member"), gezonde_dag(), attachment=SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("menu.pdf", lambda: pdf("Ontbijtmenu"), "pdf"),
        ("plan.docx", lambda: office("docx", "Plan"), "docx"),
        ("foto.png", png, "png"),
    ],
)
def test_a_document_or_a_picture_is_attached_and_downloaded_by_members_only(personas, name, content, kind):
    data = content()
    assert send(personas, name, data).status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.kind, attachment.size, attachment.filename) == (kind, len(data), name)
    assert name not in attachment.file.name  # stored under a name of our own
    url = reverse("community:attachment", args=[attachment.pk])
    download = personas.client("outsider").get(url)
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == data
    assert Client().get(url).status_code == 302  # to the login page
    page = personas.client("contact").get(Thread.objects.get().get_absolute_url()).content.decode()
    assert name in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "plaatje.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "Dit soort bestand nemen we niet op",
        ),
        ("pagina.html", b"<html><script>alert(1)</script></html>", "Dit soort bestand nemen we niet op"),
        ("foto.pdf", png(), "de inhoud is een PNG-afbeelding"),
        ("kapot.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "beschadigd"),
        ("leeg.pdf", b"", "Het verstuurde bestand is leeg"),
    ],
)
def test_hostile_or_wrong_files_are_refused_at_the_field_and_nothing_is_saved(personas, name, content, message):
    response = send(personas, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'id="id_attachment_error"' in response.content.decode()
    assert not Thread.objects.exists() and not Post.objects.exists() and not Attachment.objects.exists()


def test_a_20_mb_file_is_refused_while_it_streams_in(personas):
    big = SimpleUploadedFile("groot.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024))
    response = ask(personas.client("member"), gezonde_dag(), attachment=big)
    assert response.status_code == 400
    assert "Dit bestand is te groot: een bijlage mag hoogstens 10 MB zijn." in response.content.decode()
    assert not Thread.objects.exists() and not Attachment.objects.exists()
