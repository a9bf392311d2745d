"""API serializers for taxonomy references, shared by every page type that uses them."""

from rest_framework import serializers


def taxonomy_slugs() -> serializers.SlugRelatedField:
    """Serialize a many-to-many taxonomy field as a list of slugs."""
    return serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")


def taxonomy_slug() -> serializers.SlugRelatedField:
    """Serialize a single taxonomy reference as its slug."""
    return serializers.SlugRelatedField(read_only=True, slug_field="slug")


class PageReferenceSerializer(serializers.Serializer):
    """A page referenced from another page: id, title and public URL."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    def get_url(self, page) -> str | None:
        return page.get_url()
