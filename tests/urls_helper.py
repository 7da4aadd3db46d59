"""Every named URL of the portal, for tests that must cover them all."""

from django.urls import URLResolver, get_resolver


def sample_kwargs(
    *,
    organisation,
    person,
    group,
    thread,
    document,
    inquiry,
    event,
    poll,
    offer,
    call,
    meeting=None,
    resolution=None,
    circular=None,
    practices=None,
) -> dict:
    """Arguments for URL names that need them; an invalid key must be handled cleanly too."""
    post = thread.posts.first()
    meeting_pk = meeting.pk if meeting else 999999
    resolution_pk = resolution.pk if resolution else 999999
    return {
        **{
            name: {"pk": meeting_pk}
            for name in (
                "meeting_detail",
                "meeting_invite",
                "meeting_edit",
                "meeting_supplement",
                "meeting_attendance",
                "meeting_proxy",
                "meeting_minutes",
                "meeting_sign",
            )
        },
        **{
            name: {"pk": resolution_pk}
            for name in (
                "resolution_detail",
                "resolution_vote",
                "resolution_record",
                "resolution_close",
                "resolution_consent",
            )
        },
        "proxy_withdraw": {"pk": 999999},
        "chooser_search": {"kind": "einladbare-personen"},
        "group_detail": {"slug": group.slug},
        "group_membership": {"slug": group.slug},
        "membership_approve": {"slug": group.slug, "pk": 999999},
        "thread_create": {"slug": group.slug},
        "thread_detail": {"slug": group.slug, "pk": thread.pk},
        "thread_moderate": {"slug": group.slug, "pk": thread.pk},
        "post_edit": {"pk": post.pk},
        "post_hide": {"pk": post.pk},
        "document_detail": {"pk": document.pk},
        "document_add_version": {"pk": document.pk},
        "document_download": {"pk": document.pk},
        "document_version_download": {"pk": document.pk, "number": 1},
        "inquiry_detail": {"pk": inquiry.pk},
        "event_detail": {"pk": event.pk},
        "call_detail": {"pk": call.pk},
        "poll_detail": {"pk": poll.pk},
        "poll_close": {"pk": poll.pk},
        "exchange_detail": {"pk": offer.pk},
        "exchange_decide": {"pk": 999999},
        "event_register": {"pk": event.pk},
        "event_participants_csv": {"pk": event.pk},
        "event_attendance": {"pk": event.pk},
        "event_ics": {"pk": event.pk},
        "public_event_detail": {"pk": event.pk},
        "public_event_ics": {"pk": event.pk},
        "event_door": {"pk": event.pk},
        "event_badges": {"pk": event.pk},
        "event_certificate": {"pk": event.pk},
        "guest_confirm": {"token": "not-a-valid-token"},
        "membership_confirm": {"token": "not-a-valid-token"},
        "guest_registration": {"token": "not-a-valid-token"},
        "guest_details": {"token": "not-a-valid-token"},
        "guest_certificate": {"token": "not-a-valid-token"},
        "event_calendar_month": {"year": 2027, "month": 3},
        "calendar_feed": {"token": "not-a-valid-token"},
        "mail_address_confirmed": {"token": "not-a-valid-token"},
        "inquiry_csv": {"pk": inquiry.pk},
        "inquiry_keep": {"pk": inquiry.pk},
        "account_confirm_email": {"key": "not-a-valid-key"},
        "account_reset_password_from_key": {"uidb36": "zz", "key": "not-a-valid-key"},
        "invitation_accept": {"token": "not-a-valid-token"},
        "address_change_review": {"token": "not-a-valid-token"},
        "digest_unsubscribe": {"token": "not-a-valid-token"},
        "organisation_detail": {"slug": organisation.slug},
        "lagebild_city": {"slug": organisation.slug},
        "person_detail": {"pk": person.pk},
        "circular_detail": {"pk": circular.pk if circular else 999999},
        **_practice_kwargs(practices or {}),
    }


def _practice_kwargs(practices: dict) -> dict:
    """The practice register: a published entry to read, a draft to edit, one under review to rate."""
    pk = {kind: practice.pk for kind, practice in practices.items()}
    return {
        "practice_detail": {"pk": pk.get("published", 999999)},
        "practice_edit": {"pk": pk.get("draft", 999999), "step": "ursachen"},
        "practice_submit": {"pk": pk.get("draft", 999999)},
        "practice_uptake": {"pk": pk.get("published", 999999)},
        "practice_review": {"pk": pk.get("submitted", 999999)},
    }


def portal_url_names() -> list[str]:
    """Named URLs outside the admin (the admin is covered model by model)."""
    names = []

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                if ns != "admin":
                    walk(pattern.url_patterns, ns)
            elif pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if name not in names:
                    names.append(name)

    walk(get_resolver().url_patterns)
    return names
