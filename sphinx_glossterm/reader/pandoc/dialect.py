"""Decide whether a Markdown file is written in the Pandoc dialect."""

from __future__ import annotations

import re
from collections.abc import Iterator

# A heading ending in ``{#id …}`` or ``{.class …}`` (closed or not: an unclosed
# block is reported as such), or a grid-table border: either marks a
# Pandoc-dialect file, as does a title block on the first line.
_MARKER = re.compile(
    r"^(?:#{1,6}[ \t].*\{[ \t]*[#.][^{}]*\}?[ \t]*|[ ]{0,3}\+(?:[-=:]{3,}\+)+[ \t]*)$"
)
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")


def is_pandoc_dialect(text: str, setting: str = "auto") -> bool:
    """Whether ``text`` should be read with the Pandoc-dialect plugins."""
    if setting == "pandoc":
        return True
    if setting == "myst":
        return False
    if text.startswith("%"):
        return True
    return any(_MARKER.match(line) for line in lines_outside_code(text))


def lines_outside_code(text: str) -> Iterator[str]:
    """The lines of ``text`` that are not inside a fenced code block."""
    fence: str | None = None
    for line in text.splitlines():
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence = match.group(1)
            else:
                yield line
        elif (
            match
            and match.group(1)[0] == fence[0]
            and len(match.group(1)) >= len(fence)
            and not line.strip().lstrip(fence[0])
        ):
            fence = None
