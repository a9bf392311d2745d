"""The announcement email: HTML and plain text, sender, reply-to and RFC 8058 headers."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid, sanitize_address
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.utils.html import strip_tags

from .links import PersonalLinks, manage_url, unsubscribe_url

# Placeholders rendered once per announcement, then replaced with each subscriber's own links.
_PREFERENCES = "__preferences_url__"
_UNSUBSCRIBE = "__unsubscribe_url__"
_RECIPIENT = "recipient@placeholder.invalid"
_MESSAGE_ID = "__message_id__@placeholder.invalid"
_PREFERENCES_BYTES, _UNSUBSCRIBE_BYTES = _PREFERENCES.encode(), _UNSUBSCRIBE.encode()
_RECIPIENT_BYTES, _MESSAGE_ID_BYTES = _RECIPIENT.encode(), _MESSAGE_ID.encode()


def announcement_context(announcement, *, subscriber) -> dict:
    news = announcement.news_item.specific if announcement.news_item else None
    return {
        "announcement": announcement,
        "news_url": news.full_url if news else "",
        "preferences_url": manage_url(subscriber) if subscriber else "#",
        "unsubscribe_url": unsubscribe_url(subscriber) if subscriber else "#",
    }


class AnnouncementRenderer:
    """Renders an announcement once; each subscriber's email only differs in address and links.

    `message()` builds a Django email for one person. `raw()` goes further for bulk sending:
    the whole MIME message is serialised once with placeholders, and each person's bytes are
    that template with their address, links and a fresh Message-ID substituted. Python's
    email serialisation is the dominant cost of a send, so this is what makes large lists fast.
    """

    def __init__(self, announcement):
        self.announcement = announcement
        self.links = PersonalLinks()
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
        self._template = self._wire_template()

    def message(self, subscriber, connection=None) -> EmailMultiAlternatives:
        """The email one subscriber receives, with a one-click unsubscribe of their own."""
        return self._build(subscriber.email, *self.links(subscriber), connection=connection)

    def raw(self, subscriber) -> bytes | None:
        """The exact bytes to hand the SMTP server for one subscriber, or None when this
        message cannot be made by substitution (then send `message()` instead)."""
        if self._template is None or not subscriber.email.isascii():
            return None
        preferences, unsubscribe = self.links(subscriber)
        return (
            self._template.replace(_RECIPIENT_BYTES, subscriber.email.encode())
            .replace(_MESSAGE_ID_BYTES, make_msgid(domain=DNS_NAME).strip("<>").encode())
            .replace(_PREFERENCES_BYTES, preferences.encode())
            .replace(_UNSUBSCRIBE_BYTES, unsubscribe.encode())
        )

    def _build(self, to, preferences, unsubscribe, connection=None, message_id=None):
        def personal(content: str) -> str:
            return content.replace(_PREFERENCES, preferences).replace(_UNSUBSCRIBE, unsubscribe)

        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        if message_id:
            headers["Message-ID"] = message_id
        message = EmailMultiAlternatives(
            subject=self.announcement.subject,
            body=personal(self.text),
            from_email=settings.MAILING_FROM_EMAIL,
            to=[to],
            reply_to=[settings.MAILING_REPLY_TO] if settings.MAILING_REPLY_TO else None,
            connection=connection,
            headers=headers,
        )
        message.attach_alternative(personal(self.html), "text/html")
        return message

    def _wire_template(self) -> bytes | None:
        """The serialised message with placeholders, if substituting into it is safe: every
        part sent as plain 7- or 8-bit text (no encoding that could split a placeholder) and
        lines short enough to stay within SMTP's 998-octet limit once URLs replace them."""
        message = self._build(
            _RECIPIENT, _PREFERENCES, _UNSUBSCRIBE, message_id=f"<{_MESSAGE_ID}>"
        ).message()
        template = message.as_bytes(linesep="\r\n")
        encodings = {part.get("Content-Transfer-Encoding") for part in message.walk()}
        longest = max(len(line) for line in template.split(b"\r\n"))
        placeholders_intact = all(
            key.encode() in template for key in (_RECIPIENT, _MESSAGE_ID, _UNSUBSCRIBE)
        )
        if encodings - {None, "7bit", "8bit"} or longest > 400 or not placeholders_intact:
            return None
        return template

    def envelope_sender(self) -> str:
        return sanitize_address(settings.MAILING_FROM_EMAIL, settings.DEFAULT_CHARSET)


def announcement_message(announcement, subscriber, connection=None) -> EmailMultiAlternatives:
    """One subscriber's email, rendered on its own (test sends)."""
    return AnnouncementRenderer(announcement).message(subscriber, connection)
