from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, F, Max, OuterRef
from django.db.models.functions import Coalesce
from django.db.models.lookups import StartsWith
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from common.jurisdictions import Jurisdiction
from common.sanitise import sanitise_html
from common.translation import (  # the choices are re-exported: faq.models.TranslationReview
    Translation,
    TranslationLanguage,  # noqa: F401
    TranslationReview,  # noqa: F401
)
from common.validators import web_url_validator

from .references import label
from .review_dates import next_review_date


def _sensitive_at_or_above(path):
    """Whether the topic at `path` or one of its ancestors has its "sensitive" box ticked.

    The one rule for what is sensitive, which every `with_sensitivity()` asks: a topic is
    sensitive when it or any topic above it is marked so (a new subtopic of Domestic abuse is
    sensitive whatever its own box says), and an answer when any topic it is filed under is.
    """
    marked = Topic.objects.filter(sensitive=True).order_by()
    # A materialized path begins with the path of every ancestor.
    return Exists(marked.filter(StartsWith(path, F("path"))))


class TopicQuerySet(MP_NodeQuerySet):
    def ordered(self):
        return self.order_by("display_order", "name")

    def with_sensitivity(self):
        """`is_sensitive` on each topic: it or a topic above it is marked sensitive."""
        return self.annotate(is_sensitive=_sensitive_at_or_above(OuterRef("path")))

    def with_subtree_answer_counts(self):
        """`subtree_answers`: the published answers under each topic (`Answer.objects.in_subtree`:
        filed here or in any subtopic), each counted once. The public tree, the API and the
        admin count these."""
        under = (
            Answer.objects.published()
            .in_subtree(OuterRef("path"))
            .order_by()
            .values(one=models.Value(1))
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(subtree_answers=Coalesce(models.Subquery(under), 0))


class TopicManager(MP_NodeManager):
    def get_queryset(self):
        return TopicQuerySet(self.model, using=self._db).order_by("path")

    def with_subtree_answer_counts(self):
        return self.get_queryset().with_subtree_answer_counts()

    def with_sensitivity(self):
        return self.get_queryset().with_sensitivity()


class Topic(MP_Node):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120)
    description = models.CharField(max_length=300, blank=True)
    display_order = models.PositiveSmallIntegerField(default=100)
    sensitive = models.BooleanField(
        default=False,
        help_text="Abuse, stalking, sexual offences and the like: pages show a quick exit button.",
    )
    # The slugs of this topic and its ancestors joined by "/", kept in step by faq.topics so a
    # topic URL resolves in one indexed query.
    url_path = models.CharField(max_length=600, unique=True, editable=False)

    objects = TopicManager()

    class Meta:
        ordering = ["path"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("faq:topic_detail", kwargs={"path": self.url_path})

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        if not self.url_path:
            parent = Topic.objects.get_parent(self) if self.depth and self.depth > 1 else None
            self.url_path = f"{parent.url_path}/{self.slug}" if parent else self.slug
        super().save(*args, **kwargs)


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


A_TO_Z_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
OTHER_LETTER = "#"  # questions starting with a digit or a symbol
QUOTES_AND_SPACES = "\"'\u201c\u2018\u00bf\u00a1 "


def a_to_z_letter(question):
    """The English A to Z heading `question` is filed under: its first letter after any quotes
    and spaces, or OTHER_LETTER for a digit, a symbol or a letter outside A to Z."""
    first = question.lstrip(QUOTES_AND_SPACES)[:1].upper()
    return first if first and first in A_TO_Z_LETTERS else OTHER_LETTER


def question_key(question):
    """What English lists (the A to Z, topic pages) sort a question by, with its number."""
    return question.lower()[:255]


# What an answer's number leads to: every surface (the page, its kept parts, the API, the embed,
# the short address) asks `Answer.objects.resolve(number)` and answers each case the same way.


@dataclass(frozen=True)
class Live:
    """Published under this number: show it."""

    answer: "Answer"


@dataclass(frozen=True)
class Moved:
    """Merged into another answer: the number leads for good to `to`, the end of the chain."""

    answer: "Answer"
    to: "Answer"


@dataclass(frozen=True)
class Withdrawn:
    """Taken off the site (archived) and replaced by nothing: gone (410)."""

    answer: "Answer"


@dataclass(frozen=True)
class Missing:
    """No answer the public may see has this number (never used, deleted, draft or in review)."""

    number: int


class AnswerQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        # A bulk write (an import, the demo content) skips save(): the fields it keeps too.
        objs = list(objs)
        for answer in objs:
            answer.set_question_keys()
        return super().bulk_create(objs, *args, **kwargs)

    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def resolve(self, number):
        """What `number` leads to for the public: Live, Moved, Withdrawn or Missing. Chain it
        after what the caller needs on the answer (`with_sensitivity()`)."""
        answer = (
            self.select_related("primary_topic", "replaced_by")
            .filter(number=number, status__in=[Status.PUBLISHED, Status.ARCHIVED])
            .first()
        )
        if answer is None:
            return Missing(number)
        if answer.replaced_by_id:
            return Moved(answer, final_answer(answer))
        if answer.status == Status.ARCHIVED:
            return Withdrawn(answer)
        return Live(answer)

    def in_subtree(self, *topics):
        """Answers filed under any of `topics` or a topic below one: the one meaning of "the
        answers under a topic" (its pages, API, feeds, counts and admin). Filed means among its
        topics or the breadcrumb's primary topic, as for sensitivity. A topic may be given as
        a reference to its tree path, `OuterRef("path")`: each topic's count
        (`TopicQuerySet.with_subtree_answer_counts`)."""
        if not topics:
            return self.none()
        below = models.Q()
        for topic in topics:
            path = topic if isinstance(topic, OuterRef) else topic.path
            # Inside the Exists the answer is one query out, so an outer path is one further.
            inner = OuterRef(path) if isinstance(path, OuterRef) else path
            filed = Answer.topics.through.objects.filter(
                answer=OuterRef("pk"), topic__path__startswith=inner
            )
            below |= models.Q(primary_topic__path__startswith=path) | Exists(filed)
        return self.filter(below)

    def with_sensitivity(self):
        """`is_sensitive` on each answer: a topic it is filed under (its topics and the
        primary topic of its breadcrumb), or an ancestor of one, is marked sensitive. Every
        surface (the page and its kept parts, the embed, the feeds, the API) asks this."""
        filed = Answer.topics.through.objects.filter(answer=OuterRef("pk")).filter(
            _sensitive_at_or_above(OuterRef("topic__path"))
        )
        primary = Topic.objects.filter(pk=OuterRef("primary_topic_id")).filter(
            _sensitive_at_or_above(OuterRef("path"))
        )
        either = models.Q(Exists(filed.order_by())) | models.Q(Exists(primary.order_by()))
        return self.annotate(
            is_sensitive=models.ExpressionWrapper(either, output_field=models.BooleanField())
        )

    def is_sensitive(self, answer):
        """`with_sensitivity()` for one answer already in hand (one query)."""
        return bool(
            self.with_sensitivity()
            .filter(pk=answer.pk)
            .values_list("is_sensitive", flat=True)
            .first()
        )

    def review_due(self, today=None):
        """Published answers whose review date has come (uses the status/review_due index)."""
        return self.published().filter(review_due__lte=today or timezone.localdate())

    def with_broken_references(self):
        """Answers whose body refers to a number that is missing or not published."""
        broken = CrossReference.objects.exclude(
            target_number__in=Answer.objects.published().values("number")
        ).values("source_id")
        return self.filter(pk__in=broken)

    # Answer numbers are stable and never reused, even after an answer is deleted.
    def next_free_number(self):
        highest = max(
            Answer.objects.aggregate(m=Max("number"))["m"] or 0,
            RetiredNumber.objects.aggregate(m=Max("number"))["m"] or 0,
        )
        return highest + 1

    def number_taken(self, number, *, exclude_pk=None):
        """Whether `number` is held by another answer or was retired with a deleted one."""
        answers = Answer.objects.filter(number=number)
        if exclude_pk is not None:
            answers = answers.exclude(pk=exclude_pk)
        return answers.exists() or RetiredNumber.objects.filter(number=number).exists()


class Answer(models.Model):
    number = models.PositiveIntegerField(
        unique=True,
        blank=True,
        help_text="The Q-number people quote. Leave blank to take the next free number.",
    )
    question = models.CharField(max_length=255)
    slug = models.SlugField(max_length=120, blank=True)
    summary = models.CharField(
        max_length=300, help_text="One sentence: shown in lists, search and the meta description."
    )
    body = models.TextField(help_text="The answer. Write Q497 to refer to another answer.")
    keywords = models.TextField(
        blank=True, help_text="Words and synonyms people may search with, separated by commas."
    )
    also_asked = models.TextField(
        "also asked as",
        blank=True,
        help_text="Other ways people ask this question, in their own words: one per line. "
        "Search weighs them like the question itself.",
    )
    sources = models.TextField(
        "sources (staff only)",
        blank=True,
        help_text="What this answer's facts rest on: Acts and sections, official guidance pages, "
        "dates checked. One per line. Never shown to the public.",
    )
    topics = models.ManyToManyField(Topic, related_name="answers", blank=True)
    primary_topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        related_name="primary_answers",
        null=True,
        blank=True,
        help_text="The topic shown in the breadcrumb.",
    )
    jurisdiction = models.CharField(
        max_length=20, choices=Jurisdiction.choices, default=Jurisdiction.ENGLAND_WALES
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        help_text="When set, this answer's number redirects to the other answer.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    review_interval_months = models.PositiveSmallIntegerField(
        default=12, help_text="How often this answer must be checked against the law, in months."
    )
    # Kept by save(): last reviewed (or published, or created) + the interval; stored so the
    # admin and the review digest can filter on an index.
    review_due = models.DateField(null=True, blank=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_answers",
        help_text="The editor who keeps this answer correct and gets its review reminders.",
    )
    view_count = models.PositiveIntegerField(default=0, editable=False)
    home_pick = models.BooleanField(
        "suggest on the home page",
        default=False,
        help_text="Listed on the home page while too few people have read answers recently to "
        "say which are most read (a new site, a quiet month).",
    )
    # Kept by faq.search.index whenever the answer or its topics change: the body as plain text
    # (for snippets and SQLite's FTS5 table), its topic names, and on PostgreSQL a weighted
    # tsvector.
    body_text = models.TextField(blank=True, editable=False)
    topic_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    # PostgreSQL: the same without the body, small enough to rank every match cheaply.
    head_vector = SearchVectorField(null=True, editable=False)
    # The distinct words this answer gave the vocabulary (SearchWord) at its last refresh, so
    # the next refresh can take away exactly what it added.
    search_words = models.TextField(blank=True, editable=False)
    # Kept by save() from the question, so the English A to Z and topic pages read their lists
    # from an index in order (a_to_z_letter, question_key) instead of sorting every answer.
    a_to_z_letter = models.CharField(max_length=1, blank=True, editable=False)
    question_key = models.CharField(max_length=255, blank=True, editable=False)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        indexes = [
            models.Index(fields=["status", "-view_count"], name="answer_status_views"),
            models.Index(fields=["status", "-updated_at"], name="answer_status_updated"),
            # The lowest, highest and next published number (question of the day), in an index.
            models.Index(fields=["status", "number"], name="answer_status_number"),
            models.Index(fields=["status", "review_due"], name="answer_status_review_due"),
            # A letter of the A to Z, in order, a page at a time; every question in order.
            models.Index(
                fields=["status", "a_to_z_letter", "question_key", "number"],
                name="answer_status_letter",
            ),
            models.Index(fields=["status", "question_key", "number"], name="answer_status_key"),
            # The home page's picks: the few ticked, not every answer read to find them.
            models.Index(
                fields=["status", "number"],
                condition=models.Q(home_pick=True),
                name="answer_home_picks",
            ),
        ]
        permissions = [("publish_answer", "Can publish, archive and merge answers")]

    def __str__(self):
        return f"{self.label}: {self.question}"

    def save(self, *args, **kwargs):
        if not self.number:
            self.number = Answer.objects.next_free_number()
        if not self.slug:
            self.slug = slugify(self.question)[:120] or f"q{self.number}"
        self.body = sanitise_html(self.body)
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.review_due = next_review_date(self)
        self.set_question_keys()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("faq:answer_detail", kwargs={"number": self.number, "slug": self.slug})

    def set_question_keys(self):
        self.a_to_z_letter = a_to_z_letter(self.question)
        self.question_key = question_key(self.question)

    @property
    def label(self):
        """How the answer's number is written everywhere: "Q497"."""
        return label(self.number)

    @property
    def also_asked_list(self):
        """The alternative phrasings, one per non-blank line."""
        return [line.strip() for line in self.also_asked.splitlines() if line.strip()]

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


