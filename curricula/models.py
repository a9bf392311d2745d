"""The catalog of approved curricula."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PagePermissionTester
from wagtail.query import PageQuerySet
from wagtail.search import index

from pages.models import Audience, DeliveryMethod, ProviderType, TopicArea, USState
from pages.models.mixins import PaginatedListingMixin
from pages.serializers import taxonomy_slug, taxonomy_slugs

from .blocks import ModuleBlock, StandardMetBlock
from .forms import CurriculumPageForm


class CurriculumQuerySet(PageQuerySet):
    def in_catalog(self, *, today=None, public=True):
        """Live, public curricula whose approval has not expired (`public=False` leaves out
        the view-restriction check, for a caller that makes it another way)."""
        today = today or timezone.localdate()
        live = self.live().public() if public else self.live()
        return live.filter(Q(expiry_date__isnull=True) | Q(expiry_date__gte=today))

    def expired(self, *, today=None):
        """Curricula whose approval ended before today."""
        return self.filter(expiry_date__lt=today or timezone.localdate())


class CatalogPage(RoutablePageMixin, PaginatedListingMixin, Page):
    """The public catalog of approved de-escalation training curricula."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["curricula.CurriculumPage"]
    max_count = 1
    per_page = 12

    def curricula(self):
        return (
            CurriculumPage.objects.child_of(self)
            .in_catalog()
            .select_related("provider_type")
            .prefetch_related("topic_areas", "delivery_methods")
            .order_by("-approval_date", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.paginate(request, self.curricula())
        return context

    @path("compare/", name="compare")
    def compare(self, request):
        # The view imports these models: imported here, when the route is taken, to avoid a cycle.
        from .views import catalog_compare

        return catalog_compare(request, catalog=self)


class CurriculumPage(Page):
    """The public profile of an approved curriculum."""

    search_label = "Approved curriculum"

    provider_name = models.CharField("Provider", max_length=255)
    provider_type = models.ForeignKey(ProviderType, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField()
    audiences = ParentalManyToManyField(Audience, related_name="+")
    topic_areas = ParentalManyToManyField(TopicArea, related_name="+")
    delivery_methods = ParentalManyToManyField(DeliveryMethod, related_name="+")
    duration_hours = models.DecimalField(
        "Duration (hours)", max_digits=6, decimal_places=1, help_text="Total instruction hours."
    )
    is_free = models.BooleanField("Free of charge", default=False)
    cost_description = models.CharField(
        "Fee", max_length=255, blank=True, help_text="For example: $250 per participant."
    )
    offered_nationwide = models.BooleanField(default=False)
    states = ParentalManyToManyField(
        USState, blank=True, related_name="+", verbose_name="states where offered"
    )
    approval_date = models.DateField()
    expiry_date = models.DateField(null=True, blank=True)
    standards_version = models.CharField(
        max_length=120, blank=True, help_text="The version of the national standards applied."
    )
    website = models.URLField(max_length=500, blank=True)
    materials_url = models.URLField(
        "Course materials",
        max_length=500,
        blank=True,
        help_text="A public link to the materials, only if the provider chose to publish one.",
    )
    learning_objectives = models.TextField(
        blank=True, help_text="What participants will be able to do; one objective per line."
    )
    modules = StreamField([("module", ModuleBlock())], blank=True, verbose_name="module outline")
    standards_met = StreamField(
        [("standard", StandardMetBlock())],
        blank=True,
        help_text="The standards the reviewers' consensus found met.",
    )
    enrolment = models.TextField(
        "How to enrol", blank=True, help_text="Dates, eligibility and how to sign up."
    )
    contact_name = models.CharField(max_length=255, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    # Set by the review's decisions: the public approval record and the version approved.
    verification_code = models.CharField(max_length=32, blank=True, editable=False)
    verification_url = models.CharField(max_length=500, blank=True, editable=False)
    approval_status = models.CharField(
        max_length=20,
        blank=True,
        editable=False,
        help_text="active, expired, suspended, revoked or superseded (blank for imports).",
    )
    approved_version_number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    approved_version_date = models.DateField(null=True, blank=True, editable=False)
    external_id = models.CharField(
        max_length=100,
        blank=True,
        help_text="The identifier used by bulk imports to update this entry.",
    )

    objects = PageManager.from_queryset(CurriculumQuerySet)()
    base_form_class = CurriculumPageForm

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("provider_name"),
                FieldPanel("provider_type"),
                FieldPanel("website"),
                FieldPanel("materials_url"),
            ],
            heading="Provider",
        ),
        FieldPanel("summary"),
        FieldPanel("learning_objectives"),
        FieldPanel("modules"),
        MultiFieldPanel(
            [
                FieldPanel("audiences"),
                FieldPanel("topic_areas"),
                FieldPanel("delivery_methods"),
                FieldPanel("duration_hours"),
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("cost_description")]),
                FieldPanel("offered_nationwide"),
                FieldPanel("states"),
            ],
            heading="Training",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("approval_date"), FieldPanel("expiry_date")]),
                FieldPanel("standards_version"),
                FieldPanel("standards_met"),
            ],
            heading="Approval",
        ),
        MultiFieldPanel(
            [
                FieldPanel("enrolment"),
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading="Contact",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("provider_name"),
        index.SearchField("summary"),
        index.AutocompleteField("provider_name"),
        index.FilterField("approval_date"),
        index.FilterField("expiry_date"),
        index.FilterField("is_free"),
        index.FilterField("duration_hours"),
        # Denormalised slugs, so the search engine filters and counts facets without joins.
        index.FilterField("topic_slugs"),
        index.FilterField("audience_slugs"),
        index.FilterField("delivery_slugs"),
        index.FilterField("provider_type_slug"),
        index.FilterField("state_codes"),
    ]
    api_fields = [
        APIField("provider_name"),
        APIField("provider_type", serializer=taxonomy_slug()),
        APIField("summary"),
        APIField("audiences", serializer=taxonomy_slugs()),
        APIField("topic_areas", serializer=taxonomy_slugs()),
        APIField("delivery_methods", serializer=taxonomy_slugs()),
        APIField("duration_hours"),
        APIField("is_free"),
        APIField("cost_description"),
        APIField("offered_nationwide"),
        APIField("state_codes"),
        APIField("approval_date"),
        APIField("expiry_date"),
        APIField("standards_version"),
        APIField("learning_objective_list"),
        APIField("modules"),
        APIField("standards_met"),
        APIField("enrolment"),
        APIField("website"),
        APIField("materials_url"),
        APIField("contact_name"),
        APIField("contact_email"),
        APIField("contact_phone"),
        APIField("approval_status"),
        APIField("verification_code"),
        APIField("verification_url"),
        APIField("approved_version_number"),
        APIField("approved_version_date"),
    ]

    settings_panels = [*Page.settings_panels, FieldPanel("external_id")]

    # Set only by the review's decisions (never in the editor): a page a decision created is
    # live exactly while its approval is in force.
    decision_managed = models.BooleanField(default=False, editable=False)
    approval_in_force = models.BooleanField(default=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="unique_curriculum_external_id",
            )
        ]

    parent_page_types = ["curricula.CatalogPage"]
    subpage_types = []

    @classmethod
    def get_indexed_objects(cls):
        return (
            super()
            .get_indexed_objects()
            .select_related("provider_type")
            .prefetch_related("topic_areas", "audiences", "delivery_methods", "states")
        )

    def is_expired(self, *, today=None) -> bool:
        """Whether the approval ended before today."""
        today = today or timezone.localdate()
        return self.expiry_date is not None and self.expiry_date < today

    def serve(self, request, *args, **kwargs):
        # An expired approval is not served, even before the daily run unpublishes it.
        if self.is_expired():
            raise Http404("This curriculum's approval has expired.")
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        return [] if self.is_expired() else super().get_sitemap_urls(request)

    def topic_slugs(self) -> list[str]:
        return [term.slug for term in self.topic_areas.all()]

    def audience_slugs(self) -> list[str]:
        return [term.slug for term in self.audiences.all()]

    def delivery_slugs(self) -> list[str]:
        return [term.slug for term in self.delivery_methods.all()]

    def provider_type_slug(self) -> str:
        return self.provider_type.slug

    @property
    def state_codes(self) -> list[str]:
        """Two-letter codes of the states where it is offered, or ["nationwide"]."""
        if self.offered_nationwide:
            return ["nationwide"]
        return sorted(state.code for state in self.states.all())

    @property
    def learning_objective_list(self) -> list[str]:
        """The learning objectives, one per non-empty line."""
        return [line.strip() for line in self.learning_objectives.splitlines() if line.strip()]

    @property
    def where_offered(self) -> str:
        """ "Nationwide", or the names of the states where it is offered."""
        if self.offered_nationwide:
            return "Nationwide"
        return ", ".join(state.name for state in self.states.all())

    @property
    def cost_label(self) -> str:
        return "Free" if self.is_free else self.cost_description

    def publication_refusal(self, *, today=None) -> str:
        """Why this entry may not be live now ("" when it may)."""
        today = today or timezone.localdate()
        decision_managed, in_force = self._approval_flags()
        if decision_managed and not in_force:
            return (
                "This curriculum's approval is not in force (suspended, revoked, expired or "
                "superseded), so its catalog entry cannot be published."
            )
        if self.expiry_date and self.expiry_date < today:
            return (
                "This curriculum's approval has expired, so its catalog entry cannot be published."
            )
        return ""

    def clean(self):
        super().clean()
        # The last door: whatever publishes a decision's page (an editor, a workflow, a
        # schedule), it cannot go live while the approval is not in force.
        refusal = self.publication_refusal() if self.live else ""
        if refusal and self._approval_flags()[0]:
            raise ValidationError(refusal)

    def with_content_json(self, content):
        """A revision's content, with the approval flags of the record as they are now: they
        belong to the review's decisions, never to a revision or an editor's save."""
        page = super().with_content_json(content)
        page.decision_managed = self.decision_managed
        page.approval_in_force = self.approval_in_force
        return page

    def _approval_flags(self) -> tuple[bool, bool]:
        # Read from the row, never from a revision: a revision made while the approval was in
        # force must not carry that back when it is published later.
        if self.pk is None:
            return self.decision_managed, self.approval_in_force
        row = (
            CurriculumPage.objects.filter(pk=self.pk)
            .values_list("decision_managed", "approval_in_force")
            .first()
        )
        return row or (self.decision_managed, self.approval_in_force)

    def permissions_for_user(self, user):
        return CurriculumPagePermissionTester(user, self)


class CurriculumPagePermissionTester(PagePermissionTester):
    """Nobody publishes a catalog entry by hand while its approval is not in force."""

    def can_publish(self):
        return super().can_publish() and not self.page.publication_refusal()
