"""A term's status, as TBX (ISO 30042) names it, and where a superseded term's readers go.

An author marks a term heading ``{#AGI_v2 .term status="deprecated"
replaced-by="Artificial-General-Intelligence"}``; Pandoc keeps building the file,
and the build shows the status, warns about links to the term and exports it.
"""

from __future__ import annotations

from collections.abc import Iterator

from sphinx_glossterm.model.records import Term
from sphinx_glossterm.model.term_index import TermIndex

STATUSES: dict[str, str] = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "superseded": "supersededTerm-admn-sts",
}
"""Each status an author may write, with its TBX-Basic ``administrativeStatus`` value."""

RETIRED = frozenset({"deprecated", "superseded"})
"""The statuses that send readers (and links) elsewhere."""

STATUS_ATTRIBUTE = "status"
REPLACED_BY_ATTRIBUTE = "replaced-by"


def normal_status(written: str) -> str:
    """The status as written, trimmed and lower-cased (``""`` when none is given)."""
    return written.strip().lower()


def is_known_status(status: str) -> bool:
    """Whether ``status`` is empty or one of :data:`STATUSES`."""
    return not status or status in STATUSES


def is_retired(term: Term) -> bool:
    """Whether the entry is deprecated or superseded."""
    return term.status in RETIRED


def replacement_of(term_id: str, index: TermIndex) -> str | None:
    """The id a link to ``term_id`` should point at instead, or ``None`` if it may stay.

    Follows ``replaced-by`` through a chain of retired entries (``A`` replaced by
    ``B``, itself superseded by ``C`` gives ``C``) and stops at the first entry
    that is not retired, at an id nothing declares, or at a cycle.  The rule a
    fixer (``glossterm check --fix``) calls to retarget links.
    """
    term = index.by_id.get(term_id)
    if term is None or not is_retired(term) or not term.replaced_by:
        return None
    seen = {term_id}
    current = term.replaced_by
    while True:
        following = index.by_id.get(current)
        if following is None or not is_retired(following) or not following.replaced_by:
            return current
        if following.replaced_by in seen:
            return current
        seen.add(current)
        current = following.replaced_by


def retired_targets(index: TermIndex) -> Iterator[Term]:
    """The entries readers should not be sent to, in reading order."""
    return (term for term in index.terms if is_retired(term))
