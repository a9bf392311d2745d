"""Site-wide settings editors change in the admin."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Footer and "Stay connected" copy shown on every page."""

    stay_connected_heading = models.CharField(max_length=120, default="Stay connected")
    stay_connected_text = models.TextField(
        default=(
            "We are just getting started. Sign up to be notified when new content and "
            "announcements about this project are available."
        )
    )
    contact_email = models.EmailField(blank=True)
    footer_text = models.TextField(
        blank=True,
        default=(
            "A national, standards-based review of law enforcement de-escalation and "
            "crisis response training curricula."
        ),
    )

    panels = [
        FieldPanel("stay_connected_heading"),
        FieldPanel("stay_connected_text"),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = "site settings"
