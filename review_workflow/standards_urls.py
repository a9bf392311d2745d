"""The public pages of the national standards."""

from django.urls import path

from . import standards_views

app_name = "standards"
urlpatterns = [
    path("", standards_views.standards_current, name="current"),
    path("<int:pk>/", standards_views.standards_version, name="version"),
]
