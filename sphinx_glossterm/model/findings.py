"""A finding: one problem of the glossary, at one place (the checks' result)."""

from __future__ import annotations

from dataclasses import dataclass

from sphinx_glossterm.model.warnings_ import GlosstermWarning


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, at one place."""

    source: str
    line: int
    kind: GlosstermWarning
    message: str
