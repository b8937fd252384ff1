"""``glossterm serve``: build the HTML, serve it, rebuild on every save, reload the pages.

One :class:`~sphinx.application.Sphinx` application stays alive between
builds: the imports are done once and the environment stays in memory, so a
rebuild after an edit reads only the changed documents (Sphinx's own
incremental build).  A change of conf.py makes a new application with a
fresh environment (a full rebuild).  The watcher (watchfiles) groups the
events of one save, and every change that arrives while a build runs goes
into the next one, so a burst of saves costs at most two builds.

The output goes to OUTDIR (default: a folder per project under the user's
cache folder, :func:`default_outdir`), never into the source folder.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import queue
import sys
import threading
import time
import traceback
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_glossterm.cli.arguments import (
    add_confdir_argument,
    add_define_argument,
    add_source_argument,
)
from sphinx_glossterm.cli.serve_http import SiteState, site_server

if TYPE_CHECKING:
    from sphinx.application import Sphinx

DEFAULT_PORT = 8000
DEFAULT_HOST = "127.0.0.1"
QUIET_SECONDS = 0.06
"""After a change, wait this long for more before building.

An editor's save is several events within milliseconds; "save all", or a
formatter rewriting the file after the save, comes tens of milliseconds
later, and should cost one build, not one each.
"""
IDLE_SECONDS = 0.5
"""After a build, the folder quiet this long: the pages have reloaded, garbage is collected."""
IGNORED_DIRS = ("_build", ".doctrees")

SERVE_DESCRIPTION = """\
Build the HTML of a Sphinx project that uses sphinx_glossterm, serve it, and
rebuild on every save: the source folder, conf.py, and the folders of
templates_path and html_static_path are watched.  Every open page reloads by
itself after a rebuild (no reload button; nothing is fetched from other hosts).

The process stays warm: a rebuild reads only what changed.  A change of
conf.py rebuilds everything.  A build that fails keeps the last good site
served; the error is printed here and shown as a banner on the page.
Ctrl-C stops the server.
"""


def serve_parser() -> argparse.ArgumentParser:
    """The argument parser of ``glossterm serve``."""
    parser = argparse.ArgumentParser(
        prog="glossterm serve",
        description=SERVE_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_source_argument(parser)
    parser.add_argument(
        "outdir",
        type=Path,
        nargs="?",
        help="where the HTML is written (default: a folder for this project under the "
        "user's cache folder, e.g. ~/.cache/sphinx-glossterm/serve/NAME-HASH)",
    )
    add_confdir_argument(parser)
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"the port to serve on (default: {DEFAULT_PORT}; 0: any free port)",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to serve on (default: {DEFAULT_HOST}, this machine only)",
    )
    add_define_argument(parser)
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="print Sphinx's progress messages too (default: only warnings, errors and "
        "one line per build)",
    )
    return parser


def default_outdir(srcdir: Path) -> Path:
    """The output folder of a project: one per source folder, under the user's cache folder."""
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    resolved = str(srcdir.resolve())
    digest = hashlib.sha256(resolved.encode()).hexdigest()[:12]
    return Path(cache) / "sphinx-glossterm" / "serve" / f"{srcdir.resolve().name}-{digest}"


