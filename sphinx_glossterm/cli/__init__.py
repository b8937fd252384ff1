"""``glossterm``: the command line (``glossterm check``, ``glossterm init``).

- :mod:`.main` parses the arguments; its functions take an argv list;
- :mod:`.read_markdown` reads a project without Sphinx (the default),
  :mod:`.read_sphinx` with Sphinx (``--full``);
- :mod:`.report` turns what was read into the findings, :mod:`.output` prints them;
- :mod:`.init` sets up a Pandoc glossary repository: :mod:`.init_sources` finds
  its sources, :mod:`.init_files` says what to write.
"""

from __future__ import annotations

from sphinx_glossterm.cli.main import main

__all__ = ["main"]
