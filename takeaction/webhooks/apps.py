from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "takeaction.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"

    def ready(self):
        from takeaction.webhooks import receivers  # noqa: F401  (listens to the domain events in core/events.py)
