"""``glossterm init`` on a repository shaped like a Pandoc glossary author's, and on a new one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from sphinx_glossterm.cli.init_files import BUILD_COMMANDS
from sphinx_glossterm.cli.main import main

from .books import PdfBook, epubcheck, require_tex
from .conftest import CHECKOUT_DIR
from .pandoc_repository import COMPILED_BOOK, make_repository, snapshot, term_subset
from .projects import build

NEW_FILES = {
    "src/de/conf.py",
    ".readthedocs.yaml",
    "glossterm-requirements.txt",
    ".github/workflows/glossterm.yml",
}


@pytest.fixture(scope="module")
def author_repository(corpus_dir: Path, pandoc_path: str, tmp_path_factory) -> Path:
    """The author's repository with 12 term files (and the ones with math), read only."""
    repository = tmp_path_factory.mktemp("author") / "ki-glossar"
    return make_repository(corpus_dir, repository, pandoc_path, term_subset(corpus_dir, 12))


def run_init(capsys, *argv: str) -> tuple[int, str]:
    status = main(["init", *argv])
    return status, capsys.readouterr().out


def test_init_writes_its_files_beside_the_sources_and_changes_nothing(
    author_repository: Path, tmp_path: Path, capsys
) -> None:
    repository = tmp_path / "repo"
    import shutil

    shutil.copytree(author_repository, repository)
    before = snapshot(repository)
    status, out = run_init(capsys, str(repository))
    assert status == 0
    after = snapshot(repository)
    assert {name: after[name] for name in before} == before
    assert set(after) - set(before) == NEW_FILES
    assert "sources: src/de (found from the Makefile)" in out
    for name in NEW_FILES:
        assert f"wrote: {name}" in out
    assert "sphinx-build -b html src/de _build/html" in out

    conf = (repository / "src/de/conf.py").read_text(encoding="utf-8")
    namespace: dict = {}
    exec(compile(conf, "conf.py", "exec"), namespace)  # our own output
    assert namespace["extensions"] == ["sphinx_glossterm"]
    assert namespace["html_theme"] == "glossterm"
    assert namespace["language"] == "de"
    assert namespace["version"] == namespace["release"] == "0.1.0"  # the Makefile's VERSION
    assert namespace["glossterm_title_file"] == "000-ki-title.txt"
    assert namespace["glossterm_license_file"] == "002-ki-lizenz.txt"
    assert namespace["glossterm_index_file"] == "001-ki-index.txt"
    assert namespace["exclude_patterns"] == [COMPILED_BOOK, "_build", "build"]
    assert "'KI-Glossar und -Tutorial', 'Kurt Pfeifle', 'im März 2025'" in conf

    # Twice: nothing changes, and init says so.
    status, out = run_init(capsys, str(repository))
    assert status == 0
    assert snapshot(repository) == after
    assert "nothing to write" in out
    assert out.count("unchanged: ") == len(NEW_FILES)


