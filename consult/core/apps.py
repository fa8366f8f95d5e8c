from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "consult.core"
    label = "core"
