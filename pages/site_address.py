"""The Wagtail Site's hostname and port, kept in step with BASE_URL so full URLs are right."""

from urllib.parse import urlsplit

from django.conf import settings


def base_url_address(base_url: str) -> tuple[str, int]:
    """The hostname and port of an address, the port defaulting from its scheme."""
    parts = urlsplit(base_url)
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


def default_site_address_apply(site_model=None) -> bool:
    """Point the default Site at BASE_URL's hostname and port; return whether it changed."""
    if site_model is None:
        from wagtail.models import Site as site_model
    site = site_model.objects.filter(is_default_site=True).first()
    if site is None:
        return False
    hostname, port = base_url_address(settings.WAGTAILADMIN_BASE_URL)
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True
