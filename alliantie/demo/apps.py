from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "alliantie.demo"
    label = "demo"
    verbose_name = "Demo-alliantie"
