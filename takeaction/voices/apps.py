from django.apps import AppConfig


class VoicesConfig(AppConfig):
    """Statements: a pasted post or article read into quotes, speakers, asks and facts."""

    name = "takeaction.voices"
    verbose_name = "Voices"
