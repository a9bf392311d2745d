"""What a new platform starts with: roles, the first standards version, email wording.

Used by the data migration (with historical models) and by tests that empty the database.
"""

from django.contrib.auth.management import create_permissions

from .core.roles import roles_ensure
from .standards_seed import FIRST_VERSION_EFFECTIVE, FIRST_VERSION_NAME, FIRST_VERSION_STANDARDS

EMAILS = {
    "submission_status_changed": (
        "Your submission “{{ submission.title }}” is now: {{ status }}",
        "Hello,\n\nThe status of the curriculum “{{ submission.title }}” submitted by "
        "{{ organization.name }} has changed from {{ previous_status }} to {{ status }}."
        "{% if note %}\n\n{% if by_platform %}About this change:{% else %}Notes from the "
        "review coordinator:{% endif %}\n{{ note }}{% endif %}\n\n"
        "Follow your submission at {{ url }}\n\nDe-escalation Training Review\n",
    ),
    "reviewer_invited": (
        "Review assignment: “{{ submission.title }}”",
        "Hello {{ reviewer_name }},\n\nYou are asked to review the curriculum "
        "“{{ submission.title }}” (round {{ assignment.round }}), due {{ assignment.due_date }}."
        "\n\n{% if assignment.status == 'accepted' %}The provider has revised the curriculum "
        "you reviewed: the changes are shown with your review form{% else %}Before any material "
        "opens to you, accept the assignment and declare that you have no conflict of interest, "
        "or decline it{% endif %}, in the admin under “My reviews”.\n",
    ),
    "assignment_declined": (
        "Reviewer unavailable for “{{ submission.title }}”",
        "{{ reviewer_name }} declined the review of “{{ submission.title }}” (round "
        "{{ assignment.round }}).{% if note %}\n\nTheir statement:\n{{ note }}{% endif %}\n\n"
        "The place is free: assign another reviewer in the admin.\n",
    ),
    "review_reminder": (
        "{% if overdue %}Overdue{% else %}Due soon{% endif %}: your review of "
        "“{{ submission.title }}”",
        "Hello {{ reviewer_name }},\n\nYour review of “{{ submission.title }}” is due on "
        "{{ assignment.due_date }}{% if overdue %} and is now overdue{% endif %}. Please complete "
        "it in the admin under “My reviews”.\n",
    ),
    "reviews_complete": (
        "All reviews in: “{{ submission.title }}”",
        "Every review of “{{ submission.title }}” (round {{ round }}) is submitted. The "
        "submission is ready for reconciliation in the admin.\n",
    ),
    "decision_approved": (
        "Decision: “{{ submission.title }}” is approved",
        "Dear {{ organization.name }},\n\nAfter review against {{ submission.standards_version }}"
        ", the curriculum “{{ submission.title }}” is approved. It is listed in the national "
        "catalog until {{ expires_on }}.\n\nConsensus of the review panel:\n"
        "{% for row in consensus %}- {{ row.code }} {{ row.title }}: {{ row.rating }}\n"
        "{% endfor %}{% if decision.feedback %}\nComments:\n{{ decision.feedback }}\n{% endif %}"
        "\nDe-escalation Training Review\n",
    ),
    "decision_revisions_requested": (
        "Decision: revisions requested for “{{ submission.title }}”",
        "Dear {{ organization.name }},\n\nThe review panel asks for revisions to "
        "“{{ submission.title }}” before a decision can be made.\n\nRequired changes:\n"
        "{{ decision.required_changes }}\n{% if decision.feedback %}\nComments:\n"
        "{{ decision.feedback }}\n{% endif %}\nConsensus of the review panel:\n"
        "{% for row in consensus %}- {{ row.code }} {{ row.title }}: {{ row.rating }}\n"
        "{% endfor %}\nUpdate the submission and submit it again at {{ url }}\n\n"
        "De-escalation Training Review\n",
    ),
    "decision_not_approved": (
        "Decision: “{{ submission.title }}” is not approved",
        "Dear {{ organization.name }},\n\nAfter review against {{ submission.standards_version }}"
        ", the curriculum “{{ submission.title }}” is not approved.\n\nFeedback:\n"
        "{{ decision.feedback }}\n\nConsensus of the review panel:\n"
        "{% for row in consensus %}- {{ row.code }} {{ row.title }}: {{ row.rating }}\n"
        "{% endfor %}\nDe-escalation Training Review\n",
    ),
    "expiry_warning": (
        "Your approval of “{{ submission.title }}” expires in {{ days }} days",
        "Dear {{ organization.name }},\n\nThe approval of “{{ submission.title }}” expires on "
        "{{ expires_on }}, and the curriculum will then leave the catalog. Start a "
        "recertification from your submission at {{ url }}\n",
    ),
    "submission_received": (
        "{% if submission.recertifies_id %}Recertification{% else %}New submission{% endif %}: "
        "“{{ submission.title }}” (version {{ version }})",
        "{% if submission.recertifies_id %}A recertification of an approved curriculum has been "
        "submitted for review: it asks to renew the approval of “"
        "{{ submission.recertifies.title }}”{% if submission.recertifies.expires_on %}, which "
        "expires on {{ submission.recertifies.expires_on }}{% endif %}.{% else %}A new "
        "curriculum has been submitted for review.{% endif %}\n\nTitle: {{ submission.title }}\n"
        "Organization: {{ organization.name }}\nVersion: {{ version }}\n\n"
        "Screen it in the admin.\n",
    ),
    "appeal_lodged": (
        "Appeal: “{{ submission.title }}”",
        "{{ organization.name }} appeals the decision on “{{ submission.title }}” "
        "({{ appeal.get_appealed_status_display|lower }}).\n\nGrounds:\n{{ appeal.grounds }}"
        "\n\nForm an appeal panel in the admin under “Appeals”: at least two reviewers who "
        "were not on the original panel.\n",
    ),
    "appeal_status_changed": (
        "Your appeal about “{{ submission.title }}” is now: {{ appeal_status }}",
        "Dear {{ organization.name }},\n\nYour appeal of the decision on "
        "“{{ submission.title }}” ({{ appeal.get_appealed_status_display|lower }}) is now: "
        "{{ appeal_status }}.\n\nFollow it at {{ url }}\n\nDe-escalation Training Review\n",
    ),
    "appeal_reviewer_invited": (
        "Appeal panel: “{{ submission.title }}”",
        "Hello {{ reviewer_name }},\n\nYou are asked to sit on the panel of an appeal about "
        "the curriculum “{{ submission.title }}”, findings due {{ assignment.due_date }}.\n\n"
        "Before anything of the appeal opens to you, accept and declare that you have no "
        "conflict of interest, or decline, in the admin under “My appeal reviews”.\n",
    ),
    "appeal_assignment_declined": (
        "Appeal reviewer unavailable for “{{ submission.title }}”",
        "{{ reviewer_name }} declined a place on the appeal panel of “{{ submission.title }}”."
        "{% if note %}\n\nTheir statement:\n{{ note }}{% endif %}\n\n"
        "Assign another reviewer in the admin under “Appeals”.\n",
    ),
    "appeal_reminder": (
        "Appeal {% if overdue %}overdue{% else %}due soon{% endif %}: “{{ submission.title }}”",
        "Hello {{ reviewer_name }},\n\nYour {% if assignment.status == 'invited' %}answer to "
        "the appeal panel invitation{% else %}findings on the appeal{% endif %} about "
        "“{{ submission.title }}” {% if overdue %}were due on {{ assignment.due_date }} and are "
        "now overdue{% else %}are due on {{ assignment.due_date }}{% endif %}. Please complete "
        "it in the admin under “My appeal reviews”.\n",
    ),
    "appeal_upheld": (
        "Decision upheld on appeal: “{{ submission.title }}”",
        "Dear {{ organization.name }},\n\nAn independent panel, none of whom took part in the "
        "original review, has considered your appeal of the decision on "
        "“{{ submission.title }}” ({{ appeal.get_appealed_status_display|lower }}). The "
        "decision is upheld.\n\nReasons:\n{{ appeal.outcome_reasons }}\n\n"
        "De-escalation Training Review\n",
    ),
    "appeal_overturned": (
        "Decision overturned on appeal: “{{ submission.title }}”",
        "Dear {{ organization.name }},\n\nAn independent panel, none of whom took part in the "
        "original review, has considered your appeal of the decision on "
        "“{{ submission.title }}” ({{ appeal.get_appealed_status_display|lower }}). The "
        "decision is overturned and will be taken again; you will receive the new decision "
        "letter.\n\nReasons:\n{{ appeal.outcome_reasons }}\n\n"
        "Follow your submission at {{ url }}\n\nDe-escalation Training Review\n",
    ),
}

