"""IRI references as RFC 3987 allows them: excluded characters percent-encoded.

Sphinx's HTML builder quotes a document name (``quote(docname)``) but the
``dirhtml`` builder does not, and anchors are never quoted: an entry written with
``:id: a b`` gets the HTML id ``a b``.  These helpers make any such string a valid
IRI reference, so it can stand between ``<`` and ``>`` in Turtle and as an
``@id`` in JSON-LD; non-ASCII letters stay as they are (IRIs allow them).
"""

from __future__ import annotations

import functools
import string

UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
SUB_DELIMS = "!$&'()*+,;="
#: Characters a whole IRI reference keeps: delimiters and existing ``%`` escapes.
REFERENCE_SAFE = frozenset(":/?#[]@%" + SUB_DELIMS)
#: Characters a fragment keeps (RFC 3986 ``fragment``); ``#`` and ``%`` are escaped.
FRAGMENT_SAFE = frozenset(":@/?" + SUB_DELIMS)


def _is_ucschar(code: int) -> bool:
    """Whether a non-ASCII code point may appear in an IRI's path or fragment (RFC 3987)."""
    if 0xA0 <= code <= 0xD7FF or 0xF900 <= code <= 0xFDCF or 0xFDF0 <= code <= 0xFFEF:
        return True
    if 0x10000 <= code <= 0xDFFFF:
        return (code & 0xFFFF) < 0xFFFE  # the last two code points of a plane are no characters
    return 0xE1000 <= code <= 0xEFFFD


@functools.lru_cache(maxsize=1 << 16)  # a page's address is encoded for every link to it
def encode(text: str, safe: frozenset[str] = REFERENCE_SAFE) -> str:
    """``text`` with every character an IRI may not hold here percent-encoded as UTF-8."""
    parts: list[str] = []
    for char in text:
        code = ord(char)
        if char in UNRESERVED or char in safe or (code >= 0x80 and _is_ucschar(code)):
            parts.append(char)
        else:
            parts.extend(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
    return "".join(parts)


def fragment(anchor: str) -> str:
    """An HTML anchor as the fragment of an IRI reference."""
    return encode(anchor, FRAGMENT_SAFE)
