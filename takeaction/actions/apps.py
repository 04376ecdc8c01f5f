from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "takeaction.actions"
    label = "actions"
    verbose_name = "Actions"

    def ready(self):
        from django.core import checks

        from takeaction.actions.first_act import first_act_signals

        checks.register(first_act_signals, checks.Tags.signals)
