"""Attachments to community posts, accepted by what they contain, not by their name: a PNG or JPEG picture that
Pillow can read (and is not a decompression bomb), or a document the kennisbank accepts (PDF, Word, PowerPoint,
OpenDocument: knowledge/attachments.py checks those, with its limits on zips and pages). The size is checked while the
upload streams in (COMMUNITY_ATTACHMENT_MAX_BYTES); SVG, HTML and anything else is refused."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from alliantie.knowledge.attachments import AttachmentRefused, inspect

IMAGES = {"png": (b"\x89PNG\r\n\x1a\n", "image/png", "PNG"), "jpg": (b"\xff\xd8\xff", "image/jpeg", "JPEG")}
MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class Checked:
    kind: str
    content_type: str


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def check(name: str, handle, size: int) -> Checked:
    """What the file is; raises AttachmentRefused with the reason in Dutch."""
    limit = settings.COMMUNITY_ATTACHMENT_MAX_BYTES
    if size > limit:
        raise AttachmentRefused(
            _("Dit bestand is %(size)s MB; een bijlage mag hoogstens %(limit)s MB zijn.")
            % {"size": megabytes(size), "limit": megabytes(limit)}
        )
    handle.seek(0)
    head = handle.read(8)
    handle.seek(0)
    for kind, (magic, content_type, pillow_format) in IMAGES.items():
        if head.startswith(magic):
            _check_image(handle, pillow_format, name, kind)
            return Checked(kind, content_type)
    if not head.startswith((b"%PDF-", b"PK\x03\x04")):
        raise AttachmentRefused(
            _(
                "Dit soort bestand nemen we niet op. Een bijlage is een PDF, een Word- of PowerPoint-bestand, een "
                "OpenDocument, of een foto als PNG of JPEG."
            )
        )
    checked = inspect(name, handle, size)
    return Checked(checked.kind, checked.content_type)


def _check_image(handle, pillow_format: str, name: str, kind: str) -> None:
    from PIL import Image, UnidentifiedImageError

    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ({"jpg", "jpeg"} if kind == "jpg" else {kind}):
        raise AttachmentRefused(
            _("De naam van het bestand eindigt op .%(ext)s, maar de inhoud is een %(kind)s-afbeelding.")
            % {"ext": extension[:10] or "?", "kind": pillow_format}
        )
    try:
        with Image.open(handle) as image:
            if image.format != pillow_format or image.width * image.height > MAX_PIXELS:
                raise AttachmentRefused(_("Deze afbeelding is te groot of beschadigd."))
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise AttachmentRefused(_("Deze afbeelding is beschadigd: we kunnen haar niet openen.")) from None
    finally:
        handle.seek(0)
