from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def admin_widget_starter():
    return format_html('<script src="{}"></script>', static("security/admin-init.js"))
