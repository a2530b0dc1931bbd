from django.urls import path

from alliantie.socialmap import views

app_name = "socialmap"
urlpatterns = [
    path("sociale-kaart/", views.find_help, name="find"),
    path("sociale-kaart/waar-heb-ik-recht-op/", views.check, name="check"),
    path("sociale-kaart/beheer/", views.manage, name="manage"),
    path("sociale-kaart/beheer/nieuw/", views.service_create, name="service-create"),
    path("sociale-kaart/beheer/hsds/", views.hsds_exchange, name="hsds"),
    path("sociale-kaart/beheer/meldingen/<int:pk>/afgehandeld/", views.error_report_handled, name="report-handled"),
    path("sociale-kaart/<slug:slug>/", views.service_detail, name="service-detail"),
    path("sociale-kaart/<slug:slug>/fout-melden/", views.report_error, name="report-error"),
    path("sociale-kaart/<slug:slug>/bewerken/", views.service_edit, name="service-edit"),
    path("sociale-kaart/<slug:slug>/gecontroleerd/", views.service_checked, name="service-checked"),
]
