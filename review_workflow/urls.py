from django.urls import path

from . import views

urlpatterns = [
    path("portal/materials/<str:token>/", views.material_download, name="material-download"),
]
