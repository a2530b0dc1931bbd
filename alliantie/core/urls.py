from django.urls import path

from alliantie.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("gezondheid", views.health, name="health"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
]
