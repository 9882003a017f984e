from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "alongside.evaluation"
    label = "evaluation"
    verbose_name = _("Staff supervision records, evaluations and in-service training hours")
