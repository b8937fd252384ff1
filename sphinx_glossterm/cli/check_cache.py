"""``glossterm check``'s cache: each document's records, kept between runs.

A document's records are a function of its text, of the reader's settings
(:class:`~sphinx_glossterm.reader.scan.ScanSettings`: the myst and glossterm
options the reader uses, the source folder, the encoding) and of the reader's
code.  The cache keeps them keyed by the digest of the document's bytes, under
a key made of the package's version, a fingerprint of its modules (an editable
install changes without a new version) and the canonical form of the settings;
when the key differs, nothing of the old cache is used.  A document that
gathers other files (``glossterm-include``) is read every time, since its
records depend on more than its own text.

The cache lives in the user's cache folder, never in the project:
``$XDG_CACHE_HOME/sphinx-glossterm/check/`` (or ``~/.cache/...``), one file per
project, named by a digest of the project's path.  It is written atomically (a
temporary file renamed into place), so two checks at once never see half a
file; a cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import marshal
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sphinx_glossterm import __version__
from sphinx_glossterm.model.mentions import EntryProse, ProsePiece
from sphinx_glossterm.model.records import Link, LinkKind, Section, Term
from sphinx_glossterm.model.warnings_ import GlosstermWarning
from sphinx_glossterm.reader.scan.settings import DocumentRecords, ReadProblem

CACHE_FORMAT = 2
"""Bumped when the layout of the cache file changes."""

APP_FOLDER = "sphinx-glossterm"
CHECK_FOLDER = "check"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/sphinx-glossterm/check``, else ``~/.cache/sphinx-glossterm/check``."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / APP_FOLDER / CHECK_FOLDER


def cache_file(cache_dir: Path, srcdir: Path) -> Path:
    """The cache file of the project whose source folder is ``srcdir``."""
    name = hashlib.sha256(str(srcdir.resolve()).encode("utf-8")).hexdigest()[:24]
    return cache_dir / f"{name}.marshal"


def digest(data: bytes) -> str:
    """The digest a document's bytes are known by."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def code_fingerprint() -> str:
    """The version and the size and time of each of the package's modules."""
    stats = [__version__, sys.version]
    for path in sorted(_PACKAGE_DIR.rglob("*.py")):
        stat = path.stat()
        stats.append(f"{path.relative_to(_PACKAGE_DIR)}:{stat.st_size}:{stat.st_mtime_ns}")
    return digest("\n".join(stats).encode("utf-8"))


def canonical(value: Any) -> Any:
    """``value`` as JSON-able data that is the same in every run (sets sorted, ...)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            "@": type(value).__qualname__,
            **{f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)},
        }
    if isinstance(value, Mapping):
        return [[canonical(key), canonical(item)] for key, item in sorted(value.items(), key=_by)]
    if isinstance(value, set | frozenset):
        return sorted((canonical(item) for item in value), key=_by)
    if isinstance(value, list | tuple):
        return [canonical(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    # Functions and other objects: their repr (a new one each run only costs a cold check).
    return repr(value)


def _by(item: Any) -> str:
    return json.dumps(item, sort_keys=True, default=repr)


def settings_key(settings: Any) -> str:
    """The key the reader's settings and code give the cache."""
    text = json.dumps([CACHE_FORMAT, code_fingerprint(), canonical(settings)], sort_keys=True)
    return digest(text.encode("utf-8"))


