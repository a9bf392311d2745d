from django.urls import path

from . import certificates, downloads, views

app_name = "portal"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("register/", views.register, name="register"),
    path("profile/", views.profile, name="profile"),
    path("submissions/new/", views.submission_new, name="submission_new"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/withdraw/", views.submission_withdraw, name="submission_withdraw"),
    path(
        "submissions/<int:pk>/recertify/", views.submission_recertify, name="submission_recertify"
    ),
    path("submissions/<int:pk>/appeal/", views.submission_appeal, name="submission_appeal"),
    path(
        "submissions/<int:pk>/appeal/lodge/",
        views.submission_appeal_lodge,
        name="submission_appeal_lodge",
    ),
    path(
        "submissions/<int:pk>/certificate/",
        certificates.approval_certificate,
        name="approval_certificate",
    ),
    path("submissions/<int:pk>/edit/<slug:step>/", views.submission_step, name="submission_step"),
    path("materials/<str:token>/", downloads.material_download, name="material_download"),
]
