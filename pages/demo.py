"""Demo content for a fresh site: the page tree the public sees, in realistic words.

Every builder is idempotent: it looks a page up by its slug under its parent and creates it
only when missing, so running the seed twice changes nothing. Optional apps add their own
demo content through the `register_demo_content` hook, which receives the home page.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail import hooks
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, Site

from pages.models import (
    HomePage,
    HomePageFeaturedResource,
    NewsIndexPage,
    NewsPage,
    ResourceLibraryPage,
    ResourcePage,
    ResourceType,
    StandardPage,
    TopicArea,
)
from pages.site_address import default_site_address_apply
from pages.taxonomy_seed import taxonomy_seed_apply


@dataclass
class SeedReport:
    """How many pages the seed created (zero on a second run)."""

    created: int = 0

    def add(self, page_created: bool) -> None:
        self.created += int(page_created)


def child_page_get_or_create(*, parent: Page, page_class, slug: str, **fields):
    """Return the live child of `parent` with `slug`, creating and publishing it if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific, False
    many_to_many = {
        name: fields.pop(name)
        for name in list(fields)
        if page_class._meta.get_field(name).many_to_many
    }
    page = page_class(slug=slug, **fields)
    for name, values in many_to_many.items():
        getattr(page, name).set(values)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def paragraph(text: str) -> dict:
    return {"type": "paragraph", "value": text}


