from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "takeaction.site"
    label = "site"
    verbose_name = "Site"
