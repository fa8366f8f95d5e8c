from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "consult.demo"
    label = "demo"
    verbose_name = "Demo data"
