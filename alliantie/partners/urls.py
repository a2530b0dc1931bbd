from django.urls import path

from alliantie.partners import views

app_name = "partners"
urlpatterns = [
    path("mijn-organisaties/", views.my_organisations, name="organisation-mine"),
    path("organisaties/<slug:slug>/leden/", views.organisation_members, name="organisation-members"),
    path("organisaties/<slug:slug>/leden/uitnodigen/", views.invite_member, name="invite-member"),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation-accept"),
]
