"""Sort keys and letter groups for lists of terms.

German dictionaries sort by DIN 5007 variant 1: umlauts with their base letter
(Ä with A), ß as ss, case ignored.  Unicode decomposition gives that for every
Latin-script language without a collation library; ties are broken by the
original text so the order is total and the same on every machine.
"""

from __future__ import annotations

import unicodedata

_EXPANSIONS = str.maketrans({"ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"})


def base_letters(text: str) -> str:
    """``text`` without diacritics, ligatures expanded, case folded."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXPANSIONS))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def sort_key(text: str) -> tuple[str, str]:
    """The key that orders terms as a German or English dictionary does."""
    return base_letters(text), text


def letter_of(text: str) -> str:
    """The letter group of a term: ``A`` for "Äquivalenz", ``#`` for "3D-Modell"."""
    for char in base_letters(text):
        if char.isalpha():
            return char.upper()
        if char.isdigit():
            return "#"
    return "#"
