from django.apps import AppConfig


class OfficialsConfig(AppConfig):
    name = "takeaction.officials"
    label = "officials"
    verbose_name = "Officials"
