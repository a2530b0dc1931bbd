"""Attachments are checked by what they contain, not by their name, and their text is read for the search, within
limits: a size limit enforced while the upload streams in, a page limit, a time budget, and refusal of zip bombs
(DOCX, PPTX and OpenDocument files are zip archives) and XML bombs (read with defusedxml)."""

import io
import logging
import re
import time
import zipfile
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MAX_TEXT = 500_000  # characters of text kept per attachment
MAX_UNPACKED = 200 * 1024 * 1024  # bytes a zip may unpack to in total
MAX_RATIO = 200  # an entry that unpacks to more than 200 times its packed size is a bomb
MAX_ENTRIES = 5000
MAX_XML_PART = 30 * 1024 * 1024
TIME_BUDGET = 20.0  # seconds of text extraction per file

KINDS = {
    "pdf": ("application/pdf", _("PDF")),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _("Word-document")),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", _("PowerPoint-presentatie")),
    "odt": ("application/vnd.oasis.opendocument.text", _("OpenDocument-tekst")),
    "odp": ("application/vnd.oasis.opendocument.presentation", _("OpenDocument-presentatie")),
}
ODF_TYPES = {"application/vnd.oasis.opendocument.text": "odt", "application/vnd.oasis.opendocument.presentation": "odp"}
PARAGRAPHS = {"p", "h"}  # w:p, a:p, text:p, text:h end a line


class AttachmentRefused(ValueError):
    """Why a file is not accepted, in Dutch, for the field's error message."""


@dataclass(frozen=True)
class Inspected:
    kind: str
    content_type: str
    text: str
    pages: int | None


def kind_label(kind: str) -> str:
    return str(KINDS[kind][1]) if kind in KINDS else kind


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def inspect(name: str, handle, size: int) -> Inspected:
    """What the file really is and its text; raises AttachmentRefused with the reason."""
    limit = settings.KNOWLEDGE_ATTACHMENT_MAX_BYTES
    if size > limit:
        raise AttachmentRefused(
            _("Dit bestand is %(size)s MB; een bijlage mag hoogstens %(limit)s MB zijn.")
            % {"size": _megabytes(size), "limit": _megabytes(limit)}
        )
    if size == 0:
        raise AttachmentRefused(_("Dit bestand is leeg."))
    handle.seek(0)
    head = handle.read(8)
    handle.seek(0)
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(handle)
    else:
        kind = ""
    if not kind:
        raise AttachmentRefused(
            _(
                "Dit bestand is geen PDF, Word-document of presentatie (PowerPoint of OpenDocument). Foto's en andere "
                "bestanden nemen we niet op."
            )
        )
    if _extension(name) != kind:
        raise AttachmentRefused(
            _(
                "De naam van het bestand eindigt op .%(ext)s, maar de inhoud is een %(kind)s. "
                "Geef het bestand de juiste naam, of kies het goede bestand."
            )
            % {"ext": _extension(name)[:10] or "?", "kind": kind_label(kind)}
        )
    handle.seek(0)
    text, pages = _read_pdf(handle) if kind == "pdf" else _read_zip(handle, kind)
    return Inspected(kind, KINDS[kind][0], _tidy(text), pages)


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n\n", text)
    return text.strip()[:MAX_TEXT]


def _open_zip(handle) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError):
        raise AttachmentRefused(_("Dit bestand is beschadigd: het kan niet worden geopend.")) from None
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES or sum(info.file_size for info in infos) > MAX_UNPACKED:
        raise AttachmentRefused(_("Dit bestand pakt uit tot iets veel groters dan het lijkt; het wordt geweigerd."))
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise AttachmentRefused(_("Dit bestand pakt uit tot iets veel groters dan het lijkt; het wordt geweigerd."))
    return archive


def _zip_kind(handle) -> str:
    archive = _open_zip(handle)
    names = set(archive.namelist())
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names and "ppt/presentation.xml" in names:
        return "pptx"
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:100].decode("ascii", "ignore").strip()
        return ODF_TYPES.get(mimetype, "")
    return ""


def _read_part(archive: zipfile.ZipFile, name: str, started: float) -> str:
    """The text of one XML part, paragraphs on their own line; entities and DTDs are refused (defusedxml)."""
    if time.monotonic() - started > TIME_BUDGET:
        return ""
    with archive.open(name) as part:
        data = part.read(MAX_XML_PART + 1)
    if len(data) > MAX_XML_PART:
        data = data[:MAX_XML_PART]
    parts: list[str] = []
    odf = name == "content.xml"
    try:
        for _event, element in iterparse(io.BytesIO(data), events=("end",), forbid_dtd=True):
            local = element.tag.rsplit("}", 1)[-1]
            if odf and local in PARAGRAPHS:
                parts += ["".join(element.itertext()), "\n"]
                element.clear()
            elif not odf and local == "t" and element.text:
                parts.append(element.text)
            elif not odf and local in PARAGRAPHS:
                parts.append("\n")
                element.clear()
    except (ParseError, DefusedXmlException):
        raise AttachmentRefused(_("Dit bestand is beschadigd of bevat iets wat we niet openen.")) from None
    return "".join(parts)


def _read_zip(handle, kind: str) -> tuple[str, int | None]:
    archive = _open_zip(handle)
    started = time.monotonic()
    if kind == "docx":
        return _read_part(archive, "word/document.xml", started), None
    if kind == "pptx":
        slides = sorted(
            (n for n in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
            key=lambda n: int(re.search(r"(\d+)", n.rsplit("/", 1)[-1]).group(1)),
        )
        _check_pages(len(slides))
        return "\n\n".join(_read_part(archive, n, started) for n in slides), len(slides)
    return _read_part(archive, "content.xml", started), None


def _check_pages(pages: int) -> None:
    limit = settings.KNOWLEDGE_ATTACHMENT_MAX_PAGES
    if pages > limit:
        raise AttachmentRefused(
            _("Dit bestand heeft %(n)s pagina's; een bijlage mag hoogstens %(limit)s pagina's hebben.")
            % {"n": pages, "limit": limit}
        )


def _read_pdf(handle) -> tuple[str, int]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(handle, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise AttachmentRefused(_("Deze PDF is beveiligd met een wachtwoord. Upload een versie zonder wachtwoord."))
        pages = len(reader.pages)
    except AttachmentRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError):
        raise AttachmentRefused(_("Deze PDF is beschadigd: we kunnen hem niet openen.")) from None
    _check_pages(pages)
    started, texts, length = time.monotonic(), [], 0
    for page in reader.pages:
        if time.monotonic() - started > TIME_BUDGET or length > MAX_TEXT:
            break
        try:
            text = page.extract_text() or ""
        except Exception:  # noqa: BLE001 - one unreadable page (a broken font, a bad stream) must not refuse the file
            logger.info("Text of a PDF page could not be read", exc_info=True)
            text = ""
        texts.append(text)
        length += len(text)
    return "\n\n".join(texts), pages


class SizeLimitedUploadHandler(FileUploadHandler):
    """Stops storing an uploaded file as soon as it passes the limit (the rest of the request is read and dropped),
    and tells the view so it can say so at the field."""

    def __init__(self, request=None, limit: int | None = None) -> None:
        super().__init__(request)
        self.limit = limit or settings.KNOWLEDGE_ATTACHMENT_MAX_BYTES
        self.received = 0

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int):
        return None
