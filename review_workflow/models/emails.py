"""Email wording editors can change without a deployment."""

from django.db import models
from django.template import Context, Engine
from wagtail.admin.panels import FieldPanel

# Plain-text emails: no HTML escaping; only the documented variables are available.
_TEXT_ENGINE = Engine(autoescape=False)


class EmailTemplate(models.Model):
    """The subject and body of one kind of email, in Django template syntax."""

    class Key(models.TextChoices):
        STATUS_CHANGED = "submission_status_changed", "Submission status changed (to provider)"
        SUBMISSION_RECEIVED = "submission_received", "New submission (to coordinators)"

    key = models.CharField(max_length=60, choices=Key.choices, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField(
        help_text=(
            "Variables: {{ submission.title }}, {{ organization.name }}, {{ status }}, "
            "{{ previous_status }}, {{ note }}, {{ version }}, {{ url }}."
        )
    )

    panels = [FieldPanel("key"), FieldPanel("subject"), FieldPanel("body")]

    def __str__(self) -> str:
        return self.get_key_display()

    def render(self, context: dict) -> tuple[str, str]:
        """The subject (one line) and body, filled in from `context`."""
        subject = _TEXT_ENGINE.from_string(self.subject).render(Context(context))
        body = _TEXT_ENGINE.from_string(self.body).render(Context(context))
        return " ".join(subject.split()), body
