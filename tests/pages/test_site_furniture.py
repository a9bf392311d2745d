"""A US government site's furniture: banner, identifier links from site settings, favicon."""

import pytest
from wagtail.models import Site

from pages.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/catalog/", "/news/", "/about/"])
def test_every_page_has_the_banner_identifier_and_favicon(client, demo_site, path):
    body = client.get(path).content.decode()
    assert "An official website of the United States government" in body
    assert 'class="usa-identifier"' in body
    assert "Accessibility support" in body and "FOIA requests" in body
    assert "Privacy policy" in body
    assert 'rel="icon"' in body and "favicon.ico" in body


def test_identifier_links_come_from_the_site_settings(client, demo_site):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.accessibility_url = "/about/accessibility/"
    site_settings.privacy_url = "https://example.gov/privacy"
    site_settings.foia_url = "https://example.gov/foia"
    site_settings.agency_name = "Office of Community Oriented Policing Services"
    site_settings.save()
    body = client.get("/").content.decode()
    assert 'href="/about/accessibility/" class="usa-identifier__required-link' in body
    assert 'href="https://example.gov/privacy"' in body
    assert 'href="https://example.gov/foia"' in body
    assert "Office of Community Oriented Policing Services" in body


def test_the_home_page_leads_to_training_and_to_submitting(client, demo_site):
    body = client.get("/").content.decode()
    assert 'href="/catalog/">Find approved training</a>' in body
    assert 'href="/portal/submissions/new/">Submit a curriculum</a>' in body
    assert body.index("Find approved training") < body.index("Submit a curriculum")


def test_the_home_page_has_one_stay_connected_region(client, demo_site):
    body = client.get("/").content.decode()
    assert body.count('class="stay-connected"') == 1
    assert client.get("/about/").content.decode().count('class="stay-connected"') == 1
