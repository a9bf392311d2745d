from django.urls import include, path

from . import views

app_name = "mailing"
patterns = [
    path("", views.signup, name="signup"),
    path("check-your-email/", views.check_email, name="check_email"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("delivery-events/", views.delivery_webhook, name="delivery_webhook"),
]
urlpatterns = [path("stay-connected/", include(patterns))]
