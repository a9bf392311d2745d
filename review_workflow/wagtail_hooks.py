"""How the review workflow plugs into Wagtail: this module only registers."""

from django.urls import reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import modeladmin_register

from pages.scheduler import ScheduledTask

from .admin.panels import role_panels
from .admin.registers import AuditEventAdmin, ReviewerProfileAdmin, SubmissionAdmin
from .admin.snippets import (
    EmailTemplateViewSet,
    StandardsVersionViewSet,
    refuse_deleting_standards_in_use,
)
from .admin.viewsets import (
    AppealReviewsViewSet,
    AppealScreensViewSet,
    OversightViewSet,
    PublicCommentViewSet,
    ReviewerOnboardingViewSet,
    ReviewerWorkViewSet,
    SubmissionScreensViewSet,
)
from .tasks import appeal_reminders_send, approvals_expire, review_reminders_send

modeladmin_register(SubmissionAdmin)
modeladmin_register(ReviewerProfileAdmin)
modeladmin_register(AuditEventAdmin)
register_snippet(StandardsVersionViewSet)
register_snippet(EmailTemplateViewSet)
hooks.register("before_delete_snippet", refuse_deleting_standards_in_use)


@hooks.register("register_admin_viewset")
def review_workflow_viewsets():
    return [
        SubmissionScreensViewSet(),
        ReviewerWorkViewSet(),
        OversightViewSet(),
        ReviewerOnboardingViewSet(),
        AppealScreensViewSet(),
        AppealReviewsViewSet(),
        PublicCommentViewSet(),
    ]


@hooks.register("register_site_header_links")
def review_workflow_header_links(request):
    links = [{"label": "Standards", "url": reverse("standards:current")}]
    if request and request.user.is_authenticated:
        return [*links, {"label": "My submissions", "url": reverse("portal:dashboard")}]
    return [*links, {"label": "Provider sign-in", "url": reverse("accounts:login")}]


@hooks.register("construct_homepage_panels")
def review_workflow_homepage_panels(request, panels):
    panels[:0] = role_panels(request.user)


@hooks.register("register_home_actions")
def submit_a_curriculum_action(request):
    return [{"label": "Submit a curriculum", "url": reverse("portal:submission_new")}]


# Hourly through the working day: emails go out in the morning, and a run missed while the
# workers were down is made up later the same day (each reminder goes once a day at most).
REVIEW_DAILY_CRON = "0 6-18 * * *"


@hooks.register("register_scheduled_tasks")
def register_review_schedule():
    return [
        ScheduledTask("review_reminders", review_reminders_send, cron=REVIEW_DAILY_CRON),
        ScheduledTask("appeal_reminders", appeal_reminders_send, cron=REVIEW_DAILY_CRON),
        ScheduledTask("approvals_expire", approvals_expire, cron=REVIEW_DAILY_CRON),
    ]
