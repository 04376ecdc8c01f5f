from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "takeaction.api"
    label = "api"
    verbose_name = "API"
