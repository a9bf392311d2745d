"""How the mailing list plugs in: the footer sign-up form, and the subscriber register."""

from django.template.loader import render_to_string
from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from .admin_views import SubscriberAdmin
from .forms import FooterSignupForm


@hooks.register("stay_connected_form")
def footer_signup_form(request):
    return render_to_string(
        "mailing/footer_form.html", {"form": FooterSignupForm(auto_id="footer_%s")}, request
    )


modeladmin_register(SubscriberAdmin)
