from django.urls import include, path

from . import portal, views

portal_patterns = [
    path("", portal.agency_dashboard, name="dashboard"),
    path("register/", portal.agency_register_view, name="register"),
    path("adoptions/new/", portal.adoption_new, name="adoption_new"),
    path("adoptions/<int:pk>/outcomes/new/", portal.outcome_new, name="outcome_new"),
]
dashboard_patterns = [
    path("", views.impact_dashboard, name="dashboard"),
    path("figures.csv", views.impact_figures_csv, name="figures_csv"),
    path("figures.json", views.impact_figures_json, name="figures_json"),
]
urlpatterns = [
    path("portal/agency/", include((portal_patterns, "impact-portal"))),
    path("impact/", include((dashboard_patterns, "impact"))),
]
