"""``glossterm check --fix``: the edits a machine can make safely, byte for byte.

- :mod:`.sources` reads a file into lines with their own endings and a
  see-also list into items, and writes them back unchanged elsewhere;
- :mod:`.project` holds the records and the planned edits;
- :mod:`.fixers` is the list of fixers, one function each.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sphinx_glossterm.cli.fix.fixers import FIXERS
from sphinx_glossterm.cli.fix.project import Change, FileResult, FixProject

if TYPE_CHECKING:
    from sphinx_glossterm.cli.report import ProjectRecords
    from sphinx_glossterm.model.mentions import MentionSuggestion

__all__ = ["FIXERS", "Change", "FixOutcome", "plan_fixes"]


@dataclass
class FixOutcome:
    """What the fixers changed, file by file, and the files they left alone."""

    files: list[FileResult] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)

    def write(self) -> None:
        """Write the changed files."""
        for result in self.files:
            result.path.write_bytes(result.data)

    def diff(self) -> str:
        """The changes as one unified diff (``a/`` and ``b/`` paths, as git prints them)."""
        parts: list[str] = []
        for result in self.files:
            lines = difflib.unified_diff(
                result.before, result.after, f"a/{result.source}", f"b/{result.source}"
            )
            parts.extend(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)
        return "".join(parts)

    def summary(self, written: bool) -> str:
        """One line per change and per file left alone, then a count."""
        lines = [
            f"{change.source}:{change.line}: [{change.kind}] {change.message}"
            for change in sorted(self.changes, key=lambda c: (c.source, c.line, c.message))
        ]
        for source, reasons in sorted(self.skipped.items()):
            lines.append(f"{source}: left alone: " + "; ".join(reasons))
        lines.append(
            ("fixed" if written else "to fix")
            + f": {len(self.changes)} change(s) in {len(self.files)} file(s)"
            + (f", {len(self.skipped)} file(s) left alone" if self.skipped else "")
        )
        return "\n".join(lines) + "\n"


def plan_fixes(
    records: ProjectRecords, mentions: list[MentionSuggestion] | None = None
) -> FixOutcome:
    """Run every fixer on the project; nothing is written yet.

    ``mentions`` are the unlinked mentions ``--mentions`` found: with them, the
    first mention of an entry per section becomes a link.
    """
    project = FixProject(records, mentions=mentions)
    for fixer in FIXERS:
        fixer(project)
    files = project.results()
    return FixOutcome(files, project.changes, project.skipped)
