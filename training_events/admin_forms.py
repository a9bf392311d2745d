"""The event page's admin form."""

from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminPageForm

from curricula.models import CurriculumPage


class EventPageForm(WagtailAdminPageForm):
    """Offers only catalog curricula, and only people in the Event organizer group as organizers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import ORGANIZER_GROUP

        if "curriculum" in self.fields:
            self.fields["curriculum"].queryset = CurriculumPage.objects.in_catalog().order_by(
                "title"
            )
        if "organizers" in self.fields:
            self.fields["organizers"].queryset = (
                get_user_model().objects.filter(groups__name=ORGANIZER_GROUP).order_by("email")
            )
