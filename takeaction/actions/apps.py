from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "takeaction.actions"
    label = "actions"
    verbose_name = "Actions"

    def ready(self):
        from django.core import checks

        from takeaction.actions.counters import optin_counted
        from takeaction.actions.first_act import first_act_signals
        from takeaction.core.events import optin_recorded

        checks.register(first_act_signals, checks.Tags.signals)
        optin_recorded.connect(optin_counted, dispatch_uid="actions.optin_counted")