def heading(text: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def topics(*slugs: str) -> list[TopicArea]:
    return list(TopicArea.objects.filter(slug__in=slugs))


@transaction.atomic
def demo_content_seed() -> SeedReport:
    """Build the demo site: home, about pages, news, resource library, plus optional apps."""
    report = SeedReport()
    site_essentials_ensure()
    home, created = home_page_get_or_create()
    report.add(created)
    about_pages_seed(home=home, report=report)
    news_seed(home=home, report=report)
    resources_seed(home=home, report=report)
    for contribute in hooks.get_hooks("register_demo_content"):
        report.created += contribute(home=home)
    return report


def home_page_get_or_create() -> tuple[HomePage, bool]:
    """Make a HomePage the default site's root, replacing Wagtail's placeholder page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        default_site_address_apply()
        return site.root_page.specific, False
    root = Page.get_first_root_node()
    placeholder = root.get_children().filter(slug="home").first()
    if placeholder and not isinstance(placeholder.specific, HomePage):
        placeholder.slug = "welcome-placeholder"
        placeholder.save()
    home = HomePage(
        title="Strengthening Law Enforcement De-escalation and Crisis Response Training",
        slug="home",
        intro=(
            "<p>A national, standards-based review process that gives clear, "
            "evidence-informed guidance for building, selecting and implementing "
            "de-escalation and crisis response training.</p>"
        ),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    if site:
        site.root_page = home
        site.save()
    else:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    default_site_address_apply()
    if placeholder and not placeholder.get_children().exists():
        placeholder.delete()
    return home, True


def site_essentials_ensure() -> None:
    """Recreate what migrations load (locale, page and collection roots, taxonomy) if missing.

    Only a database emptied after migrating lacks them, as transactional tests leave it.
    """
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code=language)
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    taxonomy_seed_apply(model_for=lambda name: apps.get_model("pages", name))


def about_pages_seed(*, home: HomePage, report: SeedReport) -> None:
    about, created = child_page_get_or_create(
        parent=home,
        page_class=StandardPage,
        slug="about",
        title="About the project",
        show_in_menus=True,
        intro=(
            "A standards-based process and platform for reviewing and approving "
            "de-escalation training curricula for law enforcement officers and covered "
            "mental health professionals."
        ),
        body=[
            heading("Why a national review"),
            paragraph(
                "<p>Policymakers, community members and subject matter experts agree that "
                "de-escalation training helps officers resolve encounters safely and reduce "
                "the use of force. Yet the curricula on offer differ widely in content, "
                "delivery and length, and agencies have had little consistent guidance on "
                "which training reflects evidence-informed practice.</p>"
            ),
            paragraph(
                "<p>This platform closes that gap. Training providers submit their "
                "curricula; independent experts review them against national standards; "
                "and curricula that meet the standards are listed in a public catalog that "
                "agencies can rely on when choosing training.</p>"
            ),
            heading("What the project delivers"),
            paragraph(
                "<ul><li>National standards to guide the approval of de-escalation "
                "training curricula.</li><li>A documented process for expert review.</li>"
                "<li>An online platform for submitting, reviewing and approving curricula."
                "</li><li>A public catalog of approved curricula.</li><li>A library of "
                "evidence-informed resources for the field.</li></ul>"
            ),
        ],
    )
    report.add(created)
    _, created = child_page_get_or_create(
        parent=about,
        page_class=StandardPage,
        slug="ledta",
        title="About LEDTA",
        intro=(
            "The Law Enforcement De-escalation Training Act of 2022 expands access to "
            "de-escalation training for officers and covered mental health professionals."
        ),
        body=[
            paragraph(
                "<p>Enacted with bipartisan support in December 2022, the Law Enforcement "
                "De-escalation Training Act (LEDTA) authorizes funding for the Department "
                "of Justice to develop, certify and support de-escalation training, and "
                "further funding for state and local governments to put that training into "
                "practice.</p>"
            ),
            heading("What the Act asks the Department of Justice to do"),
            paragraph(
                "<ul><li>Develop or identify effective training curricula for law "
                "enforcement officers and covered mental health professionals.</li>"
                "<li>Set up a process to certify curricula submitted by public and private "
                "providers.</li><li>Offer regional training so agencies can deliver "
                "certified programs themselves.</li><li>Fund states to support training "
                "and participation in national use-of-force data collection.</li>"
                "<li>Evaluate how certified training is implemented and what it achieves."
                "</li></ul>"
            ),
        ],
    )
    report.add(created)


NEWS_ITEMS = [
    (
        "submission-portal-opens",
        "Curriculum submission portal opens to providers",
        datetime.date(2026, 10, 14),
        "Public and private training providers can now register and submit de-escalation "
        "curricula for review against the national standards.",
        ("de-escalation-tactics-and-techniques", "training-evaluation-and-research"),
    ),
    (
        "national-standards-published",
        "First version of the national standards published",
        datetime.date(2026, 9, 2),
        "The standards that reviewers apply to every submitted curriculum are now public, "
        "with guidance on how each one is assessed.",
        ("de-escalation-tactics-and-techniques", "alternatives-to-use-of-force"),
    ),
    (
        "expert-reviewers-recruited",
        "Expert reviewers recruited from practice and research",
        datetime.date(2026, 7, 21),
        "Law enforcement trainers, mental health clinicians, curriculum designers and "
        "researchers have joined the reviewer pool.",
        ("mental-and-behavioral-health-crisis-response", "training-evaluation-and-research"),
    ),
    (
        "listening-sessions-summary",
        "What we heard in the regional listening sessions",
        datetime.date(2026, 5, 12),
        "Agencies asked for training that is practical, scenario-based and honest about its "
        "evidence. A summary of the sessions and how they shaped the review process.",
        ("scenario-based-training", "procedural-justice-and-community-trust"),
    ),
    (
        "resource-library-launch",
        "Resource library launches with guides for the field",
        datetime.date(2026, 3, 30),
        "A growing collection of evidence-informed resources on de-escalation and crisis "
        "response, searchable by title and core topic area.",
        ("community-responder-programs", "crisis-intervention-teams-and-co-responder-models"),
    ),
]


def news_seed(*, home: HomePage, report: SeedReport) -> None:
    index, created = child_page_get_or_create(
        parent=home,
        page_class=NewsIndexPage,
        slug="news",
        title="News",
        show_in_menus=True,
        intro="Updates on the standards, the review process and the catalog.",
    )
    report.add(created)
    for slug, title, date, intro, topic_slugs in NEWS_ITEMS:
        _, created = child_page_get_or_create(
            parent=index,
            page_class=NewsPage,
            slug=slug,
            title=title,
            date=date,
            intro=intro,
            topic_areas=topics(*topic_slugs),
            body=[paragraph(f"<p>{intro}</p>"), paragraph(DEMO_NEWS_CLOSING)],
        )
        report.add(created)


DEMO_NEWS_CLOSING = (
    "<p>Sign up under “Stay connected” to be told when new content and announcements "
    "about the project are available.</p>"
)


@dataclass(frozen=True)
class DemoResource:
    slug: str
    title: str
    summary: str
    resource_type: str
    topic_slugs: tuple[str, ...]
    publisher: str = ""
    publication_date: datetime.date | None = None
    external_url: str = ""


DEMO_RESOURCES = [
    DemoResource(
        "community-driven-crisis-response-workbook",
        "Community-Driven Crisis Response: A Workbook for Coordinators",
        "This workbook contains worksheets, charts, discussion questions and related "
        "resources that help coordinators plan a community-driven crisis response.",
        "workbook",
        ("community-responder-programs", "mental-and-behavioral-health-crisis-response"),
    ),
    DemoResource(
        "paari-promising-practices-guide",
        "PAARI Promising Practices Guide",
        "A guide that helps law enforcement, public safety and public health partners "
        "build programs that connect people with substance use disorder to treatment and "
        "recovery support.",
        "guide",
        ("substance-use-and-overdose-response", "alternatives-to-use-of-force"),
        publisher="Police Assisted Addiction and Recovery Initiative (PAARI)",
        external_url="https://paariusa.org/",
    ),
    DemoResource(
        "expanding-first-response-commission-report",
        "Emerging Practices to Elevate and Replicate Community Responder Programs "
        "Nationwide: Expanding First Response National Commission Report",
        "This report details emerging practices that program leaders can use to elevate "
        "and replicate community responder programs across the country.",
        "report",
        ("community-responder-programs", "crisis-intervention-teams-and-co-responder-models"),
        publisher="The Council of State Governments Justice Center",
        publication_date=datetime.date(2024, 5, 1),
        external_url=(
            "https://csgjusticecenter.org/publications/"
            "emerging-practices-to-elevate-and-replicate-community-responder-programs-nationwide/"
        ),
    ),
    DemoResource(
        "selecting-de-escalation-training-guide",
        "Selecting De-escalation Training: A Guide for Agency Leaders",
        "Questions to ask before adopting a curriculum: what it teaches, how it is "
        "delivered, how learning is assessed, and what evidence supports it.",
        "guide",
        ("de-escalation-tactics-and-techniques", "training-evaluation-and-research"),
        publisher="De-escalation Training Review project",
        publication_date=datetime.date(2026, 9, 15),
    ),
    DemoResource(
        "duty-to-intervene-fact-sheet",
        "Duty to Intervene: A Fact Sheet for Supervisors",
        "What peer intervention asks of officers and supervisors, and how training can "
        "make it a habit rather than an exception.",
        "fact-sheet",
        ("duty-to-intervene-and-peer-intervention", "officer-safety-and-wellness"),
        publisher="De-escalation Training Review project",
        publication_date=datetime.date(2026, 6, 1),
    ),
    DemoResource(
        "scenario-based-training-toolkit",
        "Building Scenario-Based Exercises: A Toolkit for Instructors",
        "Templates and facilitation notes for realistic scenarios that practise "
        "communication, time and distance, and crisis response.",
        "toolkit",
        ("scenario-based-training", "communication-skills"),
        publisher="De-escalation Training Review project",
        publication_date=datetime.date(2026, 4, 20),
    ),
]


def resources_seed(*, home: HomePage, report: SeedReport) -> None:
    library, created = child_page_get_or_create(
        parent=home,
        page_class=ResourceLibraryPage,
        slug="resources",
        title="Resource Library",
        show_in_menus=True,
        intro=(
            "Evidence-informed and best-practice resources on de-escalation and crisis "
            "response for law enforcement leaders, officers, community members and "
            "policymakers. Search and filter by title and core topic area."
        ),
    )
    report.add(created)
    for item in DEMO_RESOURCES:
        resource, created = child_page_get_or_create(
            parent=library,
            page_class=ResourcePage,
            slug=item.slug,
            title=item.title,
            summary=item.summary,
            resource_type=ResourceType.objects.get(slug=item.resource_type),
            topic_areas=topics(*item.topic_slugs),
            publisher=item.publisher,
            publication_date=item.publication_date,
            external_url=item.external_url,
            document=None if item.external_url else demo_document(item),
        )
        report.add(created)
        if created and len(home.featured_resources.all()) < 3:
            HomePageFeaturedResource.objects.create(page=home, resource=resource)


def demo_document(item: DemoResource):
    """A small placeholder PDF for a demo resource that has no public link."""
    Document = get_document_model()
    title = f"{item.title} (demo placeholder)"
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title)
    document.file.save(f"{item.slug}.pdf", ContentFile(placeholder_pdf(item.title)), save=False)
    document.save()
    return document


def placeholder_pdf(title: str) -> bytes:
    """A one-page PDF that names the resource; editors replace it with the real file."""
    text = f"{title[:80]} - demo placeholder".replace("(", "[").replace(")", "]")
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