class WarmBuild:
    """One Sphinx application kept alive between builds; a new one when conf.py changes."""

    def __init__(
        self,
        srcdir: Path,
        confdir: Path,
        outdir: Path,
        overrides: dict[str, Any],
        verbose: bool = False,
    ) -> None:
        self.srcdir = srcdir.resolve()
        self.confdir = confdir.resolve()
        self.outdir = outdir.resolve()
        self.doctreedir = self.outdir / ".doctrees"
        self.overrides = overrides
        self.verbose = verbose
        self.app: Sphinx | None = None

    def build(self, changed: Iterable[Path] = ()) -> None:
        """Build what changed; raises what Sphinx raises (conf.py errors, extension bugs)."""
        conf_changed = any(path == self.confdir / "conf.py" for path in changed)
        if self.app is None or conf_changed:
            self.app = None
            self.app = self._new_app(fresh=conf_changed)
        app = self.app
        self._forget_doctrees(app)
        self._mark_outdated(app, changed)
        # The counts are per build: a warm application would add them up.
        app._warncount = 0
        app.statuscode = 0
        try:
            app.build()
        except BaseException:
            self.app = None  # Sphinx dropped its saved environment: start afresh
            raise

    @staticmethod
    def _forget_doctrees(app: Sphinx) -> None:
        """Drop the doctrees the environment kept in memory from the last build.

        Sphinx caches every doctree it loads (``env.get_doctree``) and the
        root document's (``env.master_doctree``, read for the global toctree)
        for the life of the environment, which in ``sphinx-build`` is one
        build.  Kept warm, a page that was loaded in one build, then edited
        and re-read, and is written again for a neighbour's edit, would be
        written from the first copy: with the text from before its own edit.
        ``sphinx.testing``'s application clears the same cache before every
        build.
        """
        env = app.env
        env._pickled_doctree_cache.clear()
        env._write_doc_doctree_cache.clear()
        env.__dict__.pop("master_doctree", None)

    @staticmethod
    def _mark_outdated(app: Sphinx, changed: Iterable[Path]) -> None:
        """Have Sphinx re-read every changed document, whatever its modification time.

        Sphinx notes a document's read time after parsing it, so a save that
        lands while the document is being read looks older than the read;
        the watcher saw it, so it is read again.
        """
        env = app.env
        for path in changed:
            docname = env.path2doc(str(path))
            if docname is not None and docname in env.all_docs:
                env.all_docs[docname] = 0

    def watched(self) -> list[Path]:
        """The folders to watch: the sources, conf.py's folder, templates and static files."""
        folders = [self.srcdir, self.confdir]
        if self.app is not None:
            config = self.app.config
            for name in ("templates_path", "html_static_path", "html_extra_path"):
                folders += [self.confdir / folder for folder in getattr(config, name, ())]
        existing = [folder.resolve() for folder in folders if folder.is_dir()]
        return _outermost(existing)

    def _new_app(self, fresh: bool) -> Sphinx:
        from sphinx.application import Sphinx

        writes_bytecode = sys.dont_write_bytecode
        sys.dont_write_bytecode = True  # conf.py's imports must leave no __pycache__ behind
        try:
            return Sphinx(
                self.srcdir,
                self.confdir,
                self.outdir,
                self.doctreedir,
                "html",
                confoverrides=dict(self.overrides),
                status=sys.stdout if self.verbose else None,
                warning=sys.stderr,
                freshenv=fresh,
            )
        finally:
            sys.dont_write_bytecode = writes_bytecode


def _outermost(folders: list[Path]) -> list[Path]:
    """The folders not inside another of them, once each, in order."""
    kept: list[Path] = []
    for folder in sorted(set(folders), key=lambda path: len(path.parts)):
        if not any(folder.is_relative_to(outer) for outer in kept):
            kept.append(folder)
    return kept


def describe_error(error: BaseException) -> str:
    """The error as the terminal and the page banner show it."""
    from sphinx.errors import SphinxError

    if isinstance(error, SphinxError):
        return f"{error.category}: {error}"
    return "".join(traceback.format_exception(error)).rstrip()


class Watcher(threading.Thread):
    """Put every batch of changed paths on a queue, until stopped."""

    def __init__(self, folders: list[Path], ignored: list[Path]) -> None:
        super().__init__(name="glossterm-serve-watcher", daemon=True)
        self.folders = folders
        self.ignored = ignored
        self.changes: queue.Queue[set[Path]] = queue.Queue()
        self.stop = threading.Event()
        self.ready = threading.Event()

    def run(self) -> None:
        from watchfiles import DefaultFilter, watch

        ignored = self.ignored

        class SourceFilter(DefaultFilter):
            def __call__(self, change: Any, path: str) -> bool:
                resolved = Path(path)
                if any(resolved.is_relative_to(folder) for folder in ignored):
                    return False
                return super().__call__(change, path)

        self.ready.set()
        for batch in watch(
            *self.folders,
            watch_filter=SourceFilter(ignore_dirs=(*DefaultFilter.ignore_dirs, *IGNORED_DIRS)),
            stop_event=self.stop,
            debounce=400,
            step=20,
            yield_on_timeout=False,
            rust_timeout=500,
        ):
            self.changes.put({Path(path) for _change, path in batch})

    def next_batch(self, timeout: float) -> set[Path] | None:
        """The changes since the last call (waiting up to ``timeout``), or ``None``."""
        try:
            changed = self.changes.get(timeout=timeout)
        except queue.Empty:
            return None
        while True:  # every change that came meanwhile goes into this build
            try:
                changed |= self.changes.get(timeout=QUIET_SECONDS)
            except queue.Empty:
                return changed


