from django.urls import path

from alliantie.workspace import views

app_name = "workspace"

urlpatterns = [
    path("mijn-werk/", views.start, name="start"),
]
