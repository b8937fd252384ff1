"""Sites built with the glossterm theme (or another theme) once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import CHECKOUT_DIR
from .projects import build, warnings_of

DOCS = CHECKOUT_DIR / "docs"
ARTIFACTS = CHECKOUT_DIR / "_artifacts"

CORPUS_CONF = (
    'extensions = ["sphinx_glossterm"]\n'
    'language = "de"\n'
    'project = "KI-Glossar"\n'
    'html_theme = "glossterm"\n'
)


def build_docs(
    destination: Path, theme: str = "glossterm", **overrides: object
) -> tuple[Path, list[str]]:
    """Build the documentation with its demo glossary; the output folder and the warnings."""
    srcdir = destination / "docs"
    shutil.copytree(DOCS, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = build(srcdir, confoverrides={"html_theme": theme, **overrides})
    return Path(app.outdir), warnings_of(app)


def build_corpus(corpus_dir: Path, destination: Path, conf: str = CORPUS_CONF) -> Path:
    """Build the shared corpus (its files and a four-line conf.py); the output folder."""
    srcdir = destination / "corpus"
    srcdir.mkdir(parents=True)
    for source in corpus_dir.iterdir():
        if source.is_file():
            shutil.copy2(source, srcdir / source.name)
    (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    app = build(srcdir)
    return Path(app.outdir)
