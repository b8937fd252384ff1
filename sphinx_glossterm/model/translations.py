"""One glossary in several languages: counterparts, their digests, and the translation checks.

Each language is a source tree of its own (``src/de``, ``src/en``), and an
entry's counterpart in another language is the entry with the same id there.
conf.py names the other trees (``glossterm_translations = {"en": "../en"}``).

A translation records what it was translated from with the Pandoc attribute
``translated-from`` on its heading: the digest of the counterpart's source
text at the time (``glossterm check`` prints it), optionally with the
language, ``translated-from="de:3f2a9c1e0b7d"``.  When the counterpart's
text changes, its digest changes and the check reports the translation as
outdated; an entry without the attribute is not compared.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sphinx_glossterm.model.records import Term
from sphinx_glossterm.model.warnings_ import GlosstermWarning

TRANSLATED_FROM = "translated-from"
"""The heading attribute that records the digest of the text a translation was made from."""

DIGEST_LENGTH = 12
_RECORDED = re.compile(r'\s*translated-from\s*=\s*("[^"]*"|\S+)')
_FILE_SUFFIX = ".html"


@dataclass(frozen=True, slots=True)
class Counterpart:
    """An entry of another language's tree, as a page of this one needs it."""

    language: str
    id: str
    title: str
    docname: str
    anchor: str
    source: str
    """Path of its file, relative to the other tree."""
    line: int | None
    digest: str
    """The digest of its source text (:func:`entry_digest`)."""
    aliases: tuple[str, ...] = ()
    tagline: str = ""


@dataclass(frozen=True, slots=True)
class TranslationFinding:
    """An entry with no counterpart in a language, or a translation older than its source."""

    kind: GlosstermWarning
    source: str
    line: int | None
    message: str


def entry_digest(text: str) -> str:
    """The digest of an entry's source text: its lines, without trailing blanks or a record.

    The ``translated-from`` attribute itself is left out, so that recording a
    digest on one side never makes the other side outdated.
    """
    lines = [_RECORDED.sub("", line).rstrip() for line in text.strip().splitlines()]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def entry_texts(text: str, terms: Iterable[Term]) -> dict[int, str]:
    """Each entry's source text, by ``id(term)``: from its line to the next entry's in the file."""
    lines = text.splitlines()
    ordered = sorted((term for term in terms if term.line), key=lambda term: term.line or 0)
    texts = {}
    for number, term in enumerate(ordered):
        end = ordered[number + 1].line if number + 1 < len(ordered) else len(lines) + 1
        texts[id(term)] = "\n".join(lines[(term.line or 1) - 1 : (end or 1) - 1])
    return texts


def recorded_digest(value: str, language: str) -> str | None:
    """The digest a ``translated-from`` value records for ``language`` (``None``: another's)."""
    named, colon, digest = value.strip().partition(":")
    if not colon:
        return named
    return digest if named == language else None


class Translations:
    """The other languages' entries, by language and id."""

    def __init__(self, sides: Mapping[str, Iterable[Counterpart]]) -> None:
        self.by_language: dict[str, dict[str, Counterpart]] = {}
        for language in sorted(sides):
            entries: dict[str, Counterpart] = {}
            for counterpart in sides[language]:
                entries.setdefault(counterpart.id, counterpart)
            self.by_language[language] = entries

    @property
    def languages(self) -> list[str]:
        """The other languages, sorted."""
        return list(self.by_language)

    def counterparts(self, term_id: str) -> list[Counterpart]:
        """The entry's counterparts, one per language that has it, by language."""
        return [entries[term_id] for entries in self.by_language.values() if term_id in entries]

    def findings(self, terms: Iterable[Term]) -> list[TranslationFinding]:
        """Entries missing in a language, and translations whose source changed since."""
        found = []
        for term in terms:
            for language, entries in self.by_language.items():
                counterpart = entries.get(term.id)
                if counterpart is None:
                    found.append(
                        TranslationFinding(
                            GlosstermWarning.UNTRANSLATED,
                            term.source,
                            term.line,
                            f"the entry {term.id!r} has no counterpart in {language!r} "
                            f"(no entry with that id)",
                        )
                    )
                    continue
                recorded = recorded_digest(term.translated_from, language)
                if not recorded or recorded == counterpart.digest:
                    continue
                now = f'{TRANSLATED_FROM}="{language}:{counterpart.digest}"'
                place = f"the {language!r} entry ({counterpart.source}:{counterpart.line})"
                if recorded == language:
                    message = f"the entry {term.id!r} records no digest of {place} yet: {now}"
                else:
                    message = (
                        f"the entry {term.id!r} was translated from the text {recorded!r} of "
                        f"{place}, which has changed since: {now}"
                    )
                found.append(
                    TranslationFinding(
                        GlosstermWarning.TRANSLATION_OUTDATED, term.source, term.line, message
                    )
                )
        return found


def sibling_url(language: str, pagename: str, docname: str, base: str | None) -> str:
    """The URL of ``docname`` in ``language``'s site, seen from the page ``pagename``.

    ``base`` is that site's published URL (``glossterm_translation_urls``);
    without one the sites are sibling folders (``site/de/``, ``site/en/``).
    """
    target = docname + _FILE_SUFFIX
    if base:
        return base.rstrip("/") + "/" + target
    return "../" * (pagename.count("/") + 1) + f"{language}/{target}"
