from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "alliantie.api"
    label = "api"
    verbose_name = "API"
