"""What the search API shows of each result, kept beside the page."""

from django.db import models


class ResultCard(models.Model):
    """A published catalog or library page's result card: the API's JSON for it, less its URL.

    Written when the page is published or its vocabulary changes, so a page of results is read
    in one query instead of loading pages, their terms and their sites.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    data = models.JSONField()

    def __str__(self) -> str:
        return f"Result card of page {self.page_id}"
