from django.urls import path

from alliantie.socialmap import views

app_name = "socialmap"
urlpatterns = [
    path("sociale-kaart/", views.find_help, name="find"),
    path("sociale-kaart/waar-heb-ik-recht-op/", views.check, name="check"),
    path("sociale-kaart/<slug:slug>/", views.service_detail, name="service-detail"),
]
