"""The dataclasses :func:`extract` and the vocabulary matchers return."""

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date


@dataclass
class SkillMatch:
    """A vocabulary entry found in the text: its key, score 0-100, the words that matched, the
    name or alias they matched, and the level stated next to it, as a progress 0-100 (or None).
    """

    key: Hashable
    score: float
    text: str
    alias: str
    level_progress: int | None = None


@dataclass
class KeyMatch:
    """A vocabulary entry (occupation, issuing body) found in the text, with its score."""

    key: Hashable
    score: float
    text: str


@dataclass
class Extraction:
    """Everything proposed for one document."""

    skills: list[SkillMatch] = field(default_factory=list)
    occupation: KeyMatch | None = None
    issuer: KeyMatch | None = None
    number: str | None = None
    issue_date: date | None = None
    expiry_date: date | None = None
    level_progress: int | None = None
    kind: str = "cv"

    @property
    def is_empty(self) -> bool:
        """True when nothing at all was recognised."""
        return not (
            self.skills
            or self.occupation
            or self.issuer
            or self.number
            or self.issue_date
            or self.expiry_date
        )
