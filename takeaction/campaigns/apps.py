from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "takeaction.campaigns"
    label = "campaigns"
    verbose_name = "Campaigns"

    def ready(self):
        from takeaction.campaigns import signals  # noqa: F401  (connects cache invalidation)
