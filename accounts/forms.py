"""Sign-in and password reset forms for the portal and the Wagtail admin."""

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from pages.forms import UswdsFormMixin

from .limits import password_reset_allowed
from .tasks import send_account_email


class EmailLoginForm(UswdsFormMixin, forms.Form):
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)
        self.user = None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        self.user = authenticate(
            self.request, email=cleaned["email"], password=cleaned["password"]
        )
        if self.user is None:
            raise forms.ValidationError(
                "That email and password do not match an active account. If you registered "
                "recently, confirm your email address first."
            )
        return cleaned


class ConfirmationResendForm(UswdsFormMixin, forms.Form):
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class AdminLoginForm(WagtailLoginForm):
    """Wagtail's admin sign-in; an account without admin access gets the wrong-password answer.

    Otherwise a provider's right password would get a different answer from a wrong one.
    """

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.has_perm("wagtailadmin.access_admin"):
            raise self.get_invalid_login_error()


class LimitedPasswordResetMixin:
    """Sends nothing past the reset limits; the answer stays "if an account exists, sent"."""

    def save(self, *args, request=None, **kwargs):
        if password_reset_allowed(request=request, email=self.cleaned_data["email"]):
            super().save(*args, request=request, **kwargs)


class AdminPasswordResetForm(LimitedPasswordResetMixin, WagtailPasswordResetForm):
    """Wagtail's admin password reset, behind the same limits as the portal's."""


class QueuedPasswordResetForm(LimitedPasswordResetMixin, UswdsFormMixin, PasswordResetForm):
    """Django's password reset form, with the email sent by the task worker."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        html = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name
            else ""
        )
        send_account_email.enqueue(subject, body, to_email, html)