def test_the_workflow_publishes_on_tags_and_releases(
    author_repository: Path, tmp_path: Path, capsys
) -> None:
    import shutil

    repository = shutil.copytree(author_repository, tmp_path / "repo")
    run_init(capsys, str(repository))
    author_workflow = (author_repository / ".github/workflows/build.yml").read_bytes()
    assert (repository / ".github/workflows/build.yml").read_bytes() == author_workflow

    workflow = yaml.safe_load((repository / ".github/workflows/glossterm.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["push"]["tags"] == ["v*"]
    assert triggers["release"]["types"] == ["published"]
    build_job, deploy_job = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", "") for step in build_job["steps"]]
    assert "actions/upload-pages-artifact@v3" in uses
    assert "softprops/action-gh-release@v2" in uses
    assert deploy_job["needs"] == "build"
    assert deploy_job["steps"][0]["uses"] == "actions/deploy-pages@v4"
    assert workflow["permissions"] == {"contents": "write", "pages": "write", "id-token": "write"}
    build_step = next(s for s in build_job["steps"] if s.get("name") == "Build HTML, PDF and EPUB")
    assert build_step["working-directory"] == "src/de"
    assert build_step["run"].splitlines() == list(BUILD_COMMANDS)
    install = next(s for s in build_job["steps"] if s.get("name", "").startswith("Install LaTeX"))
    assert "texlive-lang-german" in install["run"]

    readthedocs = yaml.safe_load((repository / ".readthedocs.yaml").read_text())
    assert readthedocs["sphinx"]["configuration"] == "src/de/conf.py"
    assert (repository / readthedocs["sphinx"]["configuration"]).is_file()
    assert readthedocs["formats"] == ["pdf", "epub"]
    requirements = readthedocs["python"]["install"][0]["requirements"]
    assert (repository / requirements).read_text().splitlines()[-1].startswith("sphinx-glossterm")


def _build_steps(lines: list[str]) -> list[str]:
    """Each sphinx-build's builder (``-b html``) and the latexmk options, in order."""
    steps = []
    for line in lines:
        builder = re.search(r"sphinx\b.* -b (\w+) ", line)
        latexmk = re.search(r"latexmk -r latexmkrc(\s+-[^\s)]+)+", line)
        if builder:
            steps.append(f"sphinx -b {builder.group(1)}")
        elif latexmk:
            options = " ".join(latexmk.group(0).split())
            steps.append(re.sub(r"-jobname=\S+", "-jobname=NAME", options))
    return steps


def test_the_workflow_builds_with_the_commands_ci_runs() -> None:
    # CI runs tools/rtd-build, Read the Docs' commands; the workflow runs the same steps.
    script = (CHECKOUT_DIR / "tools" / "rtd-build").read_text(encoding="utf-8")
    script = script.replace("\\\n", " ")  # continued lines
    ci_steps = _build_steps([line for line in script.splitlines() if not line.startswith("#")])
    assert ci_steps == [
        "sphinx -b html",
        "sphinx -b latex",
        "latexmk -r latexmkrc -pdf -f -dvi- -ps- -jobname=NAME -interaction=nonstopmode",
        "sphinx -b epub",
    ]
    assert _build_steps(list(BUILD_COMMANDS)) == ci_steps
    # Both read from the folder of conf.py, with Sphinx's traceback flag as Read the Docs.
    assert all(" -T " in command for command in BUILD_COMMANDS if "sphinx" in command)
    assert 'cd "$root/docs"' in script


def test_init_on_an_empty_folder_starts_a_glossary(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "new"
    folder.mkdir()
    status, out = run_init(capsys, str(folder), "--language", "en")
    assert status == 0
    assert "an empty folder" in out
    assert (folder / "Glossary.md").is_file()
    conf = (folder / "conf.py").read_text(encoding="utf-8")
    assert 'language = "en"' in conf and 'project = "Glossary"' in conf
    readthedocs = yaml.safe_load((folder / ".readthedocs.yaml").read_text())
    assert readthedocs["sphinx"]["configuration"] == "conf.py"
    before = snapshot(folder)
    app = build(folder, builddir=tmp_path / "build")
    assert snapshot(folder) == before
    assert 'id="Glossary"' in (Path(app.outdir) / "Glossary.html").read_text(encoding="utf-8")


@pytest.mark.pdf
def test_published_from_the_written_conf_py(
    corpus_dir: Path, pandoc_path: str, tmp_path: Path, capsys
) -> None:
    """init, then the workflow's own build step: HTML, LaTeX -> PDF and EPUB, each checked."""
    require_tex("pdflatex")
    repository = make_repository(
        corpus_dir, tmp_path / "ki-glossar", pandoc_path, term_subset(corpus_dir, 12)
    )
    before = snapshot(repository)
    run_init(capsys, str(repository))
    after_init = snapshot(repository)
    assert {name: after_init[name] for name in before} == before

    workflow = yaml.safe_load((repository / ".github/workflows/glossterm.yml").read_text())
    job = workflow["jobs"]["build"]
    step = next(s for s in job["steps"] if s.get("name") == "Build HTML, PDF and EPUB")
    out = tmp_path / "out"
    env = {
        **os.environ,
        "OUT": str(out),
        "SLUG": job["env"]["SLUG"],
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "PYTHONPATH": str(CHECKOUT_DIR),
    }
    result = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=repository / step["working-directory"],
        env=env,
        capture_output=True,
        text=True,
        # LaTeX's log holds bytes of the fonts' encodings, not only UTF-8.
        errors="replace",
        check=False,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    # No file written into the repository by any build.
    assert snapshot(repository) == after_init

    # HTML: the compiled book is no page; title and author open the site; licence; math.
    html = out / "html"
    assert not (html / COMPILED_BOOK.replace(".md", ".html")).exists()
    index = (html / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>KI-Glossar und -Tutorial", index)
    assert re.search(r"<h1>KI-Glossar und -Tutorial", index)
    assert "Kurt Pfeifle · im März 2025" in index
    licence = (html / "002-ki-lizenz.html").read_text(encoding="utf-8")
    assert "CC BY-NC-SA 4.0" in licence
    learning_rate = (html / "Learning-Rate.html").read_text(encoding="utf-8")
    assert learning_rate.count("<math ") >= 8
    assert "$\\eta$" not in learning_rate and "mathjax" not in learning_rate.lower()
    assert "Dokumentation" not in re.search(r"<title>(.*?)</title>", index).group(1)

    # PDF: A4, title and author on the first page, the licence, the math set as math.
    pdf = PdfBook(out / "pdf" / f"{job['env']['SLUG']}.pdf")
    width, height = (float(value) for value in pdf.reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)
    first_page = pdf.page_texts[0]
    assert "KI-Glossar und -Tutorial" in first_page and "Kurt Pfeifle" in first_page
    assert "im März 2025" in first_page
    assert "CC BY-NC-SA 4.0" in pdf.text()
    tex = next((out / "pdf").glob("*.tex")).read_text(encoding="utf-8")
    assert "\\(\\eta\\)" in tex and "\\frac{1}{2}" in tex

    # EPUB: metadata, licence page and rights, MathML declared, epubcheck clean.
    epub_path = next((out / "epub").glob("*.epub"))
    assert epubcheck(epub_path) == []
    with zipfile.ZipFile(epub_path) as book:
        opf = book.read("content.opf").decode("utf-8")
        assert "<dc:title>KI-Glossar und -Tutorial</dc:title>" in opf
        assert "<dc:creator>Kurt Pfeifle</dc:creator>" in opf
        rights = re.search(r"<dc:rights>(.*?)</dc:rights>", opf).group(1)
        assert "CC BY-NC-SA 4.0" in rights and "Kurt Pfeifle" in rights
        assert re.search(r'href="Learning-Rate.xhtml"[^>]*properties="mathml"', opf)
        assert "002-ki-lizenz.xhtml" in book.namelist()
        assert "<math " in book.read("Learning-Rate.xhtml").decode("utf-8")
