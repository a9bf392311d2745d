"""Sign-in by email."""

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from pages.forms import UswdsFormMixin

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


class QueuedPasswordResetForm(UswdsFormMixin, PasswordResetForm):
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
