from django.urls import path

from alliantie.accountability import views

app_name = "accountability"
urlpatterns = [
    path("opvolging/", views.worklist_page, name="worklist"),
    path("opvolging/<slug:slug>/", views.contact_log, name="contact-log"),
]
