from django.urls import include, path

from . import portal, views

portal_patterns = [
    path("", portal.dashboard, name="dashboard"),
    path("register/", portal.register, name="register"),
    path("profile/", portal.profile, name="profile"),
    path("submissions/new/", portal.submission_new, name="submission_new"),
    path("submissions/<int:pk>/", portal.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/withdraw/", portal.submission_withdraw, name="submission_withdraw"),
    path(
        "submissions/<int:pk>/recertify/", portal.submission_recertify, name="submission_recertify"
    ),
    path("submissions/<int:pk>/edit/<slug:step>/", portal.submission_step, name="submission_step"),
    path("materials/<str:token>/", views.material_download, name="material_download"),
]
urlpatterns = [
    path("portal/", include((portal_patterns, "portal"))),
    path("standards/", include("review_workflow.standards_urls")),
]
