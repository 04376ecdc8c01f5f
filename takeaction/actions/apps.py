from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "takeaction.actions"
    label = "actions"
    verbose_name = "Actions"
