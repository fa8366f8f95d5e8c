from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "consult.publication"
    label = "publication"
    verbose_name = _("Publication")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the licence check)
