"""Shared fixtures: Sphinx test roots, the shared corpus, and external tools.

Tests that need something outside the checkout (the corpus in ``../shared``,
a program such as ``pandoc``) skip when it is missing on a developer's
machine, but fail under ``CI=true``: on CI a missing input is a broken setup,
not a reason to pass quietly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

TESTS_DIR = Path(__file__).parent
CHECKOUT_DIR = TESTS_DIR.parent
SHARED_DIR = CHECKOUT_DIR.parent / "shared"
CORPUS_DIR = SHARED_DIR / "corpus" / "ki-glossar"


def on_ci() -> bool:
    """Whether we run on CI, where a missing input fails instead of skipping."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


# Hypothesis profiles: few examples while developing, a few thousand in all on
# CI (the same ones every run), many more and new ones with `tox -e fuzz`.
# HYPOTHESIS_PROFILE picks one; the default is "ci" under CI=true, else "dev".
settings.register_profile("dev", max_examples=25, deadline=None)
settings.register_profile("ci", max_examples=400, deadline=None, derandomize=True, print_blob=True)
settings.register_profile("fuzz", max_examples=5_000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if on_ci() else "dev"))


def skip_or_fail(reason: str) -> None:
    """Skip the test, or fail it when running on CI."""
    if on_ci():
        pytest.fail(f"{reason} (CI=true, so this fails instead of skipping)", pytrace=False)
    pytest.skip(reason)


def require_tool(name: str) -> str:
    """Return the path of the program *name*; skip the test (fail on CI) if it is missing."""
    path = shutil.which(name)
    if path is None:
        skip_or_fail(f"external tool {name!r} is not installed")
    assert path is not None
    return path


@pytest.fixture(autouse=True, scope="session")
def _private_check_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """``glossterm check`` keeps its cache in a folder of the test session, not the user's."""
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if saved is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = saved


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot="name")`` finds ``tests/roots/test-name``."""
    return TESTS_DIR / "roots"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The ki-glossar corpus in ``../shared`` beside the checkout (read only)."""
    if not CORPUS_DIR.is_dir() or not any(CORPUS_DIR.glob("*.md")):
        skip_or_fail(f"corpus not found at {CORPUS_DIR}")
    return CORPUS_DIR


@pytest.fixture(scope="session")
def pandoc_path() -> str:
    """A Pandoc 3 binary: the one the pypandoc-binary wheel ships, else ``pandoc`` on PATH."""
    try:
        import pypandoc

        path = str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        path = require_tool("pandoc")
    first_line = subprocess.run(
        [path, "--version"], capture_output=True, text=True, check=True
    ).stdout.partition("\n")[0]
    major = first_line.split()[-1].split(".")[0]
    if not major.isdigit() or int(major) < 3:
        skip_or_fail(f"need Pandoc 3 (pip install pypandoc-binary), found {first_line!r}")
    return path


# A section at the end of pytest's terminal output, so that reports such as the
# worst fidelity scores are visible without -s.
_REPORT_KEY = pytest.StashKey[list[str]]()


def pytest_configure(config: pytest.Config) -> None:
    """Prepare the report section."""
    config.stash[_REPORT_KEY] = []


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Print what tests added with the ``report`` fixture."""
    lines = config.stash.get(_REPORT_KEY, [])
    if lines:
        terminalreporter.section("sphinx_glossterm report")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def report(pytestconfig: pytest.Config) -> Callable[[str], None]:
    """A function adding a line to the report printed at the end of the test run."""
    return pytestconfig.stash[_REPORT_KEY].append


@pytest.fixture(scope="session")
def corpus_site(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus built once per session with the glossterm theme and no ``index.md``.

    The A–Z page is then the generated root, as for an author coming from
    Pandoc; the output folder is shared by the theme's browser tests.
    """
    from .themed import build_corpus

    return build_corpus(corpus_dir, tmp_path_factory.mktemp("corpus-site"))


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documentation with its demo glossary, built once per session with the glossterm theme."""
    from .themed import build_docs

    outdir, _ = build_docs(tmp_path_factory.mktemp("docs-site"))
    return outdir
