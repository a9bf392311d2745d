"""The announcement email: HTML and plain text, sender, reply-to and RFC 8058 headers."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.html import strip_tags

from .links import manage_url, unsubscribe_url

# Placeholders rendered once per announcement, then replaced with each subscriber's own links.
_PREFERENCES = "__preferences_url__"
_UNSUBSCRIBE = "__unsubscribe_url__"


def announcement_context(announcement, *, subscriber) -> dict:
    news = announcement.news_item.specific if announcement.news_item else None
    return {
        "announcement": announcement,
        "news_url": news.full_url if news else "",
        "preferences_url": manage_url(subscriber) if subscriber else "#",
        "unsubscribe_url": unsubscribe_url(subscriber) if subscriber else "#",
    }


class AnnouncementRenderer:
    """Renders an announcement's HTML and text once; `message()` adds each person's links."""

    def __init__(self, announcement):
        self.announcement = announcement
        context = {
            **announcement_context(announcement, subscriber=None),
            "preferences_url": _PREFERENCES,
            "unsubscribe_url": _UNSUBSCRIBE,
        }
        self.html = render_to_string("mailing/email/announcement.html", context)
        self.text = render_to_string(
            "mailing/email/announcement.txt",
            {**context, "body_text": strip_tags(announcement.body)},
        )

    def message(self, subscriber, connection=None) -> EmailMultiAlternatives:
        """The email one subscriber receives, with a one-click unsubscribe of their own."""
        preferences, unsubscribe = manage_url(subscriber), unsubscribe_url(subscriber)

        def personal(content: str) -> str:
            return content.replace(_PREFERENCES, preferences).replace(_UNSUBSCRIBE, unsubscribe)

        message = EmailMultiAlternatives(
            subject=self.announcement.subject,
            body=personal(self.text),
            from_email=settings.MAILING_FROM_EMAIL,
            to=[subscriber.email],
            reply_to=[settings.MAILING_REPLY_TO] if settings.MAILING_REPLY_TO else None,
            connection=connection,
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(personal(self.html), "text/html")
        return message


def announcement_message(announcement, subscriber, connection=None) -> EmailMultiAlternatives:
    """One subscriber's email, rendered on its own (test sends)."""
    return AnnouncementRenderer(announcement).message(subscriber, connection)
