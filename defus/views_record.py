"""The record of processing activities (Art. 30 DSGVO) in the admin, and as a PDF for the board."""

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from defus import processing_record
from kernel.pdf import render_pdf


def _context() -> dict:
    return {
        "activities": processing_record.ACTIVITIES,
        "measures": processing_record.MEASURES,
        "impressum": settings.IMPRESSUM,
        "today": timezone.localdate(),
    }


def processing_record_view(request, admin_site):
    context = {**admin_site.each_context(request), **_context(), "title": _("Record of processing activities")}
    return TemplateResponse(request, "admin/processing_record.html", context)


def processing_record_pdf(request, admin_site):
    pdf = render_pdf("admin/processing_record_pdf.html", {**_context(), "language": request.LANGUAGE_CODE})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="verarbeitungsverzeichnis.pdf"'
    return response
