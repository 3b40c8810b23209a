from django.urls import path

from . import api

app_name = "api"

urlpatterns = [
    path("forces/", api.forces, name="forces"),
    path("forces/<slug:slug>/", api.force, name="force"),
    path("locate/", api.locate_view, name="locate"),
]
