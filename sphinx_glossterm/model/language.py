"""Language codes as Sphinx's ``language`` gives them (``de``, ``de_AT``, ``de-CH``).

One home for reading them: every part that picks words, a paper size or a BCP 47
tag goes through these functions.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")

LETTER_REGIONS = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR"})
"""Regions whose paper is US Letter; A4 everywhere else."""


def base_language(language: str | None) -> str:
    """``de`` for ``de``, ``de_AT`` or ``de-CH``; ``en`` when no language is set."""
    return (language or "en").replace("-", "_").split("_")[0].lower() or "en"


def region(language: str | None) -> str:
    """The region of ``de_AT`` (``AT``), upper case; empty when the code has none."""
    parts = (language or "").replace("-", "_").split("_")
    return parts[1].upper() if len(parts) > 1 else ""


def bcp47(language: str | None) -> str | None:
    """Sphinx's ``language`` as a BCP 47 tag (``de_AT`` → ``de-AT``), or ``None``."""
    tag = (language or "").replace("_", "-")
    return tag if _TAG.fullmatch(tag) else None


def uses_a4(language: str | None) -> bool:
    """Whether books in ``language`` are printed on A4 by convention.

    English without a region is Sphinx's default, US Letter; so are the regions
    of :data:`LETTER_REGIONS`.
    """
    if not language or region(language) in LETTER_REGIONS:
        return False
    return not (base_language(language) == "en" and not region(language))
