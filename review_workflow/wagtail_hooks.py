"""How the review workflow plugs into the admin: registers, standards, email wording."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import modeladmin_register

from . import (  # noqa: F401 (they register hooks)
    admin_screens,
    oversight_admin,
    review_admin,
    standards_admin,
)
from .admin_views import (
    AuditEventAdmin,
    EmailTemplateViewSet,
    StandardsVersionViewSet,
    SubmissionAdmin,
)

modeladmin_register(SubmissionAdmin)
modeladmin_register(AuditEventAdmin)
register_snippet(StandardsVersionViewSet)
register_snippet(EmailTemplateViewSet)


@hooks.register("register_admin_urls")
def submission_screens():
    return [
        path(
            "submissions/<int:pk>/",
            admin_screens.submission_file,
            name="review_workflow_submission_file",
        ),
        path(
            "submissions/<int:pk>/action/<slug:action>/",
            admin_screens.submission_action,
            name="review_workflow_submission_action",
        ),
        path(
            "submissions/<int:pk>/compare/",
            admin_screens.version_compare,
            name="review_workflow_version_compare",
        ),
    ]


@hooks.register("register_site_header_links")
def provider_portal_link(request):
    if request and request.user.is_authenticated:
        return [{"label": "My submissions", "url": "/portal/"}]
    return [{"label": "Provider sign-in", "url": "/accounts/login/"}]