class RecordsCache:
    """The records of one project's documents, by path and content digest."""

    def __init__(self, path: Path | None, key: str) -> None:
        self.path = path
        self.key = key
        self._old: dict[str, tuple[str, Any]] = {}
        self._new: dict[str, tuple[str, Any]] = {}
        self.hits = 0
        self._changed = False
        self._answers: tuple[str, dict[str, tuple[str, ...]]] = ("", {})
        self._answers_known = 0
        if path is not None:
            stored = self._load(path, key)
            entries, answers = stored.get("entries"), stored.get("answers")
            self._old = entries if isinstance(entries, dict) else {}
            if isinstance(answers, tuple) and len(answers) == 2:
                self._answers = answers
                self._answers_known = len(answers[1])

    @staticmethod
    def _load(path: Path, key: str) -> dict[str, Any]:
        try:
            stored = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        if not isinstance(stored, dict) or stored.get("key") != key:
            return {}
        return stored

    def answers(self, names: object) -> dict[str, tuple[str, ...]]:
        """The suggestions for unknown targets kept from a check with the same entry names.

        ``names`` is what suggestions depend on (:func:`~..model.suggest.names_of`);
        the dict returned is filled by the report and saved with the records.
        """
        names_key = digest(repr(names).encode("utf-8"))
        if self._answers[0] != names_key:
            self._answers, self._answers_known = (names_key, {}), -1
        return self._answers[1]

    def get(self, path: str, content_digest: str) -> DocumentRecords | None:
        """The records kept for ``path`` when its content is still ``content_digest``."""
        found = self._old.get(path)
        if found is None or found[0] != content_digest:
            return None
        try:
            records = decode_records(found[1])
        except (TypeError, ValueError, IndexError, KeyError):
            return None
        self._new[path] = found
        self.hits += 1
        return records

    def put(self, path: str, content_digest: str, records: DocumentRecords) -> None:
        """Keep ``records`` for ``path`` at ``content_digest``."""
        self._new[path] = (content_digest, encode_records(records))
        self._changed = True

    def save(self) -> None:
        """Write what this run used (documents gone are dropped), if anything changed."""
        changed = self._changed or len(self._new) != len(self._old)
        changed = changed or len(self._answers[1]) != self._answers_known
        if self.path is None or not changed:
            return
        import tempfile  # here: a check with nothing changed writes nothing

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            stored = {"key": self.key, "entries": self._new, "answers": self._answers}
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(marshal.dumps(stored))
                Path(temporary).replace(self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a cache that cannot be written only costs the next check its speed


# -- the records as plain data (marshal reads tuples many times faster than pickle objects)


def encode_records(records: DocumentRecords) -> tuple[Any, ...]:
    """``records`` as tuples of strings, numbers and ``None``."""
    return (
        records.docname,
        tuple(_encode_term(term) for term in records.terms),
        {written: tuple(place) for written, place in records.anchors.items()},
        tuple(_encode_link(link) for link in records.page_links),
        tuple(
            (problem.kind.value, problem.source, problem.line, problem.message)
            for problem in records.problems
        ),
        tuple(records.unknown_directives),
        records.gathers,
        tuple(
            (run.term_id, run.source, run.section, tuple((p.line, p.text) for p in run.pieces))
            for run in records.prose
        ),
    )


def decode_records(data: tuple[Any, ...]) -> DocumentRecords:
    """The records :func:`encode_records` made ``data`` of."""
    docname, terms, anchors, page_links, problems, unknown, gathers, prose = data
    return DocumentRecords(
        docname=docname,
        terms=[_decode_term(term) for term in terms],
        anchors={written: tuple(place) for written, place in anchors.items()},
        page_links=[_decode_link(link) for link in page_links],
        problems=[
            ReadProblem(_WARNINGS[kind], source, line, message)
            for kind, source, line, message in problems
        ],
        unknown_directives=list(unknown),
        gathers=gathers,
        prose=[
            EntryProse(term_id, source, section, tuple(ProsePiece(*piece) for piece in pieces))
            for term_id, source, section, pieces in prose
        ],
    )


_LINK_KINDS = {kind.value: kind for kind in LinkKind}
_WARNINGS = {kind.value: kind for kind in GlosstermWarning}


def _encode_link(link: Link) -> tuple[Any, ...]:
    return (link.target, link.label, link.kind.value, link.source, link.line, link.section_type)


def _decode_link(data: tuple[Any, ...]) -> Link:
    target, label, kind, source, line, section_type = data
    return Link(target, label, _LINK_KINDS[kind], source, line, section_type)


def _encode_term(term: Term) -> tuple[Any, ...]:
    return (
        term.id,
        term.title,
        term.docname,
        term.anchor,
        term.source,
        term.line,
        term.tagline,
        term.aliases,
        term.classes,
        tuple((s.type, s.title, s.anchor, s.line) for s in term.sections),
        tuple(_encode_link(link) for link in term.links),
        term.summary,
        term.inferred,
        tuple(getattr(term, name) for name in _PLAIN_FIELDS),
    )


_ENCODED_FIELDS = frozenset(
    {"id", "title", "docname", "anchor", "source", "line", "tagline", "aliases", "classes"}
    | {"sections", "links", "summary", "inferred"}
)
_PLAIN_FIELDS = tuple(
    field.name for field in dataclasses.fields(Term) if field.name not in _ENCODED_FIELDS
)
"""The Term's other fields, plain values (status, abbreviation, ...), kept as they are."""


def _decode_term(data: tuple[Any, ...]) -> Term:
    (term_id, title, docname, anchor, source, line, tagline) = data[:7]
    aliases, classes, sections, links, summary, inferred, plain = data[7:]
    return Term(
        id=term_id,
        title=title,
        docname=docname,
        anchor=anchor,
        source=source,
        line=line,
        tagline=tagline,
        aliases=tuple(aliases),
        classes=tuple(classes),
        sections=tuple(Section(*section) for section in sections),
        links=tuple(_decode_link(link) for link in links),
        summary=summary,
        inferred=inferred,
        **dict(zip(_PLAIN_FIELDS, plain, strict=True)),
    )
