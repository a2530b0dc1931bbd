from django.urls import path, re_path

from alliantie.reports import views

app_name = "reports"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/doelen/nieuw/", views.target_edit, name="target-create"),
    path("dashboard/doelen/<int:pk>/", views.target_detail, name="target-detail"),
    path("dashboard/doelen/<int:pk>/wijzigen/", views.target_edit, name="target-edit"),
    path("dashboard/doelen/<int:pk>/verwijderen/", views.target_delete, name="target-delete"),
    path("dashboard/woordenboek/", views.dictionary, name="dictionary"),
    path("dashboard/dekking/", views.coverage_page, name="coverage"),
    path("dashboard/dekking/kandidaten/", views.candidates, name="candidates"),
    path("dashboard/dekking/kandidaten/toevoegen/", views.candidate_add, name="candidate-add"),
    path("dashboard/gemeenten/", views.municipalities, name="municipalities"),
    path("dashboard/kaarten/", views.map_page, name="map"),
    re_path(r"^dashboard/kaarten/(?P<measure>[a-z-]{1,40})\.svg$", views.map_svg, name="map-svg"),
    path("dashboard/netwerk/", views.network, name="network"),
    re_path(
        r"^dashboard/netwerk/alliantie-netwerk\.(?P<fmt>gexf|graphml)$", views.network_export, name="network-export"
    ),
    path("dashboard/netwerk/<slug:slug>/", views.network_partner, name="network-partner"),
    path("werflijst/", views.recruitment, name="recruitment"),
    path("werflijst/export.csv", views.recruitment_export, name="recruitment-export"),
    path("werflijst/<int:pk>/status/", views.candidate_status, name="candidate-status"),
    path("wat-we-samen-doen/", views.impact, name="impact"),
    path("wat-we-samen-doen/kaart.svg", views.impact_map_svg, name="impact-map"),
    path("open-data/", views.open_data, name="open-data"),
    re_path(r"^open-data/(?P<name>[a-z-]{1,40}\.(?:csv|json))$", views.open_data_file, name="open-data-file"),
]
