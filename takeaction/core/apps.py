from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "takeaction.core"
    label = "core"
    verbose_name = "Core"
