"""Readable differences between two saved revisions of an answer (django-reversion versions).

Each version is turned into labelled plain text (names instead of ids, one HTML block per line)
and compared field by field with difflib; templates escape the lines when showing them.
"""

import difflib
import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from forces.models import Force, LocalNote

from .models import Answer, Claim, Jurisdiction, RelatedLink, Status, Topic

_BLOCK_END = re.compile(r"(</(?:p|h2|h3|h4|li|ul|ol|blockquote)>|<br\s*/?>)", re.IGNORECASE)


@dataclass
class FieldDiff:
    label: str
    lines: list  # (kind, text): kind is "added", "removed", "context" or "gap"


def body_lines(html):
    return [line.strip() for line in _BLOCK_END.sub(r"\1\n", html or "").splitlines() if line]


def _names(model, ids, fmt):
    found = model.objects.in_bulk([i for i in ids if i is not None])
    return [fmt(found[i]) if i in found else f"(deleted, id {i})" for i in ids if i is not None]


def _followers(version, model, answer_id):
    content_type = ContentType.objects.get_for_model(model)
    return [
        v.field_dict
        for v in version.revision.version_set.filter(content_type=content_type)
        if v.field_dict.get("answer_id") == answer_id
    ]


def version_text(version):
    """Label → text for one version of an answer."""
    data = version.field_dict
    topics = _names(Topic, data.get("topics", []), str)
    primary = _names(Topic, [data.get("primary_topic_id")], str)
    replaced = _names(Answer, [data.get("replaced_by_id")], lambda a: a.label)
    owner = _names(get_user_model(), [data.get("owner_id")], lambda u: u.get_username())
    links = sorted(
        _followers(version, RelatedLink, data["id"]), key=lambda d: (d["order"], d["id"])
    )
    claims = sorted(_followers(version, Claim, data["id"]), key=lambda d: (d["order"], d["id"]))
    notes = _followers(version, LocalNote, data["id"])
    forces = Force.objects.in_bulk([n["force_id"] for n in notes])
    note_lines = sorted(
        f"{forces[n['force_id']].name if n['force_id'] in forces else n['force_id']}: {line}"
        for n in notes
        for line in body_lines(n["body"])
    )
    return {
        "Question": data.get("question", ""),
        "Slug": data.get("slug", ""),
        "Summary": data.get("summary", ""),
        "Body": "\n".join(body_lines(data.get("body", ""))),
        "Keywords": data.get("keywords", ""),
        "Also asked as": data.get("also_asked", ""),
        "Sources (staff only)": data.get("sources", ""),
        "Claims (staff only)": "\n".join(
            f'{d["statement"]} | {d["source_url"]} | "{d["confirming_words"]}"' for d in claims
        ),
        "Primary topic": "\n".join(primary),
        "Topics": "\n".join(sorted(topics)),
        "Jurisdiction": _label(Jurisdiction, data.get("jurisdiction")),
        "Status": _label(Status, data.get("status")),
        "Replaced by": "\n".join(replaced),
        "Owner": "\n".join(owner),
        "Review interval (months)": str(data.get("review_interval_months", "")),
        "Last reviewed": str(data.get("last_reviewed") or ""),
        "Related Information links": "\n".join(
            " | ".join(part for part in (d["title"], d["url"], d["description"]) if part)
            for d in links
        ),
        "Local notes": "\n".join(note_lines),
    }


def _label(choices, value):
    try:
        return choices(value).label
    except ValueError:
        return value or ""


def compare(older, newer):
    """The fields that differ between two versions, each as a unified diff of lines."""
    before, after = version_text(older), version_text(newer)
    diffs = []
    for label, old in before.items():
        new = after.get(label, "")
        if old == new:
            continue
        lines = []
        diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=2)
        for line in list(diff)[2:]:
            if line.startswith("@@"):
                lines.append(("gap", "…"))
            elif line.startswith("+"):
                lines.append(("added", line[1:]))
            elif line.startswith("-"):
                lines.append(("removed", line[1:]))
            else:
                lines.append(("context", line[1:]))
        diffs.append(FieldDiff(label=label, lines=lines))
    return diffs
