"""Private file storage for submission materials: outside the public media path, no URLs."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, reachable only through a permission-checked view."""

    @cached_property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a checked view.")

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


private_storage = PrivateStorage()
