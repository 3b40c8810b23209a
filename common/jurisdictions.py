"""The legal systems of the UK: an answer is written for one, a force works under one."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Jurisdiction(models.TextChoices):
    ENGLAND_WALES = "england-wales", _("England and Wales")
    SCOTLAND = "scotland", _("Scotland")
    NORTHERN_IRELAND = "northern-ireland", _("Northern Ireland")
    UK = "uk", _("UK-wide")
