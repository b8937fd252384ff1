"""Unlinked mentions: where an entry's text names another entry without linking it.

The reader keeps each entry's running text (:class:`EntryProse`: the text of
paragraphs, list items and taglines, without code, math, raw HTML, link labels
or headings).  :class:`MentionFinder` looks in it for the names of the other
entries (title and aliases; "Long Form (ABBR)" titles give both parts), word by
word, comparing word stems of the project's language (Snowball, as Sphinx's
search uses), so that "Agenten" and "Agents" are mentions of "Agent" and the
parts of a hyphenated compound ("Embedding-Vektoren") are words of their own.
Names that look like abbreviations or carry digits ("GPT", "LoRA", "GPT-4")
match only as written, with a plural or genitive "s".  The first unlinked
mention of each entry per section is reported; a section that links an entry
anywhere is not told to link it again.

Each :class:`MentionSuggestion` says where to link (file, line, the words as
written, the target id): the data a fixer needs to write the link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sphinx_glossterm.model.language import base_language
from sphinx_glossterm.model.records import Term

MIN_LENGTH = 3
"""Default of ``glossterm_mention_min_length``: names with fewer letters are not looked for."""

_WORD = re.compile(r"[^\W_]+")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "s"})
PREFIX = 3
"""A word is stemmed only if its first letters are those of a name's word: most are not."""
_PARENTHESES = re.compile(r"^(?P<outside>[^()]+?)\s*\((?P<inside>[^()]+)\)\s*$")
_STEMMERS = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "es": "spanish", "et": "estonian", "eu": "basque",
    "fi": "finnish", "fr": "french", "hu": "hungarian", "id": "indonesian", "it": "italian",
    "lt": "lithuanian", "nb": "norwegian", "nl": "dutch", "no": "norwegian",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sv": "swedish",
    "tr": "turkish",
}  # fmt: skip
"""Sphinx's ``language`` (base code) -> Snowball algorithm; any other language: English."""


@dataclass(frozen=True, slots=True)
class ProsePiece:
    """A piece of running text and the source line it starts on."""

    line: int | None
    text: str


@dataclass(frozen=True, slots=True)
class EntryProse:
    """One run of an entry's running text: no code, link or markup breaks it."""

    term_id: str
    source: str
    """The file the text is written in, relative to the source directory."""
    section: str
    """The anchor of the section the text is in; ``""`` for the lead."""
    pieces: tuple[ProsePiece, ...]


@dataclass(frozen=True, slots=True)
class MentionSuggestion:
    """An unlinked mention of an entry: where a link to ``target`` could go."""

    source: str
    line: int | None
    entry: str
    """Id of the entry whose text mentions the target."""
    section: str
    """Anchor of the section the mention is in; ``""`` for the lead."""
    target: str
    """Id of the entry mentioned."""
    text: str
    """The mention as written (``Agenten``, ``Embedding``): the label a link would get."""
    name: str
    """The target's name that matched (its title or an alias)."""


@dataclass(frozen=True, slots=True)
class _Word:
    surface: str
    line: int | None
    start: int
    end: int
    piece: int


def stemmer_name(language: str | None) -> str:
    """The Snowball algorithm for Sphinx's ``language`` (English when there is none)."""
    return _STEMMERS.get(base_language(language), "english")


def name_variants(name: str) -> tuple[str, ...]:
    """A name, or for "Long Form (ABBR)" / "ABBR (Long Form)" the long form and the abbreviation.

    Any other parenthesis ("GPT-4.5 (Stand Dezember 2024)") is dropped from the name.
    """
    match = _PARENTHESES.match(name)
    if match is None:
        return (name,)
    outside, inside = match["outside"].strip(), match["inside"].strip()
    for short, long in ((inside, outside), (outside, inside)):
        if _abbreviates(short, long):
            return (long, short)
    return (outside,)


