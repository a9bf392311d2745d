"""The announcement email: HTML and plain text, sender, reply-to and RFC 8058 headers."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.html import strip_tags

from .links import manage_url, unsubscribe_url


def announcement_context(announcement, *, subscriber) -> dict:
    news = announcement.news_item.specific if announcement.news_item else None
    return {
        "announcement": announcement,
        "news_url": news.full_url if news else "",
        "preferences_url": manage_url(subscriber) if subscriber else "#",
        "unsubscribe_url": unsubscribe_url(subscriber) if subscriber else "#",
    }


def announcement_message(announcement, subscriber, connection=None) -> EmailMultiAlternatives:
    """The email one subscriber receives, with a one-click unsubscribe of their own."""
    context = announcement_context(announcement, subscriber=subscriber)
    html = render_to_string("mailing/email/announcement.html", context)
    text = render_to_string(
        "mailing/email/announcement.txt", {**context, "body_text": strip_tags(announcement.body)}
    )
    message = EmailMultiAlternatives(
        subject=announcement.subject,
        body=text,
        from_email=settings.MAILING_FROM_EMAIL,
        to=[subscriber.email],
        reply_to=[settings.MAILING_REPLY_TO] if settings.MAILING_REPLY_TO else None,
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
