from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Public-site accounts: registration with email verification, sign-in by email, limits."""

    name = "accounts"
    verbose_name = "Accounts"
    url_module = "accounts.urls"
