"""What an entry declares about its terminology: status, replacement, long form.

Sphinx-free and shared by the renderer, the ``glossterm`` directive and
``glossterm check``'s reader, which read the same heading attributes
(``{#AGI_v2 .term status="deprecated" replaced-by="..."}``) or directive options.
"""

from __future__ import annotations

from collections.abc import Mapping

from sphinx_glossterm.model.abbreviations import EXPANSION_ATTRIBUTE
from sphinx_glossterm.model.status import REPLACED_BY_ATTRIBUTE, STATUS_ATTRIBUTE, normal_status

DECLARED = (STATUS_ATTRIBUTE, REPLACED_BY_ATTRIBUTE, EXPANSION_ATTRIBUTE)
"""The attributes (and directive options of the same names) read here."""


def terminology(
    pairs: Mapping[str, str], sentence: tuple[str, str, str, bool] | None = None
) -> dict[str, object]:
    """The status, replacement and abbreviation sentence an entry's attributes and lead declare.

    ``sentence`` is what :func:`.pandoc.abbreviation.lead_sentence` found in the lead.
    """
    return {
        "status": normal_status(pairs.get(STATUS_ATTRIBUTE, "")),
        "replaced_by": pairs.get(REPLACED_BY_ATTRIBUTE, "").strip(),
        "expansion": pairs.get(EXPANSION_ATTRIBUTE, "").strip(),
        "sentence": sentence,
    }