def final_answer(answer):
    """Where a merged answer's number leads: the end of its "replaced by" chain (loop-safe)."""
    seen = set()
    while answer.replaced_by_id and answer.pk not in seen:
        seen.add(answer.pk)
        answer = answer.replaced_by
    return answer


class RetiredNumber(models.Model):
    """A number once held by a deleted answer: never handed out again."""

    number = models.PositiveIntegerField(unique=True)
    retired_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return label(self.number)


class CrossReference(models.Model):
    """One cross-reference: `source`'s body mentions Q`target_number`."""

    source = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="references_out")
    target_number = models.PositiveIntegerField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target_number"], name="unique_reference")
        ]

    def __str__(self):
        return f"{self.source.label} → {label(self.target_number)}"


class RelatedLink(models.Model):
    """One line of an answer's "Related Information" list."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(max_length=200)
    title_cy = models.CharField("Welsh title", max_length=200, blank=True)
    url = models.URLField(max_length=500, validators=[web_url_validator])
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.title


class Claim(models.Model):
    """One checkable statement in an answer and the source that confirms it: staff only.

    Every number, age, time limit, penalty, section and phone number an answer states gets a
    claim, so a second editor can check each one against the page it rests on (the address and
    the words there that confirm it) before the answer goes out. Never shown on public pages,
    the API, feeds or embeds.
    """

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="claims")
    statement = models.CharField(
        max_length=500, help_text="What the answer says, e.g. “the number is 0800 148 88 88”."
    )
    source_url = models.URLField(
        "source",
        max_length=500,
        validators=[web_url_validator],
        help_text="The page that confirms it.",
    )
    confirming_words = models.TextField(help_text="The words on that page that confirm it.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.statement


class Feedback(models.Model):
    """ "Was this answer helpful?" — one row per response, no personal data."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField()
    comment = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name_plural = "feedback"

    def __str__(self):
        return f"{self.answer.label}: {'yes' if self.helpful else 'no'}"