APPEAL_EMAILS = [key for key in EMAILS if key.startswith("appeal_")]


def appeal_emails_ensure(apps) -> None:
    """The appeal emails, for installs made before appeals existed."""
    EmailTemplate = apps.get_model("review_workflow", "EmailTemplate")
    for key in APPEAL_EMAILS:
        subject, body = EMAILS[key]
        EmailTemplate.objects.get_or_create(key=key, defaults={"subject": subject, "body": body})


# Earlier wordings, replaced on existing installs where nobody has edited them since.
EARLIER_EMAILS = {
    "submission_status_changed": (
        "Your submission “{{ submission.title }}” is now: {{ status }}",
        "Hello,\n\nThe status of the curriculum “{{ submission.title }}” submitted by "
        "{{ organization.name }} has changed from {{ previous_status }} to {{ status }}."
        "{% if note %}\n\nNotes from the review coordinator:\n{{ note }}{% endif %}\n\n"
        "Follow your submission at {{ url }}\n\nDe-escalation Training Review\n",
    ),
    "submission_received": (
        "New submission: “{{ submission.title }}” (version {{ version }})",
        "A new curriculum has been submitted for review.\n\nTitle: {{ submission.title }}\n"
        "Organization: {{ organization.name }}\nVersion: {{ version }}\n\n"
        "Screen it in the admin.\n",
    ),
}


