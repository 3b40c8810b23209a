"""Does a question read like an emergency or a crime being reported? Pure text rules.

A match never stops anyone sending: it shows a page pointing to 999, 101 and online reporting
first. So the rules lean towards asking ("did you mean to report this?") rather than missing one.
"""

import re
from dataclasses import dataclass, field


def _any(*words):
    return "(?:" + "|".join(words) + ")"


_PEOPLE = _any(
    "he", "she", "they", "someone", "somebody", "a man", "a woman",
    "my " + _any("ex", "partner", "husband", "wife", "boyfriend", "girlfriend", "neighbour"),
)  # fmt: skip
_WHERE = _any(
    "outside",
    "here",
    "at (?:my|the) (?:door|window|house)",
    "in (?:my|the) (?:house|home|flat|garden)",
    "trying to (?:get|break) in",
    "following me",
)
_HARM = _any("attacked", "assaulted", "robbed", "mugged", "burgled", "raped", "stabbed", "hit")
_CRIME = _any("crime", "assault", "theft", "burglary", "robbery", "incident", "attack", "rape")
_DANGER = _any(
    "emergency", "urgent help", "can't breathe", "cannot breathe", "bleeding", "unconscious",
    "has a (?:knife|gun|weapon)",
)  # fmt: skip

EMERGENCY_PATTERNS = [
    rf"\b{_PEOPLE}(?:'s| is| are|'re)? {_WHERE}\b",
    r"\b(?:is|are) outside (?:now|right now|my (?:house|home|flat|door))\b",
    r"\bi(?:'m| am) (?:in danger|scared for my life|being (?:attacked|followed|hurt|threatened))\b",
    r"\b(?:in danger|immediate danger)\b",
    r"\b(?:going to|gonna|will|threatening to|threatened to) (?:kill|hurt|stab|attack|harm)\b",
    r"\b(?:kill|hurt|harm) (?:myself|me|us|my (?:kids|children|child|baby))\b",
    r"\b(?:right now|happening now|at the moment he|at the moment she)\b",
    r"\b(?:help me|please help)\b.*\b(?:now|quickly|urgent)\b",
    rf"\b{_DANGER}\b",
    r"\b(?:suicide|suicidal|end my life)\b",
]

CRIME_REPORT_PATTERNS = [
    r"\bi (?:want|would like|wish|need) to report\b",
    r"\bi'd like to report\b",
    rf"\breport (?:a|an|this|the) {_CRIME}\b",
    rf"\bi(?:'ve| have) (?:just )?been {_HARM}\b",
    r"\b(?:someone|somebody) (?:has )?(?:just )?(?:stole|stolen|broke into|broken into)\b",
    r"\b(?:has|have) just (?:happened|been stolen|broken in)\b",
    rf"\bjust (?:happened|been {_HARM})\b",
]

_EMERGENCY = [re.compile(p, re.IGNORECASE) for p in EMERGENCY_PATTERNS]
_CRIME_REPORT = [re.compile(p, re.IGNORECASE) for p in CRIME_REPORT_PATTERNS]


@dataclass(frozen=True)
class Triage:
    emergency: bool = False
    crime_report: bool = False
    matched: tuple = field(default_factory=tuple)

    @property
    def needs_interruption(self):
        return self.emergency or self.crime_report


def _normalise(text):
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split())


def assess(*texts):
    """Check the question and any detail together."""
    text = _normalise(" ".join(t for t in texts if t))
    emergency = [m.group(0) for p in _EMERGENCY if (m := p.search(text))]
    crime = [m.group(0) for p in _CRIME_REPORT if (m := p.search(text))]
    return Triage(
        emergency=bool(emergency), crime_report=bool(crime), matched=tuple(emergency + crime)
    )
