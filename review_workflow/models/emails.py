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
        REVIEWER_INVITED = "reviewer_invited", "Review assignment (to the reviewer)"
        ASSIGNMENT_DECLINED = "assignment_declined", "Reviewer declined (to coordinators)"
        REVIEW_REMINDER = "review_reminder", "Review due or overdue (to the reviewer)"
        REVIEWS_COMPLETE = "reviews_complete", "All reviews in (to coordinators)"
        DECISION_APPROVED = "decision_approved", "Decision letter: approved"
        DECISION_REVISIONS = "decision_revisions_requested", "Decision letter: revisions requested"
        DECISION_NOT_APPROVED = "decision_not_approved", "Decision letter: not approved"
        EXPIRY_WARNING = "expiry_warning", "Approval expiring soon (to the provider)"
        APPEAL_LODGED = "appeal_lodged", "New appeal (to coordinators)"
        APPEAL_STATUS_CHANGED = "appeal_status_changed", "Appeal status changed (to provider)"
        APPEAL_REVIEWER_INVITED = (
            "appeal_reviewer_invited",
            "Appeal panel invitation (to reviewer)",
        )
        APPEAL_ASSIGNMENT_DECLINED = (
            "appeal_assignment_declined",
            "Appeal reviewer declined (to coordinators)",
        )
        APPEAL_REMINDER = "appeal_reminder", "Appeal findings due or overdue (to the reviewer)"
        APPEAL_UPHELD = "appeal_upheld", "Appeal letter: decision upheld"
        APPEAL_OVERTURNED = "appeal_overturned", "Appeal letter: decision overturned"

    key = models.CharField(max_length=60, choices=Key.choices, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField(
        help_text=(
            "Variables: {{ submission.title }}, {{ organization.name }}, {{ status }}, "
            "{{ previous_status }}, {{ note }}, {{ version }}, {{ url }}; in decision letters "
            "also {{ decision.required_changes }}, {{ decision.feedback }}, {{ consensus }} "
            "(code, title, rating of each standard), {{ expires_on }}; in reviewer emails "
            "{{ assignment.due_date }} and {{ reviewer_name }}; in expiry warnings {{ days }}; in appeal emails "
            "{{ appeal.get_appealed_status_display }}, {{ appeal_status }}, {{ appeal.grounds }}, "
            "{{ deadline }} and, in appeal letters, {{ appeal.outcome_reasons }}."
        )
    )

    panels = [FieldPanel("key"), FieldPanel("subject"), FieldPanel("body")]

    def __str__(self) -> str:
        return self.get_key_display()

    def render(self, context: dict) -> tuple[str, str]:
        """The subject (one line) and body, filled in from `context`."""
        # A Context escapes by default whatever the engine says: plain text must not be.
        subject = _TEXT_ENGINE.from_string(self.subject).render(Context(context, autoescape=False))
        body = _TEXT_ENGINE.from_string(self.body).render(Context(context, autoescape=False))
        return " ".join(subject.split()), body