def email_wording_update(apps) -> None:
    """Bring unedited emails to the current wording (an edited one is left as its editor made it)."""
    EmailTemplate = apps.get_model("review_workflow", "EmailTemplate")
    for key, (subject, body) in EARLIER_EMAILS.items():
        EmailTemplate.objects.filter(key=key, subject=subject, body=body).update(
            subject=EMAILS[key][0], body=EMAILS[key][1]
        )


EXPERTISE_AREAS = [
    ("law-enforcement-practice", "Law enforcement practice"),
    ("mental-health-practice", "Mental health practice"),
    ("curriculum-design", "Curriculum design"),
    ("research-and-evaluation", "Research and evaluation"),
]


def workflow_essentials_ensure(apps) -> None:
    """Create whatever of the starting data is missing."""
    review_essentials_ensure(apps)


def review_essentials_ensure(apps) -> None:
    """The expert-review additions: expertise areas, the new emails, the roles' new rights."""
    submission_essentials_ensure(apps)
    ExpertiseArea = apps.get_model("review_workflow", "ExpertiseArea")
    for slug, name in EXPERTISE_AREAS:
        ExpertiseArea.objects.get_or_create(slug=slug, defaults={"name": name})


def submission_essentials_ensure(apps) -> None:
    """Roles, the first standards version and the email wording (as of migration 0002)."""
    for label in (
        "auth",
        "wagtailadmin",
        "wagtailcore",
        "wagtaildocs",
        "wagtailimages",
        "review_workflow",
    ):
        app_config = apps.get_app_config(label)
        if getattr(app_config, "models_module", None) is None:  # migrations: app stubs
            app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    roles_ensure(apps)
    StandardsVersion = apps.get_model("review_workflow", "StandardsVersion")
    Standard = apps.get_model("review_workflow", "Standard")
    version, created = StandardsVersion.objects.get_or_create(
        name=FIRST_VERSION_NAME,
        defaults={"effective_date": FIRST_VERSION_EFFECTIVE, "status": "current"},
    )
    if created:
        for order, (code, domain, title, guidance, required) in enumerate(FIRST_VERSION_STANDARDS):
            Standard.objects.create(
                version=version,
                sort_order=order,
                code=code,
                domain=domain,
                title=title,
                guidance=guidance,
                required=required,
            )
    EmailTemplate = apps.get_model("review_workflow", "EmailTemplate")
    for key, (subject, body) in EMAILS.items():
        EmailTemplate.objects.get_or_create(key=key, defaults={"subject": subject, "body": body})
