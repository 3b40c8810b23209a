"""The legal systems of the UK: an answer is written for one, a force works under one."""

from django.db import models


class Jurisdiction(models.TextChoices):
    ENGLAND_WALES = "england-wales", "England and Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"
    UK = "uk", "UK-wide"
