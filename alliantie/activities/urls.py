from django.urls import path

from alliantie.activities import views

app_name = "activities"
urlpatterns = [
    path("organisaties/<slug:slug>/activiteiten/", views.activity_list, name="activity-list"),
    path("organisaties/<slug:slug>/activiteiten/nieuw/", views.activity_create, name="activity-create"),
    path("activiteiten/<int:pk>/", views.activity_detail, name="activity-detail"),
    path("activiteiten/<int:pk>/bewerken/", views.activity_edit, name="activity-edit"),
    path("activiteiten/<int:pk>/voortgang/", views.progress_create, name="progress-create"),
]
