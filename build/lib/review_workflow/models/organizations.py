"""Training providers and the people who act for them."""

from django.conf import settings
from django.db import models

from pages.models import ProviderType, USState


class Organization(models.Model):
    """A public or private training provider; its members see its submissions."""

    name = models.CharField(max_length=255)
    provider_type = models.ForeignKey(ProviderType, on_delete=models.PROTECT, related_name="+")
    website = models.URLField(max_length=500, blank=True)
    state = models.ForeignKey(
        USState, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contact_name = models.CharField(max_length=255)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganizationMember(models.Model):
    """A provider account: one person, one organization."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_membership"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="members"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} at {self.organization}"
