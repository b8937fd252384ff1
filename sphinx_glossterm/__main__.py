"""``python -m sphinx_glossterm``: the ``glossterm`` command."""

from sphinx_glossterm.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
