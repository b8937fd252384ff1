"""Find an abbreviation stub's sentence in the tokens of an entry's lead.

``**AGI** steht für "[Artificial General Intelligence](#Artificial-General-Intelligence)".``
is read from the inline tokens of the lead's first paragraph, before either
renderer sees them, so the Sphinx build and ``glossterm check`` agree on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.token import Token

from sphinx_glossterm.model.abbreviations import QUOTES, plain_expansion

ABBREVIATION_META = "abbreviation"
"""On an entry's opening token: ``(abbreviation, long form, target id, is the whole lead)``."""

_TRAILING = set(QUOTES + ".,;:!? \t\n")


def lead_sentence(
    lead: Sequence[Token], phrases: Sequence[str], explicit: bool
) -> tuple[str, str, str, bool] | None:
    """The abbreviation the lead's first paragraph declares, or ``None``.

    ``explicit`` (the heading has ``.abbr``) accepts any words between the bold
    abbreviation and the first link.
    """
    if not lead:
        return None
    top = lead[0].level
    first = next(
        (
            i
            for i, token in enumerate(lead)
            if token.type == "paragraph_open" and token.level == top
        ),
        None,
    )
    if first is None or first + 1 >= len(lead) or lead[first + 1].type != "inline":
        return None
    children = [
        child for child in lead[first + 1].children or [] if child.type != "text" or child.content
    ]
    if len(children) < 4 or [child.type for child in children[:3]] != [
        "strong_open",
        "text",
        "strong_close",
    ]:
        return None
    short = children[1].content.strip()
    rest = children[3:]
    if rest[0].type != "text":
        return None
    words = rest[0].content
    lowered = words.lstrip().lower()
    phrase = next((p for p in phrases if lowered.startswith(p.lower())), None)
    if phrase is None and not explicit:
        return None
    only_paragraph = first == 0 and _paragraph_end(lead, first) == len(lead)
    link = next((i for i, child in enumerate(rest) if child.type == "link_open"), None)
    if link is not None:
        target = str(rest[link].attrs.get("href", ""))
        closing = next(
            (i for i in range(link, len(rest)) if rest[i].type == "link_close"), len(rest)
        )
        before = "".join(child.content for child in rest[:link]).lstrip()
        if phrase is not None:
            before = before[len(phrase) :]
        if before.strip(" " + QUOTES) or not target.startswith("#"):
            return None if phrase is None else _plain(short, rest, phrase, only_paragraph)
        label = "".join(child.content for child in rest[link + 1 : closing]).strip()
        after = "".join(child.content for child in rest[closing + 1 :])
        whole = only_paragraph and all(char in _TRAILING for char in after)
        return short, label, target[1:], whole
    if phrase is None:
        return None
    return _plain(short, rest, phrase, only_paragraph)


def _plain(
    short: str, rest: Sequence[Token], phrase: str, only_paragraph: bool
) -> tuple[str, str, str, bool] | None:
    text = "".join(child.content if child.type == "text" else " " for child in rest).lstrip()
    expansion = plain_expansion(text[len(phrase) :])
    return (short, expansion, "", False) if expansion else None


def _paragraph_end(tokens: Sequence[Token], start: int) -> int:
    position = start
    while position < len(tokens) and tokens[position].type != "paragraph_close":
        position += 1
    return position + 1
