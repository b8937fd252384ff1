"""Abbreviations as entries: which entries are abbreviations, and their list.

Three ways make an entry an abbreviation:

- a stub whose lead says what it stands for: ``**AGI** steht für "[Artificial
  General Intelligence](#Artificial-General-Intelligence)".`` (the phrases per
  language are :data:`PHRASES`, or ``glossterm_abbreviation_phrases``);
- the class ``.abbr`` on the term heading (the long form is the lead's first link,
  or the ``expansion="..."`` attribute);
- a title "Long Form (ABBR)" (or "ABBR (Long Form)"): the entry is the long form
  and answers to the abbreviation too.

The sentence is recognised on the Markdown tokens (:mod:`.reader.pandoc.abbreviation`)
so both readers see it alike; this module holds the words and the rules on text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sphinx_glossterm.model.collation import sort_key
from sphinx_glossterm.model.language import base_language
from sphinx_glossterm.model.records import Term

ABBR_CLASS = "abbr"
EXPANSION_ATTRIBUTE = "expansion"

PHRASES: dict[str, tuple[str, ...]] = {
    "de": ("steht für", "ist die Abkürzung für", "ist kurz für", "Abkürzung für", "kurz für"),
    "en": ("stands for", "is an abbreviation of", "is an abbreviation for", "is short for"),
}
"""The phrases that follow the bold abbreviation in a stub's sentence, per language."""

QUOTES = "\"'„“”‚‘’«»‹›"
_TITLE = re.compile(r"(?P<outer>.+?)\s*\((?P<inner>[^()]+)\)")


def phrases_for(language: str | None, configured: Sequence[str] = ()) -> tuple[str, ...]:
    """The stub phrases to look for: the configured ones, else the language's and English."""
    if configured:
        return tuple(configured)
    own = PHRASES.get(base_language(language), ())
    return tuple(dict.fromkeys((*own, *PHRASES["en"])))


def looks_like_abbreviation(text: str) -> bool:
    """``AGI``, ``LoRA``, ``T5``, ``CI/CD``: one short word, mostly capitals and digits."""
    text = text.strip()
    if not 2 <= len(text) <= 12 or any(char.isspace() for char in text):
        return False
    letters = [char for char in text if char.isalnum()]
    loud = [char for char in letters if char.isupper() or char.isdigit()]
    return any(char.isupper() for char in letters) and len(loud) * 2 > len(letters)


def split_title(title: str) -> tuple[str, str] | None:
    """``(long form, abbreviation)`` of a title "Long Form (ABBR)" or "ABBR (Long Form)"."""
    match = _TITLE.fullmatch(title.strip())
    if match is None:
        return None
    outer, inner = match["outer"].strip(), match["inner"].strip()
    for long_form, short in ((outer, inner), (inner, outer)):
        if (
            looks_like_abbreviation(short)
            and not looks_like_abbreviation(long_form)
            and abbreviates(short, long_form)
        ):
            return long_form, short
    return None


def abbreviates(short: str, long_form: str) -> bool:
    """Whether the letters of ``short`` appear in order in ``long_form``, from its first word.

    ``XAI`` abbreviates "Explainable AI", ``DL`` "Deep Learning"; ``GPT-4.5`` does
    not abbreviate "Stand Dezember 2024".
    """
    letters = [char.casefold() for char in short if char.isalnum()]
    text = long_form.casefold()
    first_word = text.split()[0] if text.split() else ""
    if not letters or letters[0] not in first_word:
        return False
    position = 0
    for letter in letters:
        position = text.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


def plain_expansion(text: str) -> str:
    """The long form in the text after the phrase: without quotes and the final full stop."""
    text = " ".join(text.split())
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return sentence.rstrip(".").strip().strip(QUOTES).strip()


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """One row of the list of abbreviations."""

    short: str
    expansion: str
    entry: Term
    """The entry that explains the long form (the stub's target, or the entry itself)."""
    written: Term
    """The entry the abbreviation is written in (a stub, or the long entry)."""


def abbreviation_fields(
    title: str,
    classes: Iterable[str],
    sentence: tuple[str, str, str, bool] | None,
    expansion_attribute: str = "",
) -> dict[str, object]:
    """The abbreviation fields of a :class:`.Term`, as both readers fill them.

    ``sentence`` is ``(abbreviation, long form, target id, is the whole lead)`` as
    the Markdown rule found it in the lead, or ``None``.
    """
    explicit = ABBR_CLASS in classes
    if sentence is not None:
        short, expansion, target, stub = sentence
        return {
            "abbreviation": short or title,
            "expansion": expansion_attribute or expansion,
            "expansion_target": target,
            "stub": stub and bool(target),
        }
    if explicit:
        return {"abbreviation": title, "expansion": expansion_attribute}
    split = split_title(title)
    if split is not None:
        return {"abbreviation": split[1], "expansion": split[0]}
    return {}


def resolve(term: Term, by_id: dict[str, Term]) -> Term:
    """The entry a reader of ``term`` wants: a stub's target, else the entry itself."""
    if term.stub and term.expansion_target in by_id:
        return by_id[term.expansion_target]
    return term


def abbreviation_list(terms: Iterable[Term], by_id: dict[str, Term]) -> list[Abbreviation]:
    """Every abbreviation once per long form, in dictionary order of the abbreviation.

    A stub and the long entry's "Long Form (ABBR)" title name the same pair: the
    list shows it once, pointing at the long entry.
    """
    rows: dict[tuple[str, str], Abbreviation] = {}
    for term in terms:
        if not term.abbreviation or by_id.get(term.id) is not term:
            continue
        entry = by_id.get(term.expansion_target, term) if term.expansion_target else term
        expansion = term.expansion or (entry.title if entry is not term else "")
        key = (term.abbreviation, entry.id)
        # Of a stub and the long entry naming one pair, the long entry's own row is kept.
        if key not in rows or rows[key].written is not entry:
            rows[key] = Abbreviation(term.abbreviation, expansion, entry, term)
    return sorted(
        rows.values(), key=lambda row: (sort_key(row.short), row.short, sort_key(row.expansion))
    )
