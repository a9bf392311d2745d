from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Response headers (CSP, Permissions-Policy, no-store), the idle session timeout, and the
    admin templates that start Wagtail's widgets without inline scripts."""

    name = "security"
    verbose_name = "Security"

    def ready(self):
        from .admin_widgets import choosers_without_inline_scripts

        choosers_without_inline_scripts()
