from django.urls import include, path

urlpatterns = [
    path("portal/", include("review_workflow.portal.urls")),
    path("standards/", include("review_workflow.public.urls")),
    path("verify/", include("review_workflow.public.verification_urls")),
]
