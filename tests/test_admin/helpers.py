"""Helpers for driving the admin as a person would: log in as a role, fill in the form shown."""

import datetime

from django import forms
from django.conf import settings

from tests.factories import make_user

ADMIN_LOGIN = "/" + settings.ADMIN_URL + "login/"


def form_data(response, **overrides):
    """Every field of the change form on `response` (with its inlines), as a browser sends it.

    Overrides replace fields by name: True/False for checkboxes, None to leave a field out.
    """
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    for name, value in overrides.items():
        if value is None or value is False:
            data.pop(name, None)
        else:
            data[name] = "on" if value is True else value
    return data


def add_inline_form(data, prefix, **fields):
    """Append one new form to the inline formset `prefix` (e.g. "links")."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    return data


def _add_form(data, form):
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
            continue
        if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
            value = value or []
        if value is None:
            value = ""
        if isinstance(value, list | tuple):
            value = [str(v) for v in value]
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        data[bound.html_name] = value


def login_as(client, role):
    """Log `client` in as a new user with `role` ("anonymous" logs nobody in, "public" is a
    non-staff account); returns the user or None."""
    if role == "anonymous":
        return None
    user = make_user(role=None if role == "public" else role)
    client.force_login(user)
    return user


def is_login_redirect(response):
    return response.status_code == 302 and response["Location"].startswith(ADMIN_LOGIN)


def form_errors(response):
    """The change form's errors (and its inlines'), for assertion messages."""
    context = response.context
    if context is None or "adminform" not in context:
        return {}
    errors = dict(context["adminform"].form.errors)
    for inline in context["inline_admin_formsets"]:
        errors.update({f"{inline.formset.prefix}": inline.formset.errors})
    return errors
