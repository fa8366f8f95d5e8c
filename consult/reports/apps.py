from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "consult.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the PDF subsetter check)
