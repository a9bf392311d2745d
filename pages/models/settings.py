"""Site-wide settings editors change in the admin."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Footer, identifier links and "Stay connected" copy shown on every page."""

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

    agency_name = models.CharField(
        "Parent agency", max_length=200, default="U.S. Department of Justice"
    )
    agency_url = models.URLField("Parent agency's address", default="https://www.justice.gov/")
    accessibility_url = models.CharField(
        "Accessibility statement",
        max_length=500,
        default="https://www.justice.gov/accessibility/accessibility-information",
        help_text="A full address or a path on this site.",
    )
    privacy_url = models.CharField(
        "Privacy policy",
        max_length=500,
        default="https://www.justice.gov/doj/privacy-policy",
        help_text="A full address or a path on this site.",
    )
    foia_url = models.CharField(
        "FOIA requests",
        max_length=500,
        default="https://www.justice.gov/oip",
        help_text="A full address or a path on this site.",
    )

    panels = [
        FieldPanel("stay_connected_heading"),
        FieldPanel("stay_connected_text"),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [
                FieldPanel("agency_name"),
                FieldPanel("agency_url"),
                FieldPanel("accessibility_url"),
                FieldPanel("privacy_url"),
                FieldPanel("foia_url"),
            ],
            heading="Identifier (required links of a federal site)",
        ),
    ]

    class Meta:
        verbose_name = "site settings"
