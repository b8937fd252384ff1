"""The fixers of ``glossterm check --fix``: each turns one kind of finding into an edit.

A fixer is a function of the :class:`~.project.FixProject`: it changes the
items of see-also lists or single lines, and records a
:class:`~.project.Change` for each.  They run in the order of :data:`FIXERS`
(targets are corrected before duplicates are looked for, items are added
before lists are sorted).  To add a fixer, write the function and add it to
:data:`FIXERS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sphinx_glossterm.cli.fix.project import FixProject
from sphinx_glossterm.cli.fix.sources import Item
from sphinx_glossterm.model.collation import sort_key
from sphinx_glossterm.model.house_rules import label_for
from sphinx_glossterm.model.records import Term
from sphinx_glossterm.model.status import replacement_of
from sphinx_glossterm.model.warnings_ import GlosstermWarning

Fixer = Callable[[FixProject], None]


def link_case(project: FixProject) -> None:
    """A link whose target differs from exactly one entry id only in case: that id."""
    by_fold: dict[str, list[str]] = {}
    for term_id in project.index.by_id:
        by_fold.setdefault(term_id.casefold(), []).append(term_id)

    def corrected(target: str) -> str | None:
        if project.is_known(target):
            return None
        candidates = by_fold.get(target.casefold(), [])
        return candidates[0] if len(candidates) == 1 else None

    _retarget(project, corrected, GlosstermWarning.UNRESOLVED)


def retired_links(project: FixProject) -> None:
    """A link to a deprecated or superseded entry: the entry that replaces it.

    The link's text stays as written (the author may want to say it otherwise).
    """
    _retarget(
        project, lambda target: replacement_of(target, project.index), GlosstermWarning.RETIRED_LINK
    )


def _retarget(
    project: FixProject, corrected: Callable[[str], str | None], kind: GlosstermWarning
) -> None:
    """Point every link (see-also items and inline links) ``corrected`` knows better elsewhere."""
    for term in project.index.terms:
        see_also = project.see_also_of(term)
        for item in see_also.items if see_also is not None else ():
            new = corrected(item.target)
            if new is not None:
                project.record(see_also, item.line, kind, f"#{item.target} -> #{new}")
                item.target = new
    done: set[tuple[str, int, str]] = set()
    for link in project.links():
        key = (link.source, link.line or 0, link.target)
        new = corrected(link.target)
        if new is None or key in done or project.in_see_also_list(link):
            continue
        done.add(key)
        project.edit_line(
            link.source,
            link.line or 0,
            f"](#{link.target})",
            f"](#{new})",
            kind,
            f"#{link.target} -> #{new}",
        )


def see_also_duplicates(project: FixProject) -> None:
    """A see-also list names each target once: the later mentions go."""
    for see_also in project.see_also_lists():
        seen: set[str] = set()
        kept: list[Item] = []
        for item in see_also.items:
            if item.target in seen:
                project.record(
                    see_also,
                    item.line,
                    GlosstermWarning.SEEALSO_DUPLICATE,
                    f"removed the second [{item.label}](#{item.target})",
                )
            else:
                seen.add(item.target)
                kept.append(item)
        see_also.items = kept


def see_also_symmetry(project: FixProject) -> None:
    """(``glossterm_check_seealso_symmetry``) If A lists B under see-also, B lists A."""
    if not project.config.glossterm_check_seealso_symmetry:
        return
    index = project.index
    for term in index.terms:
        if index.by_id.get(term.id) is not term:
            continue
        see_also = project.see_also_of(term)
        if see_also is None:
            continue
        for item in list(see_also.items):
            other = index.by_id.get(item.target)
            if other is None or other is term:
                continue
            _add_back_link(project, other, term)


def _add_back_link(project: FixProject, other: Term, term: Term) -> None:
    """Add ``[term](#term)`` to the see-also list of ``other``, before the index link."""
    theirs = project.see_also_of(other)
    if theirs is None:
        project.skip(
            other.source, f"the entry {other.id!r} has no see-also list to add #{term.id} to"
        )
        return
    if any(item.target == term.id for item in theirs.items):
        return
    if any(char in term.title for char in "[]\r\n"):
        project.skip(other.source, f"the title of {term.id!r} cannot be a link label as it is")
        return
    added = Item(term.title, term.id, f"[{term.title}](#{term.id})", 0)
    position = len(theirs.items)
    if theirs.items and theirs.items[-1].target == project.index_id:
        position -= 1
    theirs.items.insert(position, added)
    project.record(
        theirs,
        theirs.heading + 1,
        GlosstermWarning.SEEALSO_SYMMETRY,
        f"added [{term.title}](#{term.id}) to the see-also list of {other.id!r}",
    )


def see_also_order(project: FixProject) -> None:
    """(``glossterm_check_seealso_order``) Labels in DIN 5007 order, the index link last."""
    if not project.config.glossterm_check_seealso_order:
        return
    index_id = project.index_id
    for see_also in project.see_also_lists():
        items = see_also.items
        ordered = sorted(
            (item for item in items if item.target != index_id),
            key=lambda item: sort_key(project.label_of(see_also, item)),
        ) + [item for item in items if item.target == index_id]
        if [id(item) for item in ordered] != [id(item) for item in items]:
            see_also.items = ordered
            project.record(
                see_also,
                see_also.heading + 1,
                GlosstermWarning.SEEALSO_ORDER,
                "sorted the see-also list",
            )


_SPANS = re.compile(r"`[^`]*`|\[[^\]]*\]\([^)]*\)|<[^>]*>")
"""What a mention may not be linked inside: code, a link (label and target), an HTML tag."""


def mention_links(project: FixProject) -> None:
    """(``--fix --mentions``) The first unlinked mention of an entry per section: a link.

    The mention keeps its words (``[Agenten](#Agent)``).  A line where the words
    stand more than once outside code and links is left as it is and named: the
    fixer would have to guess which one is meant.
    """
    for mention in project.mentions or ():
        line = mention.line or 0
        current = project.line_text(mention.source, line)
        if current is None:
            project.skip(mention.source, f"line {line} is not in the file")
            continue
        places = _free_places(current, mention.text)
        if len(places) != 1:
            project.skip(
                mention.source, f"line {line}: {mention.text!r} is not there once, outside links"
            )
            continue
        start = places[0]
        end = start + len(mention.text)
        linked = f"{current[:start]}[{mention.text}](#{mention.target}){current[end:]}"
        project.edit_line(
            mention.source,
            line,
            current,
            linked,
            "mention",
            f"linked {mention.text!r} to #{mention.target}",
        )


def _free_places(line: str, words: str) -> list[int]:
    """Where ``words`` stand in ``line`` as whole words, outside code, links and tags."""
    taken = [(match.start(), match.end()) for match in _SPANS.finditer(line)]
    pattern = re.compile(r"(?<![\w#\[])" + re.escape(words) + r"(?![\w\]])")
    return [
        match.start()
        for match in pattern.finditer(line)
        if not any(start <= match.start() < end for start, end in taken)
    ]


def section_labels(project: FixProject) -> None:
    """(``glossterm_section_labels``) A section heading not allowed for its type: the first label.

    Only the heading's text changes; its level and ``{...}`` attributes stay.
    """
    labels = project.config.glossterm_section_labels
    if not labels:
        return
    for term in project.index.terms:
        for section in term.sections:
            wanted = label_for(section, labels)
            if wanted is None:
                continue
            line = section.line or 0
            current = project.line_text(term.source, line) or ""
            if not current.lstrip().startswith("#") or current.count(section.title) != 1:
                project.skip(term.source, f"line {line} is not the heading {section.title!r}")
                continue
            project.edit_line(
                term.source,
                line,
                section.title,
                wanted,
                GlosstermWarning.HOUSE_RULE,
                f"heading {section.title!r} -> {wanted!r}",
            )


FIXERS: tuple[Fixer, ...] = (
    link_case,
    retired_links,
    see_also_duplicates,
    see_also_symmetry,
    see_also_order,
    section_labels,
    mention_links,
)
"""Every fixer, in the order they run."""
