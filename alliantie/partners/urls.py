from django.urls import path, re_path

from alliantie.partners import views

app_name = "partners"
urlpatterns = [
    path("mijn-organisaties/", views.my_organisations, name="organisation-mine"),
    path("organisaties/<slug:slug>/leden/", views.organisation_members, name="organisation-members"),
    path("organisaties/<slug:slug>/leden/uitnodigen/", views.invite_member, name="invite-member"),
    path("organisaties/<slug:slug>/leden/<int:membership_id>/verwijderen/", views.member_remove, name="member-remove"),
    path(
        "organisaties/<slug:slug>/uitnodigingen/<int:invitation_id>/intrekken/",
        views.invitation_withdraw,
        name="invitation-withdraw",
    ),
    path(
        "organisaties/<slug:slug>/leden/<int:membership_id>/contactpersoon/",
        views.member_make_contact,
        name="member-make-contact",
    ),
    path("organisaties/<slug:slug>/belofte/", views.pledge_sign, name="pledge-sign"),
    path("organisaties/<slug:slug>/voordragen/", views.nominate, name="nominate"),
    path("organisaties/<slug:slug>/landelijk-partner-worden/", views.request_partnership, name="request-partnership"),
    path("organisaties/<slug:slug>/status/", views.organisation_status, name="organisation-status"),
    path("organisaties/<slug:slug>/geschiedenis/", views.organisation_history, name="organisation-history"),
    path("organisaties/<slug:slug>/belofte.pdf", views.pledge_pdf, name="pledge-pdf"),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("word-partner/", views.apply, name="apply"),
    path("partners/", views.directory, name="directory"),
    re_path(r"^partners/export\.(?P<fmt>csv|xlsx)$", views.directory_export, name="directory-export"),
    path("partners/<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("aanmeldingen/", views.application_list, name="application-list"),
    path("organisaties-importeren/", views.import_organisations, name="import"),
    path("aanmeldingen/<slug:slug>/", views.application_decide, name="application-decide"),
]