class AnswerViewDay(models.Model):
    """How many people read an answer on one day: "Most read" ranks a window of these days.
    Each client counts once per answer per day (faq/viewcounts.py); nothing about who read."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="view_days")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "day"], name="unique_answer_view_day")
        ]
        indexes = [models.Index(fields=["day"], name="answer_view_day")]

    def __str__(self):
        return f"{self.answer.label} on {self.day}: {self.views}"


class UnansweredSearch(models.Model):
    """A search that found nothing, so editors can see what people look for (text only)."""

    query = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=1)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-count", "-last_seen"]
        verbose_name_plural = "unanswered searches"

    def __str__(self):
        return self.query


class Synonym(models.Model):
    """An everyday word or phrase and the words the answers use for it, applied to each query
    as it is searched (never stored in the index), so a change counts at once."""

    term = models.CharField(
        max_length=80,
        unique=True,
        help_text="What people type, in lower case: a word or a short phrase (“nicked”, “ex”).",
    )
    replacements = models.CharField(
        max_length=300,
        help_text="Words or phrases the answers use, separated by commas (“stolen, theft”).",
    )
    nation = models.CharField(
        max_length=20,
        blank=True,
        choices=[(j.value, j.label) for j in Jurisdiction if j != Jurisdiction.UK],
        help_text="For a word of one nation's everyday English (“wean”, “peelers”): its answers "
        "come first when the query names no place and no force is chosen.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} → {self.replacements}"

    def save(self, *args, **kwargs):
        self.term = " ".join(self.term.lower().split())
        super().save(*args, **kwargs)

    @property
    def replacement_list(self):
        return [r.strip().lower() for r in self.replacements.split(",") if r.strip()]


class SearchWord(models.Model):
    """The site's vocabulary: every word of the published answers' searchable text, with the
    number of answers that hold it. Kept by faq.search's refresh path; typo correction looks
    for the nearest word here (trigram index on PostgreSQL, FTS5 trigram table on SQLite)."""

    word = models.CharField(max_length=60, unique=True)
    answers = models.IntegerField(default=0)

    def __str__(self):
        return self.word


class SearchOutcome(models.TextChoices):
    NO_RESULTS = "none", "Found nothing"
    CORRECTED = "corrected", "Spelling corrected"


class SearchQueryDay(models.Model):
    """How often one query text found nothing (or needed correcting) on one day: the editors'
    report. Query text only, nothing about who searched."""

    query = models.CharField(max_length=200)
    day = models.DateField(default=timezone.localdate)
    outcome = models.CharField(max_length=10, choices=SearchOutcome.choices)
    corrected_to = models.CharField(max_length=200, blank=True)
    count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["query", "day", "outcome"], name="unique_search_query_day"
            )
        ]
        indexes = [models.Index(fields=["day", "outcome"], name="search_query_day_outcome")]
        verbose_name = "search people struggled with"
        verbose_name_plural = "searches people struggled with"

    def __str__(self):
        return f"{self.query} ({self.day})"


class AnswerTranslation(Translation):
    """An answer's text in another language. Without one, the page in that language shows the
    English text (marked lang="en") and says so."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="translations")
    question = models.CharField(max_length=255)
    summary = models.CharField(max_length=300)
    body = models.TextField(help_text="Write Q497 to refer to another answer, as in English.")
    keywords = models.TextField(blank=True, help_text="Search words in this language, by commas.")
    also_asked = models.TextField(
        "also asked as", blank=True, help_text="Other ways people ask it: one per line."
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When this text was last checked against the English answer.",
    )
    # faq.translations.english_digest of the English text this version was made from: when the
    # English changes, the admin lists this version as older than the English.
    source_digest = models.CharField(max_length=64, blank=True, editable=False)
    # Kept by faq.search.welsh: plain body text, and on PostgreSQL a `simple` tsvector.
    body_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta(Translation.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "language"], name="one_answer_translation_per_language"
            )
        ]

    def __str__(self):
        return f"Q{self.answer.number} ({self.language}): {self.question}"

    def save(self, *args, **kwargs):
        self.body = sanitise_html(self.body)
        super().save(*args, **kwargs)

    @property
    def also_asked_list(self):
        return [line.strip() for line in self.also_asked.splitlines() if line.strip()]


class TopicTranslation(Translation):
    """A topic's name and description in another language."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=300, blank=True)

    class Meta(Translation.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "language"], name="one_topic_translation_per_language"
            )
        ]

    def __str__(self):
        return f"{self.topic} ({self.language}): {self.name}"


class WelshSynonym(models.Model):
    """As Synonym, for searches in Welsh (faq.search.welsh): a Welsh word or phrase and the
    words the Welsh answers (or, after them, the English ones) use for it."""

    term = models.CharField(max_length=80, unique=True)
    replacements = models.CharField(
        max_length=300, help_text="Welsh or English words or phrases, separated by commas."
    )

    class Meta:
        ordering = ["term"]
        verbose_name = "Welsh synonym"

    def __str__(self):
        return f"{self.term} → {self.replacements}"

    def save(self, *args, **kwargs):
        self.term = " ".join(self.term.lower().split())
        super().save(*args, **kwargs)
