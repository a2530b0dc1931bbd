from django.urls import path

from alliantie.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("monitor/", views.my_monitor, name="mine"),
    path("monitor/antwoorden/<str:token>/", views.answer, name="answer"),
    path("monitor/antwoorden/<str:token>/ingediend/", views.answers, name="answers"),
    path("monitor/rondes/", views.round_list, name="round-list"),
    path("monitor/rondes/nieuw/", views.round_create, name="round-create"),
    path("monitor/rondes/<int:pk>/", views.round_detail, name="round-detail"),
    path("monitor/rondes/<int:pk>/openen/", views.round_open, name="round-open"),
    path("monitor/rondes/<int:pk>/herinneren/", views.round_remind, name="round-remind"),
    path("monitor/rondes/<int:pk>/sluiten/", views.round_close, name="round-close"),
    path("monitor/rondes/<int:pk>/publiceren/", views.round_publish, name="round-publish"),
    path("monitor/rondes/<int:pk>/resultaten/", views.round_results, name="round-results"),
    path("monitor/rondes/<int:pk>/bronnen/", views.round_sources, name="round-sources"),
    path("monitor/rondes/<int:pk>/coderen/<int:question_pk>/", views.round_coding, name="round-coding"),
    path("monitor/rondes/<int:pk>/export.<str:fmt>", views.round_export, name="round-export"),
    path("resultaten/", views.published, name="published"),
    path("monitor/resultaten/<int:pk>/", views.public_results, name="public-results"),
    path("monitor/vragenlijsten/nieuw/", views.questionnaire_create, name="questionnaire-create"),
    path("monitor/vragenlijsten/<int:pk>/", views.questionnaire_detail, name="questionnaire"),
    path("monitor/vragenlijsten/<int:pk>/onderdeel/", views.section_add, name="section-add"),
    path("monitor/vragenlijsten/<int:pk>/vraag/", views.question_edit, name="question-add"),
    path("monitor/vragenlijsten/<int:pk>/vraag/<int:question_pk>/", views.question_edit, name="question-edit"),
    path(
        "monitor/vragenlijsten/<int:pk>/vraag/<int:question_pk>/verplaatsen/", views.question_move, name="question-move"
    ),
    path(
        "monitor/vragenlijsten/<int:pk>/vraag/<int:question_pk>/verwijderen/",
        views.question_delete,
        name="question-delete",
    ),
    path("voortgangsrapportage/<int:year>/", views.progress_report, name="report"),
    path("monitor/rapportage/<int:year>/", views.report_edit, name="report-edit"),
    path("monitor/rapportage/<int:year>/bevestigen/", views.report_confirm, name="report-confirm"),
]
