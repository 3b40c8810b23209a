"""Every piece of text in a public template goes through the translation catalogue, and the
Welsh catalogue has a translation for each."""

import re
import subprocess
from pathlib import Path

from django.conf import settings
from django.utils import translation

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Staff pages and the mail to forces are in English only.
STAFF_ONLY = ("admin/", "faq/answer_preview.html", "questions/email/forward_")
PO_FILE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"

BLOCKS = [
    # Names that are the same in every language (cookie names) say so, as HTML does.
    re.compile(r'<(\w+)[^>]*\btranslate="no"[^>]*>.*?</\1>', re.S),
    re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S),
    re.compile(r"{#.*?#}", re.S),
    re.compile(r"{%\s*blocktranslate\b.*?{%\s*endblocktranslate\s*%}", re.S),
    re.compile(r"<script\b.*?</script>", re.S),
    re.compile(r"<style\b.*?</style>", re.S),
    re.compile(r"{%.*?%}", re.S),
    re.compile(r"{{.*?}}", re.S),
]
TEXT_ATTRIBUTES = re.compile(r'\b(?:aria-label|title|alt|placeholder|content)="([^"]*)"')
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[A-Za-z]{2,}")
# Not words of any language: entities, and the emergency numbers people dial.
NOT_TEXT = re.compile(r"&[a-z]+;|&#\d+;")
# Attribute values that are not prose (meta viewport, charset and the like).
MACHINE_VALUES = {"width=device-width, initial-scale=1", "noindex", "noindex, nofollow"}


def public_templates():
    for path in sorted(TEMPLATES.rglob("*")):
        relative = path.relative_to(TEMPLATES).as_posix()
        if path.suffix in (".html", ".txt") and not relative.startswith(STAFF_ONLY):
            yield relative, path.read_text(encoding="utf-8")


def untranslated(source):
    """Text in a template that is outside every translate tag."""
    for pattern in BLOCKS:
        source = pattern.sub(" ", source)
    found = [
        value
        for value in TEXT_ATTRIBUTES.findall(source)
        if WORD.search(value) and value not in MACHINE_VALUES
    ]
    for text in TAG.sub("\n", source).split("\n"):
        text = NOT_TEXT.sub(" ", text).strip()
        if WORD.search(text):
            found.append(text)
    return found


def test_the_check_finds_text_outside_translate_tags():
    assert untranslated('<p>Call us</p><a aria-label="Main">x</a>') == ["Main", "Call us"]
    assert untranslated('{% translate "Call us" %}<p>{{ x }} Q{{ n }}</p>') == []
    assert untranslated("{% blocktranslate %}Call <a>us</a>{% endblocktranslate %}") == []
    assert untranslated('<td translate="no">sessionid</td>') == []


def test_no_public_template_has_untranslated_text():
    problems = {
        name: found for name, source in public_templates() if (found := untranslated(source))
    }
    assert problems == {}


def test_the_welsh_catalogue_translates_every_message():
    """msgfmt --statistics counts translated, fuzzy and untranslated messages."""
    result = subprocess.run(
        ["msgfmt", "--statistics", "--check", "-o", "/dev/null", str(PO_FILE)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_the_compiled_catalogue_is_the_one_used():
    with translation.override("cy"):
        assert translation.gettext("Skip to main content") == "Neidio i'r prif gynnwys"
