from django.urls import path

from . import views

app_name = "questions"

urlpatterns = [
    path("", views.ask, name="ask"),
    path("details/", views.details, name="details"),
    path("check/", views.confirm, name="confirm"),
    path("thanks/", views.received, name="received"),
    path("thanks/<str:token>/", views.thanks, name="thanks"),
    path("status/", views.status_lookup, name="status_lookup"),
    path("status/<str:reference>/", views.status, name="status"),
]
