from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """'Mijn werk': each person's start page, read from every app (like reports)."""

    name = "alliantie.workspace"
    verbose_name = _("Mijn werk")
