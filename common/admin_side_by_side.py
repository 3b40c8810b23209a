"""Staff edit a Welsh version beside the English text in the admin (answers, topics, notes).

A ModelAdmin with a Welsh version inline mixes in `SideBySideAdmin`, names the inline and the
(English field, Welsh field) pairs, and puts the English fields in a fieldset with the class
"side-by-side". Its change page (templates/admin/side_by_side/change_form.html) shows each
English field next to its Welsh one: two columns on a wide screen, one under the other on a
narrow one, in CSS alone. The Welsh column also holds the Welsh version's review state and
reviewed date. The inline's own place then holds only its hidden fields; the form posts what
the plain admin would, so saving, validation and permissions are Django's own.

When the Welsh version cannot be shown (the user may not see it, or may not add one and there
is none), the page is the plain admin page.
"""

from dataclasses import dataclass

SIDE_BY_SIDE = "side-by-side"


@dataclass
class Pair:
    english: object  # the admin's AdminField or AdminReadonlyField
    welsh: object


@dataclass
class SideBySide:
    pairs: list
    welsh_only: list  # the Welsh version's own fields (review state, reviewed date)
    form: object  # the Welsh version's form (its hidden fields, errors, delete box)
    formset: object
    original: object  # the saved Welsh version, or None


def _fields_by_name(fieldsets):
    found = {}
    for fieldset in fieldsets:
        for line in fieldset:
            for field in line:
                name = field.field["name"] if field.is_readonly else field.field.name
                found[name] = field
    return found


class SideBySideAdmin:
    change_form_template = "admin/side_by_side/change_form.html"
    side_by_side_inline = None  # the inline class of the Welsh version
    side_by_side_pairs = ()  # (English field, Welsh field)
    side_by_side_welsh_only = ("review", "last_reviewed")

    def render_change_form(self, request, context, *args, **kwargs):
        context["side_by_side"] = self._side_by_side(context)
        return super().render_change_form(request, context, *args, **kwargs)

    def _side_by_side(self, context):
        inline = next(
            (
                formset
                for formset in context.get("inline_admin_formsets", [])
                if isinstance(formset.opts, self.side_by_side_inline)
            ),
            None,
        )
        if inline is None or not inline.formset.forms:
            return None
        # The first form the formset shows (the empty one for scripts comes last).
        welsh_form = next(iter(inline))
        english = _fields_by_name(context["adminform"])
        welsh = _fields_by_name(welsh_form)
        if not all(e in english and w in welsh for e, w in self.side_by_side_pairs):
            return None
        return SideBySide(
            pairs=[Pair(english[e], welsh[w]) for e, w in self.side_by_side_pairs],
            welsh_only=[welsh[name] for name in self.side_by_side_welsh_only if name in welsh],
            form=welsh_form.form,
            formset=inline.formset,
            original=welsh_form.original,
        )
