"""How the review workflow plugs into the admin: registers, standards, email wording."""

from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import modeladmin_register

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