def _abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` abbreviates ``long``: its capitals are initials of it, in order."""
    if " " in short or sum(char.isupper() for char in short) < 2:
        return False
    initials = iter(word[0].upper() for word in _WORD.findall(long))
    return all(letter in initials for letter in short if letter.isupper())


def _prefix(word: str) -> str:
    return word[:PREFIX].lower().translate(_FOLD)


def _is_verbatim(word: str) -> bool:
    """Abbreviations and names with digits match as written: ``GPT``, ``LoRA``, ``T5``."""
    return any(char.isdigit() for char in word) or any(char.isupper() for char in word[1:])


class MentionFinder:
    """The names of a glossary's entries, and the unlinked mentions of them in running text."""

    def __init__(
        self,
        terms: Iterable[Term],
        language: str | None,
        min_length: int = MIN_LENGTH,
        stop_words: Iterable[str] = (),
    ) -> None:
        # Imported here: loading every Snowball algorithm costs the plain check time.
        import snowballstemmer

        self._stemmer = snowballstemmer.stemmer(stemmer_name(language))
        self._stem = lru_cache(maxsize=None)(self._stemmer.stemWord)
        self._prefixes: set[str] = set()
        self._keys: dict[str, list[tuple[str, str]]] = {}
        stopped = {word.casefold() for word in stop_words}
        # First word's key -> (the name's word keys, the name, the ids that answer to it),
        # longest names first so that "Federated Learning" wins over "Learning".
        self._names: dict[tuple[str, str], list[tuple[tuple[tuple[str, str], ...], str]]] = {}
        self.owners: dict[str, list[str]] = {}
        """Each name (as written) -> the ids of the entries answering to it, title first."""
        for term in terms:
            for order, written in enumerate(term.names):
                for name in name_variants(written.strip()):
                    letters = sum(char.isalpha() for char in name)
                    if letters < min_length or name.casefold() in stopped:
                        continue
                    keys = tuple(self._name_key(word) for word in _WORD.findall(name))
                    if not keys:
                        continue
                    owners = self.owners.setdefault(name, [])
                    if term.id not in owners:
                        # An entry whose title is the name goes before one with it as alias.
                        owners.insert(0 if order == 0 else len(owners), term.id)
                    entries = self._names.setdefault(keys[0], [])
                    if (keys, name) not in entries:
                        entries.append((keys, name))
        for entries in self._names.values():
            entries.sort(key=lambda item: -len(item[0]))

    def _name_key(self, word: str) -> tuple[str, str]:
        if _is_verbatim(word):
            return ("=", word)
        self._prefixes.add(_prefix(word))
        return ("~", self._stem(word.lower()))

    def _word_keys(self, word: str) -> list[tuple[str, str]]:
        known = self._keys.get(word)
        if known is not None:
            return known
        keys = [("=", word)]
        if len(word) > 1 and word[-1] == "s":
            keys.append(("=", word[:-1]))
        if _prefix(word) in self._prefixes:
            keys.append(("~", self._stem(word.lower())))
        self._keys[word] = keys
        return keys

    def _fits(self, key: tuple[str, str], word: str, name_word_length: int) -> bool:
        # Stems reach far ("learn" for "Learning"): a word much shorter than the name's is none.
        return key in self._word_keys(word) and (key[0] == "=" or len(word) >= name_word_length - 2)

    def mentions(self, run: EntryProse) -> list[tuple[str, str, int | None, str]]:
        """Every name in ``run``, longest first where names overlap: (name, words, line, text)."""
        words = [
            _Word(match[0], piece.line, match.start(), match.end(), number)
            for number, piece in enumerate(run.pieces)
            for match in _WORD.finditer(piece.text)
        ]
        found = []
        position = 0
        while position < len(words):
            matched = self._match_at(words, position)
            if matched is None:
                position += 1
                continue
            name, length = matched
            first, last = words[position], words[position + length - 1]
            if first.piece == last.piece:
                text = run.pieces[first.piece].text[first.start : last.end]
            else:
                text = " ".join(word.surface for word in words[position : position + length])
            found.append((name, text, first.line, run.section))
            position += length
        return found

    def _match_at(self, words: Sequence[_Word], position: int) -> tuple[str, int] | None:
        candidates: list[tuple[tuple[tuple[str, str], ...], str]] = []
        for key in self._word_keys(words[position].surface):
            candidates += self._names.get(key, ())
        candidates.sort(key=lambda item: -len(item[0]))
        for keys, name in candidates:
            if position + len(keys) > len(words):
                continue
            name_words = _WORD.findall(name)
            if all(
                self._fits(key, words[position + offset].surface, len(name_words[offset]))
                for offset, key in enumerate(keys)
            ):
                return name, len(keys)
        return None


def find_mentions(
    prose: Iterable[EntryProse],
    terms_by_id: dict[str, Term],
    finder: MentionFinder,
) -> list[MentionSuggestion]:
    """The first unlinked mention of each other entry per section of each entry, in file order.

    A mention is not reported in the entry it names, nor in a section that links
    that entry (or an entry of the same name) anywhere.
    """
    suggestions: list[MentionSuggestion] = []
    reported: set[tuple[str, str, str]] = set()
    linked = _links_by_section(terms_by_id)
    for run in prose:
        term = terms_by_id.get(run.term_id)
        if term is None:
            continue
        section_links = linked.get((run.term_id, run.source, run.section), set())
        for name, text, line, section in finder.mentions(run):
            owners = finder.owners[name]
            if run.term_id in owners or section_links.intersection(owners):
                continue
            target = owners[0]
            key = (run.term_id, section, target)
            if key in reported:
                continue
            reported.add(key)
            suggestions.append(
                MentionSuggestion(run.source, line, run.term_id, section, target, text, name)
            )
    suggestions.sort(key=lambda s: (s.source, s.line or 0, s.entry, s.target))
    return suggestions


def _links_by_section(terms_by_id: dict[str, Term]) -> dict[tuple[str, str, str], set[str]]:
    """The targets each section of each entry links to (a link's section: by its line)."""
    linked: dict[tuple[str, str, str], set[str]] = {}
    for term in terms_by_id.values():
        starts = sorted(
            (section.line or 0, section.anchor) for section in term.sections if section.line
        )
        for link in term.links:
            section = ""
            for start, anchor in starts:
                if (link.line or 0) >= start:
                    section = anchor
            linked.setdefault((term.id, link.source, section), set()).add(link.target)
    return linked


def unused_entries(
    terms: Iterable[Term],
    linked_targets: Iterable[str],
    suggestions: Iterable[MentionSuggestion],
) -> list[str]:
    """Ids of the entries nobody links to and no other entry mentions, sorted."""
    used = set(linked_targets) | {suggestion.target for suggestion in suggestions}
    return sorted({term.id for term in terms} - used)