def serve(argv: Sequence[str]) -> int:
    """``glossterm serve SRCDIR [OUTDIR] ...``: serve until Ctrl-C; the exit status."""
    from sphinx_glossterm.cli.arguments import exit_code, overrides_of

    parser = serve_parser()
    try:
        args = parser.parse_args(list(argv))
        overrides = overrides_of(parser, args.define)
    except SystemExit as exit_:
        return exit_code(exit_)
    srcdir: Path = args.srcdir.resolve()
    confdir: Path = (args.confdir or args.srcdir).resolve()
    if not srcdir.is_dir():
        print(f"glossterm serve: no source directory {srcdir}", file=sys.stderr)
        return 2
    outdir: Path = (args.outdir or default_outdir(srcdir)).resolve()
    if outdir.is_relative_to(srcdir):
        print(
            f"glossterm serve: the output folder {outdir} is inside the source folder; "
            "give another OUTDIR",
            file=sys.stderr,
        )
        return 2
    outdir.mkdir(parents=True, exist_ok=True)
    builder = WarmBuild(srcdir, confdir, outdir, overrides, args.verbose)
    state = SiteState()
    try:
        server = site_server(outdir, args.host, args.port, state)
    except OSError as error:
        print(f"glossterm serve: cannot serve on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 2
    server_thread = threading.Thread(target=server.serve_forever, daemon=True)
    watcher: Watcher | None = None
    try:
        run_build(builder, state, ())
        server_thread.start()
        host, port = server.server_address[:2]
        print(f"glossterm serve: serving {outdir} on http://{host}:{port}/ (Ctrl-C stops)")
        sys.stdout.flush()
        watcher = Watcher(builder.watched(), [outdir])
        watcher.start()
        watcher.ready.wait()
        collected = False
        while True:
            changed = watcher.next_batch(timeout=IDLE_SECONDS)
            if changed:
                run_build(builder, state, changed)
                collected = False
            elif not collected:
                collect_garbage()
                collected = True
    except KeyboardInterrupt:
        print("\nglossterm serve: stopped")
    finally:
        if watcher is not None:
            watcher.stop.set()
        state.close()
        server.shutdown() if server_thread.is_alive() else None
        server.server_close()
    return 0


def collect_garbage() -> None:
    """Collect the last build's garbage while nothing changes, then set the survivors aside.

    The environment of a large glossary is over a million objects, and
    Python's full garbage collection walks them all (0.8 s at 3,000
    entries); a build allocates enough to start one about every build, in
    the middle of it.  Collected here, between builds, and the survivors
    frozen (:func:`gc.freeze`: kept out of later collections until the next
    call unfreezes them), the collections during a build only look at what
    that build made.  Holding the interpreter for that long would stall the
    pages' own requests, so it runs only when the folder has been quiet for
    ``IDLE_SECONDS``.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def run_build(builder: WarmBuild, state: SiteState, changed: Iterable[Path]) -> None:
    """One build: publish its success (the pages reload) or its error (the banner)."""
    changed = set(changed)
    state.started()
    started = time.perf_counter()
    if changed:
        shown = ", ".join(sorted(_shown(path, builder.srcdir) for path in changed)[:5])
        print(f"glossterm serve: changed: {shown}{' ...' if len(changed) > 5 else ''}")
    try:
        builder.build(changed)
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # any failure (SystemExit too) must leave the server up
        message = describe_error(error)
        print(
            f"glossterm serve: the build failed; still serving the last good site\n{message}",
            file=sys.stderr,
        )
        state.failed(message)
    else:
        state.succeeded()
        warnings = builder.app._warncount if builder.app is not None else 0
        seconds = time.perf_counter() - started
        print(f"glossterm serve: build {state.build} done in {seconds:.2f} s, {warnings} warnings")
    sys.stdout.flush()
    sys.stderr.flush()


def _shown(path: Path, srcdir: Path) -> str:
    return str(path.relative_to(srcdir)) if path.is_relative_to(srcdir) else str(path)
