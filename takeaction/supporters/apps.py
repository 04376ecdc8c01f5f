from django.apps import AppConfig


class SupportersConfig(AppConfig):
    name = "takeaction.supporters"
    label = "supporters"
    verbose_name = "Supporters"
