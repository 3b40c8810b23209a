"""Validators for what staff type that becomes a link on a public page."""

from django.core.validators import URLValidator

# Stored addresses become links on public pages and in the API: web addresses only, never
# `javascript:` or `data:`.
web_url_validator = URLValidator(schemes=["http", "https"])
