from django.urls import path

from alliantie.community import views

app_name = "community"
urlpatterns = [
    path("community/", views.overview, name="overview"),
    path("community/zoeken/", views.search, name="search"),
    path("community/meldingen/", views.notifications, name="notifications"),
    path("community/meldingen/gelezen/", views.notifications_read, name="notifications-read"),
    path("community/instellingen/", views.email_settings, name="settings"),
    path("community/mail-stoppen/<str:token>/", views.email_stop, name="email-stop"),
    path("community/moderatie/", views.moderation, name="moderation"),
    path("community/moderatie/verwijderen/", views.member_remove, name="member-remove"),
    path("community/moderatie/verwijderingen/<int:pk>/opheffen/", views.removal_lift, name="removal-lift"),
    path("community/groepen/nieuw/", views.group_create, name="group-create"),
    path("community/berichten/<int:post>/wijzigen/", views.post_edit, name="post-edit"),
    path("community/berichten/<int:post>/melden/", views.post_flag, name="post-flag"),
    path("community/berichten/<int:post>/modereren/", views.post_moderate, name="post-moderate"),
    path("community/bijlagen/<int:pk>/", views.attachment, name="attachment"),
    path("community/<slug:group>/", views.group, name="group"),
    path("community/<slug:group>/lidmaatschap/", views.group_membership, name="group-membership"),
    path("community/<slug:group>/wijzigen/", views.group_edit, name="group-edit"),
    path("community/<slug:group>/nieuw/", views.thread_create, name="thread-create"),
    path("community/<slug:group>/<int:thread>/", views.thread, name="thread"),
    path("community/<slug:group>/<int:thread>/reageren/", views.reply, name="reply"),
    path("community/<slug:group>/<int:thread>/antwoord/<int:post>/", views.accept_answer, name="accept-answer"),
    path("community/<slug:group>/<int:thread>/kennisbank/", views.to_knowledge, name="to-knowledge"),
]
