"""Attachments are checked by their content and size while they stream in, and their text is found by the search;
hostile files (a 100 MB upload, a name that lies, a zip bomb, an XML bomb, too many pages) are refused at the field
with a Dutch message, and nothing is stored."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from weasyprint import HTML

from alliantie.core.tests.factories import make_item
from alliantie.knowledge.models import Attachment

pytestmark = pytest.mark.django_db


def pdf(text: str, pages: int = 1) -> bytes:
    body = "".join(f"<p style='page-break-after: always'>{text} {n}</p>" for n in range(pages))
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def office(kind: str, text: str, *, extra: dict | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if kind == "docx":
            archive.writestr(
                "word/document.xml",
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
            )
        else:
            archive.writestr("ppt/presentation.xml", "<p:presentation/>")
            for n in (2, 1, 10):
                archive.writestr(
                    f"ppt/slides/slide{n}.xml",
                    '<p:sld xmlns:p="p" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
                    f"<a:p><a:r><a:t>{text} dia {n}</a:t></a:r></a:p></p:sld>",
                )
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(client, item, name: str, content: bytes):
    url = reverse("knowledge:attachment-add", kwargs={"slug": item.slug})
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def item():
    return make_item(title="Handreiking voor scholen", body="Over scholen.")


def found(client, words: str) -> list[str]:
    response = client.get(reverse("knowledge:search"), {"zoek": words})
    return [r.document.title for r in response.context["page"].object_list]


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("verslag.pdf", pdf("Brugfunctionarissen op school"), "brugfunctionarissen"),
        ("notulen.docx", office("docx", "Schoolmaaltijden voor iedereen"), "schoolmaaltijd"),
        ("dia's.pptx", office("pptx", "Vroegsignalering van schulden"), "vroegsignalering"),
    ],
)
def test_pdf_word_and_slides_are_accepted_and_their_text_is_found(personas, client, item, name, content, words):
    response = upload(personas.client("project_team"), item, name, content)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.kind == name.rsplit(".", 1)[1] and attachment.size == len(content)
    assert found(client, words) == [item.title]
    download = client.get(reverse("knowledge:attachment-download", kwargs={"slug": item.slug, "pk": attachment.pk}))
    assert download.status_code == 200 and b"".join(download.streaming_content) == content
    assert download["Content-Disposition"].startswith("attachment")


def test_slides_are_read_in_their_order(personas, item):
    upload(personas.client("project_team"), item, "dia.pptx", office("pptx", "Thema"))
    text = Attachment.objects.get().text
    assert text.index("dia 1") < text.index("dia 2") < text.index("dia 10")
    assert Attachment.objects.get().pages == 3


def refused(response, message: str) -> None:
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'id="id_file_error"' in html
    assert not Attachment.objects.exists()


def test_a_100_mb_attachment_is_refused_while_it_streams_in(personas, item):
    big = b"%PDF-1.4\n" + b"0" * (100 * 1024 * 1024)
    refused(upload(personas.client("project_team"), item, "groot.pdf", big), "te groot")


def test_a_file_whose_content_is_not_what_its_name_says_is_refused(personas, item):
    client = personas.client("project_team")
    refused(upload(client, item, "verslag.docx", pdf("Tekst")), "maar de inhoud is een PDF")
    refused(upload(client, item, "foto.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100), "geen PDF, Word-document")
    refused(upload(client, item, "script.pdf", b"<script>alert(1)</script>"), "geen PDF, Word-document")


def test_a_zip_bomb_and_an_xml_bomb_are_refused(personas, item):
    client = personas.client("project_team")
    bomb = office("docx", "x", extra={"word/media/nul.bin": b"\0" * (60 * 1024 * 1024)})
    refused(upload(client, item, "bom.docx", bomb), "veel groters dan het lijkt")
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", laughs)
    refused(upload(client, item, "lach.docx", buffer.getvalue()), "beschadigd of bevat iets")


def test_a_pdf_with_too_many_pages_is_refused(personas, item, settings):
    settings.KNOWLEDGE_ATTACHMENT_MAX_PAGES = 3
    refused(upload(personas.client("project_team"), item, "dik.pdf", pdf("Pagina", pages=5)), "hoogstens 3 pagina")


def test_only_people_who_may_change_the_item_add_attachments(personas, item):
    assert upload(personas.client("member"), item, "a.pdf", pdf("x")).status_code == 403
    assert upload(personas.client("anonymous"), item, "a.pdf", pdf("x")).status_code == 302  # to the login page
    assert not Attachment.objects.exists()
    assert (
        personas.client("project_team").get(reverse("knowledge:attachment-add", kwargs={"slug": item.slug})).status_code
        == 405
    )
