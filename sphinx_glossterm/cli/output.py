"""The report of ``glossterm check`` as text for people and as JSON for tools."""

from __future__ import annotations

import textwrap
from typing import Any

from sphinx_glossterm.cli.report import (
    EXIT_OK,
    FORMAT_VERSION,
    MARKDOWN_READER,
    OWN_SECTION,
    SMALL_COMPONENT,
    Problem,
    Report,
)
from sphinx_glossterm.model.records import LinkKind
from sphinx_glossterm.model.warnings_ import WARNING_TYPE


def report_json(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready dict; the shape is documented in ``docs/cli.md``."""
    return {
        "format_version": FORMAT_VERSION,
        "srcdir": report.srcdir,
        "reader": report.reader,
        "status": report.status,
        "notes": report.notes,
        "counts": report.counts(),
        "broken_targets": [
            {
                "target": target.target,
                "uses": len(target.referrers),
                "suggestions": list(target.suggestions),
                "referrers": [
                    {
                        "file": use.file,
                        "line": use.line,
                        "kind": use.kind.value,
                        "label": use.label,
                        "entry": use.entry,
                    }
                    for use in target.referrers
                ],
            }
            for target in report.broken
        ],
        "planned_targets": [{"target": target, "uses": uses} for target, uses in report.planned],
        "duplicate_ids": [
            {
                "id": term_id,
                "places": [
                    {"file": p.file, "line": p.line, "title": p.title, "chosen": p.chosen}
                    for p in places
                ],
            }
            for term_id, places in report.duplicates.items()
        ],
        "findings": {
            subtype: [{"file": p.file, "line": p.line, "message": p.message} for p in problems]
            for subtype, problems in report.findings_by_subtype().items()
        },
        "warnings": [
            {
                "file": w.file,
                "line": w.line,
                "level": w.level,
                "type": w.type,
                "subtype": w.subtype,
                "message": w.message,
            }
            for w in report.warnings
        ],
        **_mentions_json(report),
        "graph": {
            "orphans": report.orphans,
            "dead_ends": report.dead_ends,
            "components": {
                "count": len(report.components),
                "sizes": [len(group) for group in report.components],
                "small": report.small_components,
            },
            "hubs": [
                {"id": key, "title": report.titles.get(key, ""), "linked_from": count}
                for key, count in report.hubs
            ],
        },
    }


def report_text(report: Report, quiet: bool = False) -> str:
    """The report for a person; ``quiet`` leaves out the numbers and the graph."""
    blocks: list[list[str]] = []
    if not quiet:
        blocks.append([f"glossterm check: {report.srcdir}", f"read by: {_reader(report)}"])
        if report.notes:
            blocks.append([f"note: {note}" for note in report.notes])
        blocks.append(_counts_text(report))
    sections = (
        _broken_text(report),
        _duplicates_text(report),
        _findings_text(report),
        _warnings_text(report),
    )
    # A section is its heading and its rows; quiet leaves out the empty ones.
    blocks += [lines for lines in sections if not quiet or len(lines) > 1]
    if report.mentions is not None:
        blocks += _mentions_text(report)
    if not quiet:
        blocks += _graph_text(report)
    blocks.append([_summary(report)])
    return "\n\n".join("\n".join(lines) for lines in blocks) + "\n"


def _reader(report: Report) -> str:
    if report.reader == MARKDOWN_READER:
        return "the Markdown reader (Sphinx's own warnings are not collected: use --full)"
    return "Sphinx"


def _counts_text(report: Report) -> list[str]:
    counts = report.counts()
    rows = [
        ("pages", counts["pages"], ""),
        ("entries", counts["entries"], f"in {_n(counts['entry_files'], 'file')}"),
        (
            "links",
            counts["links"],
            f"{counts['see_also_links']} see-also, {counts['inline_links']} inline",
        ),
        ("broken targets", counts["broken_targets"], _n(counts["broken_uses"], "use")),
        ("planned targets", counts["planned_targets"], _n(counts["planned_uses"], "use")),
        ("duplicate ids", counts["duplicate_ids"], ""),
        ("findings", counts["findings"], "glossterm warnings of every kind"),
        ("other warnings", counts["warnings"], ""),
    ]
    return ["Counts", *(f"  {name:<16}{value:>6}  {note}".rstrip() for name, value, note in rows)]


def _n(count: int, noun: str, plural: str | None = None) -> str:
    """``1 use``, ``2 uses``."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def _at(file: str | None, line: int | None) -> str:
    if file is None:
        return "(no location)"
    return f"{file}:{line}" if line else file


def _table(rows: list[tuple[str, str]], indent: str = "      ") -> list[str]:
    """Rows of ``place  text``, the places padded to one width."""
    width = max((len(place) for place, _ in rows), default=0)
    return [f"{indent}{place:<{width}}  {text}".rstrip() for place, text in rows]


def _broken_text(report: Report) -> list[str]:
    lines = [
        f"Broken targets: {len(report.broken)} ({_n(report.broken_uses, 'use')}), most used first"
    ]
    for target in report.broken:
        hint = (
            "did you mean " + ", ".join(f"#{s}" for s in target.suggestions) + "?"
            if target.suggestions
            else "no suggestion"
        )
        lines.append(f"  #{target.target}  {_n(len(target.referrers), 'use')}; {hint}")
        lines += _table(
            [
                (
                    _at(use.file, use.line),
                    f"{'see-also' if use.kind is LinkKind.SEE_ALSO else 'inline'} [{use.label}]",
                )
                for use in target.referrers
            ]
        )
    return lines


def _duplicates_text(report: Report) -> list[str]:
    lines = [f"Duplicate ids: {len(report.duplicates)}"]
    for term_id, places in report.duplicates.items():
        lines.append(f"  #{term_id}")
        lines += _table(
            [
                (_at(p.file, p.line), p.title + ("  <- links go here" if p.chosen else ""))
                for p in places
            ]
        )
    return lines


def _other_problems(report: Report) -> list[Problem]:
    """The findings not shown in the broken-target and duplicate-id sections."""
    own = {kind.value for kind in OWN_SECTION}
    return [p for p in report.problems if not (p.from_checks and p.subtype in own)]


def _findings_text(report: Report) -> list[str]:
    others = _other_problems(report)
    lines = [f"Other findings: {len(others)}"]
    groups: dict[str, list[Problem]] = {}
    for problem in others:
        groups.setdefault(problem.subtype, []).append(problem)
    for subtype, problems in sorted(groups.items()):
        lines.append(f"  {WARNING_TYPE}.{subtype} ({len(problems)})")
        lines += _table([(_at(p.file, p.line), p.message) for p in problems])
    return lines


def _warnings_text(report: Report) -> list[str]:
    lines = [f"Other warnings: {len(report.warnings)}"]
    rows = []
    for warning in report.warnings:
        kind = ".".join(part for part in (warning.type, warning.subtype) if part)
        level = "" if warning.level == "WARNING" else f"{warning.level}: "
        message = warning.message.replace("\n", "\n        ")
        rows.append(
            (_at(warning.file, warning.line), f"{level}{message}{f' [{kind}]' * bool(kind)}")
        )
    return lines + _table(rows, indent="  ")


def _graph_text(report: Report) -> list[list[str]]:
    def names(keys: list[str]) -> list[str]:
        return textwrap.wrap(
            ", ".join(keys),
            width=96,
            initial_indent="  ",
            subsequent_indent="  ",
            break_long_words=False,
            break_on_hyphens=False,
        )

    orphans = [f"Orphans: {_n(len(report.orphans), 'entry', 'entries')} no other entry links to"]
    dead_ends = [f"Dead ends: {_n(len(report.dead_ends), 'entry', 'entries')} linking to no other"]
    sizes = _runs([len(group) for group in report.components]) or "none"
    components = [f"Components: {len(report.components)} (sizes {sizes})"]
    if report.small_components:
        components.append(f"  the smaller ones, up to {SMALL_COMPONENT} entries:")
        components += ["  " + line for group in report.small_components for line in names(group)]
    hubs = [f"Hubs: the {len(report.hubs)} entries most linked to (number of entries linking)"]
    width = max((len(str(count)) for _, count in report.hubs), default=1)
    for key, count in report.hubs:
        title = report.titles.get(key, "")
        suffix = f"  ({title})" if title and title != key else ""
        hubs.append(f"  {count:>{width}}  {key}{suffix}")
    return [
        orphans + names(report.orphans),
        dead_ends + names(report.dead_ends),
        components,
        hubs,
    ]


def _mentions_json(report: Report) -> dict[str, Any]:
    """``mentions`` and ``unused``: only in a report made with ``--mentions``."""
    if report.mentions is None:
        return {}
    return {
        "mentions": [
            {
                "file": m.source,
                "line": m.line,
                "entry": m.entry,
                "section": m.section,
                "target": m.target,
                "text": m.text,
                "name": m.name,
            }
            for m in report.mentions
        ],
        "unused": report.unused,
    }


def _mentions_text(report: Report) -> list[list[str]]:
    mentions = report.mentions or []
    entries = len({m.entry for m in mentions})
    lines = [
        f"Unlinked mentions: {_n(len(mentions), 'suggestion')} in "
        f"{_n(entries, 'entry', 'entries')} (the first per section of each entry mentioned)"
    ]
    for m in mentions:
        title = report.titles.get(m.target, "")
        named = f" ({title})" if title and title not in (m.target, m.text) else ""
        lines.append(f"  {_at(m.source, m.line)}: {m.text!r} -> #{m.target}{named}")
    unused = [f"Unused: {_n(len(report.unused), 'entry', 'entries')} nobody links to or mentions"]
    return [lines, unused + ["  " + key for key in report.unused]]


def _runs(sizes: list[int]) -> str:
    """``[9, 2, 1, 1, 1]`` as ``9, 2, 1 ×3``."""
    runs: list[list[int]] = []
    for size in sizes:
        if runs and runs[-1][0] == size:
            runs[-1][1] += 1
        else:
            runs.append([size, 1])
    return ", ".join(f"{size} ×{count}" if count > 1 else str(size) for size, count in runs)


def _summary(report: Report) -> str:
    parts = [
        f"{_n(len(report.broken), 'broken target')} ({_n(report.broken_uses, 'use')})",
        _n(len(report.duplicates), "duplicate id"),
        _n(len(_other_problems(report)), "other finding"),
        _n(len(report.warnings), "other warning"),
    ]
    verdict = "clean" if report.status == EXIT_OK else "problems found"
    return f"{verdict}: " + ", ".join(parts) + f" (exit status {report.status})"


# --------------------------------------------------------------------------- reading
