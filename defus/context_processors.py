from django.conf import settings


def portal(request):
    """Values every page needs: the legal details for the footer and public pages."""
    return {
        "impressum": settings.IMPRESSUM,
        "accessibility_contact": settings.ACCESSIBILITY_CONTACT,
        # Stated on the privacy page and the guests' pages.
        "guest_retention_days": settings.GUEST_RETENTION_DAYS,
    }
