from django.urls import path

from alliantie.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("kennisbank/", views.search, name="search"),
    path("kennisbank/nieuw/", views.item_create, name="item-create"),
    path("kennisbank/te-beoordelen/", views.review_list, name="review-list"),
    path("kennisbank/mijn-bijdragen/", views.my_contributions, name="my-contributions"),
    path("kennisbank/collecties/nieuw/", views.collection_create, name="collection-create"),
    path("kennisbank/collecties/<slug:slug>/", views.collection_detail, name="collection-detail"),
    path("kennisbank/collecties/<slug:slug>/wijzigen/", views.collection_edit, name="collection-edit"),
    path("kennisbank/<slug:slug>/", views.item_detail, name="item-detail"),
    path("kennisbank/<slug:slug>/wijzigen/", views.item_edit, name="item-edit"),
    path("kennisbank/<slug:slug>/status/", views.item_status, name="item-status"),
    path("kennisbank/<slug:slug>/bijlagen/", views.attachment_add, name="attachment-add"),
    path("kennisbank/<slug:slug>/bijlagen/<int:pk>/", views.attachment_download, name="attachment-download"),
    path("kennisbank/<slug:slug>/bijlagen/<int:pk>/verwijderen/", views.attachment_delete, name="attachment-delete"),
    path("kennisbank/<slug:slug>/toestemming/", views.consent_record, name="consent-record"),
    path("kennisbank/<slug:slug>/toestemming/<int:pk>/intrekken/", views.consent_withdraw, name="consent-withdraw"),
    path("agenda/<slug:slug>/verslag/", views.event_report, name="event-report"),
]
