"""The public approval records."""

from django.urls import path

from . import verification

app_name = "verification"
urlpatterns = [
    path("<str:code>/", verification.approval_record, name="record"),
]
