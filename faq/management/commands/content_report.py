"""Print the content report: answers per topic and jurisdiction, missing counterparts for other
nations, answers due for review, links to home pages, and how much of the coverage map (the
public's questions) is answered, per area and per nation. The admin shows the same report."""

from django.core.management.base import BaseCommand

from faq.content_report import build_report
from faq.references import label


class Command(BaseCommand):
    help = (
        "Answers per topic and jurisdiction, gaps between nations, reviews due, home-page links, "
        "and the share of the coverage map answered per area and nation."
    )

    def handle(self, *args, **options):
        report = build_report()
        out = self.stdout.write
        out(f"Published answers: {report.published}\n")
        out("Answers per topic (a topic counts its subtopics' answers):")
        for row in report.per_topic:
            out(f"  {'  ' * (row.topic.depth - 1)}{row.topic.name}: {row.count}")
        out("\nAnswers per jurisdiction:")
        for jurisdiction, count in report.per_jurisdiction:
            out(f"  {jurisdiction}: {count}")
        out(f"\nNo counterpart linked for another nation ({len(report.missing_counterparts)}):")
        for row in report.missing_counterparts:
            missing = " or ".join(row.missing)
            out(f"  {row.answer.label} {row.answer.question}: no {missing} answer linked")
        out(f"\nDue for review ({len(report.review_due)}):")
        for answer in report.review_due:
            out(f"  {answer.label} {answer.question} (due {answer.review_due:%d %B %Y})")
        out(f"\nLinks to a home page rather than the page meant ({len(report.home_page_links)}):")
        for link in report.home_page_links:
            out(f"  {label(link.answer_number)}: {link.title} <{link.url}>")
        self._coverage(report.coverage)
        welsh, in_wales = report.welsh
        out(
            f"\nIn Welsh: {welsh} of the {in_wales} published answers that apply in Wales "
            "(England and Wales, UK-wide)"
        )
        self.stdout.write(self.style.SUCCESS(f"\n{report.problem_count} item(s) to look at."))

    def _coverage(self, coverage):
        out = self.stdout.write
        total = coverage.overall
        out(
            f"\nCoverage map: {total.rows} questions the public asks, {total.out_of_scope} out "
            f"of scope; {total.answered} of {total.in_scope} in scope answered ({total.percent}%)"
        )
        out("Answered per area (in scope):")
        for share in coverage.per_area:
            out(f"  {share.label}: {share.answered} of {share.in_scope} ({share.percent}%)")
        out("Answered per nation (in scope; a UK-wide question counts for each):")
        for share in coverage.per_nation:
            out(f"  {share.label}: {share.answered} of {share.in_scope} ({share.percent}%)")
        out(f"Map rows naming an answer that is not published ({len(coverage.not_published)}):")
        for row, numbers in coverage.not_published:
            listed = ", ".join(label(n) for n in numbers)
            out(f"  line {row.line}: {row.question} ({listed})")
