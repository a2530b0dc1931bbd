from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from alliantie.accounts.permissions import admin_site_has_permission
from alliantie.api.api import api

admin.site.site_header = "Alliantie Kinderarmoede – beheer"
admin.site.site_title = "Beheer"
admin.site.has_permission = admin_site_has_permission

urlpatterns = [
    # The admin uses the site's own login, which throttles and asks for the second factor.
    path(
        "beheer/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
        name="admin-login",
    ),
    path("beheer/", admin.site.urls),
    path("taal/", set_language, name="set_language"),
    path("account/", include("alliantie.accounts.urls")),
    path("api/v1/", api.urls),
    path("", include("alliantie.partners.urls")),
    path("", include("alliantie.activities.urls")),
    path("", include("alliantie.accountability.urls")),
    path("", include("alliantie.marketplace.urls")),
    path("", include("alliantie.socialmap.urls")),
    path("", include("alliantie.events.urls")),
    path("", include("alliantie.knowledge.urls")),
    path("", include("alliantie.monitoring.urls")),
    path("", include("alliantie.backoffice.urls")),
    path("", include("alliantie.workspace.urls")),
    path("", include("alliantie.core.urls")),
]

handler500 = "alliantie.core.faults.server_error"
