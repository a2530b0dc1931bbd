from django.urls import path

from alliantie.backoffice import views

app_name = "backoffice"
urlpatterns = [
    path("team/platform/", views.overview, name="overview"),
    path("team/uitgaande-mail/", views.outbox, name="outbox"),
    path("team/uitgaande-mail/<int:pk>/opnieuw/", views.outbox_retry, name="outbox-retry"),
    path("team/auditlog/", views.audit_log, name="audit-log"),
    path("team/auditlog/export/", views.audit_export, name="audit-export"),
    path("team/gegevensverzoeken/", views.data_requests, name="data-requests"),
    path("team/gegevensverzoeken/export/", views.data_request_export, name="data-request-export"),
    path("team/gegevensverzoeken/wissen/", views.data_request_erase, name="data-request-erase"),
    path("achtergrondtaken/<uuid:job_id>/", views.job_detail, name="job-detail"),
    path("achtergrondtaken/<uuid:job_id>/stand/", views.job_status, name="job-status"),
    path("achtergrondtaken/<uuid:job_id>/download/", views.job_download, name="job-download"),
]
