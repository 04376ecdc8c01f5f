from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "takeaction.accounts"
    label = "accounts"
    verbose_name = "Accounts"
