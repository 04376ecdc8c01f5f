from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "takeaction.workspace"
    label = "workspace"
    verbose_name = "Workspace"
