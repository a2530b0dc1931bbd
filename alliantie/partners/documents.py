"""Documents made from HTML: the signed pledge as an accessible (tagged) PDF."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from weasyprint import HTML

from alliantie.partners.models import Pledge
from alliantie.partners.selectors import pledge_paragraphs


def pledge_pdf(request: HttpRequest, pledge: Pledge) -> bytes:
    """The signed pledge as PDF/UA: tagged, with Dutch as its language, printable on A4."""
    html = render_to_string(
        "partners/pledge_document.html",
        {"pledge": pledge, "organisation": pledge.organisation, "paragraphs": pledge_paragraphs(pledge.text)},
        request=request,
    )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
