"""The public pages of the national standards."""

from django.urls import path

from . import views

app_name = "standards"
urlpatterns = [
    path("", views.standards_current, name="current"),
    path("<int:pk>/", views.standards_version, name="version"),
    path("<int:pk>/comment/", views.standards_comment, name="comment"),
    path("<int:pk>/comment/summary/", views.standards_comment_summary, name="comment_summary"),
]
