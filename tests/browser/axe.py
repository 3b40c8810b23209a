"""axe-core (the copy shipped in the axe-playwright-python wheel) run on a page.

Only the WCAG 2.0, 2.1 and 2.2 level A and AA rules are run. A violation is reported with the
rule, each element and how to fix it.
"""

from dataclasses import dataclass

from axe_playwright_python.base import AXE_SCRIPT

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


@dataclass
class AxeResult:
    version: str
    violations: list
    passes: int
    incomplete: int
    inapplicable: int

    @property
    def rules(self):
        """Every rule axe evaluated, whatever its outcome (as axe counts them)."""
        return len(self.violations) + self.passes + self.incomplete + self.inapplicable

    def report(self):
        lines = [f"axe-core {self.version}: {len(self.violations)} WCAG A/AA violation(s)"]
        for rule in self.violations:
            lines.append(f"\n[{rule['impact']}] {rule['id']}: {rule['help']}")
            lines.append(f"  more: {rule['helpUrl']}")
            for node in rule["nodes"]:
                lines.append(f"  element: {', '.join(map(str, node['target']))}")
                lines.append(f"    html: {node['html'][:200]}")
                lines.append("    " + node["failureSummary"].replace("\n", "\n    "))
        return "\n".join(lines)


def run_axe(page):
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    raw = page.evaluate("options => axe.run(document, options)", OPTIONS)
    return AxeResult(
        version=raw["testEngine"]["version"],
        violations=raw["violations"],
        passes=len(raw["passes"]),
        incomplete=len(raw["incomplete"]),
        inapplicable=len(raw["inapplicable"]),
    )
