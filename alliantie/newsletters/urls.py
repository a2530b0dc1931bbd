from django.urls import path

from alliantie.newsletters import views

app_name = "newsletters"
urlpatterns = [
    path("nieuwsbrief/", views.subscribe, name="subscribe"),
    path("nieuwsbrief/mijn-aanmelding/", views.mine, name="mine"),
    path("nieuwsbrief/bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("nieuwsbrief/voorkeuren/<str:token>/", views.preferences, name="preferences"),
    path("nieuwsbrief/voorkeuren/<str:token>/vergeten/", views.forget, name="forget"),
    path("nieuwsbrief/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("nieuwsbrief/archief/", views.archive, name="archive"),
    path("nieuwsbrief/archief/feed.atom", views.feed_atom, name="feed-atom"),
    path("nieuwsbrief/archief/feed.rss", views.feed_rss, name="feed-rss"),
    path("nieuwsbrief/archief/<int:number>/", views.edition_public, name="edition-public"),
    path("nieuwsbrief/bounces/", views.bounce_webhook, name="bounce-webhook"),
    path("nieuwsbrief/beheer/", views.manage, name="manage"),
    path("nieuwsbrief/beheer/nieuw/", views.edition_create, name="edition-create"),
    path("nieuwsbrief/beheer/abonnees/", views.subscribers, name="subscribers"),
    path("nieuwsbrief/beheer/onbereikbaar/", views.holds, name="holds"),
    path("nieuwsbrief/beheer/onbereikbaar/<int:pk>/vrijgeven/", views.hold_release, name="hold-release"),
    path("nieuwsbrief/beheer/<int:pk>/", views.edition_edit, name="edition-edit"),
    path("nieuwsbrief/beheer/<int:pk>/voorbeeld/", views.edition_preview, name="edition-preview"),
    path("nieuwsbrief/beheer/<int:pk>/voorstellen/", views.proposals_refresh, name="proposals-refresh"),
    path("nieuwsbrief/beheer/<int:pk>/blokken/nieuw/", views.block_add, name="block-add"),
    path("nieuwsbrief/beheer/<int:pk>/blokken/<int:block_pk>/", views.block_edit, name="block-edit"),
    path("nieuwsbrief/beheer/<int:pk>/blokken/<int:block_pk>/actie/", views.block_action, name="block-action"),
    path("nieuwsbrief/beheer/<int:pk>/test/", views.edition_test, name="edition-test"),
    path("nieuwsbrief/beheer/<int:pk>/versturen/", views.edition_send, name="edition-send"),
    path("nieuwsbrief/beheer/<int:pk>/bevestigen/", views.edition_confirm, name="edition-confirm"),
    path("nieuwsbrief/beheer/<int:pk>/stoppen/", views.edition_cancel, name="edition-cancel"),
]
