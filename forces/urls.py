from django.urls import path

from . import views

app_name = "forces"

urlpatterns = [
    path("", views.force_list, name="list"),
    path("find/", views.find, name="find"),
    path("choose/", views.choose, name="choose"),
    path("forget/", views.forget, name="forget"),
    path("<slug:slug>/", views.force_detail, name="detail"),
]
