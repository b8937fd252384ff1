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
import os
import pickle
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sphinx_glossterm import __version__

CACHE_FORMAT = 1
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
    return cache_dir / f"{name}.pickle"


def digest(data: bytes) -> str:
    """The digest a document's bytes are known by."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def code_fingerprint() -> str:
    """The version and the size and time of each of the package's modules."""
    stats = [__version__]
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
        if path is not None:
            self._old = self._load(path, key)

    @staticmethod
    def _load(path: Path, key: str) -> dict[str, tuple[str, Any]]:
        try:
            with path.open("rb") as file:
                stored = pickle.load(file)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            return {}
        if not isinstance(stored, dict) or stored.get("key") != key:
            return {}
        entries = stored.get("entries")
        return entries if isinstance(entries, dict) else {}

    def get(self, path: str, content_digest: str) -> Any | None:
        """The records kept for ``path`` when its content is still ``content_digest``."""
        found = self._old.get(path)
        if found is None or found[0] != content_digest:
            return None
        self._new[path] = found
        self.hits += 1
        return found[1]

    def put(self, path: str, content_digest: str, records: Any) -> None:
        """Keep ``records`` for ``path`` at ``content_digest``."""
        self._new[path] = (content_digest, records)
        self._changed = True

    def save(self) -> None:
        """Write what this run used (documents gone are dropped), if anything changed."""
        changed = self._changed or len(self._new) != len(self._old)
        if self.path is None or not changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as file:
                    pickle.dump(
                        {"key": self.key, "entries": self._new},
                        file,
                        protocol=pickle.HIGHEST_PROTOCOL,
                    )
                Path(temporary).replace(self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a cache that cannot be written only costs the next check its speed
