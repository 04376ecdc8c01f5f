from django.apps import AppConfig


class OrganizersConfig(AppConfig):
    name = "takeaction.organizers"
    label = "organizers"
    verbose_name = "Organizers"
