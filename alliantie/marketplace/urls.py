from django.urls import path

from alliantie.marketplace import views

app_name = "marketplace"
urlpatterns = [
    path("marktplaats/", views.post_list, name="post-list"),
    path("marktplaats/nieuw/", views.post_create, name="post-create"),
    path("marktplaats/koppelingen/", views.introduction_list, name="introduction-list"),
    path("marktplaats/wekelijks-overzicht/", views.digest_toggle, name="digest-toggle"),
    path("marktplaats/koppelingen/<int:pk>/", views.introduction_detail, name="introduction-detail"),
    path("marktplaats/antwoord/<str:token>/", views.introduction_answer, name="introduction-answer"),
    path("marktplaats/<int:pk>/", views.post_detail, name="post-detail"),
    path("marktplaats/<int:pk>/bewerken/", views.post_edit, name="post-edit"),
    path("marktplaats/<int:pk>/sluiten/", views.post_close, name="post-close"),
    path("marktplaats/<int:pk>/voorstellen/", views.introduce, name="introduce"),
]
