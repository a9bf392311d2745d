"""Sign-in by email."""

from django import forms
from django.contrib.auth import authenticate

from pages.forms import UswdsFormMixin


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
