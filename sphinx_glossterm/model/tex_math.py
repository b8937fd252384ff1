"""What makes a TeX formula unusable: unbalanced braces, ``\\left`` without ``\\right``...

Plain Python, so that the reader can warn at the formula's line before LaTeX
stops on it (an unbalanced brace ends a pdflatex run) and MathML is built
from it.  Not a TeX parser: the checks catch the mistakes that break a
whole book, and leave the rest to the engine.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\\(?:[A-Za-z]+|.)|[{}]")
_ENVIRONMENT = re.compile(r"\\(begin|end)\s*\{([^{}]*)\}")


def tex_problem(tex: str) -> str | None:
    """Why ``tex`` cannot be typeset, or ``None`` when it looks well formed."""
    if not tex.strip():
        return "the formula is empty"
    depth = 0
    delimiters = 0
    for match in _TOKEN.finditer(tex):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return "a closing brace '}' has no opening brace"
        elif token == "\\left":
            delimiters += 1
        elif token == "\\right":
            delimiters -= 1
            if delimiters < 0:
                return "\\right has no \\left before it"
    if depth:
        return f"{depth} opening brace{'s' if depth > 1 else ''} '{{' not closed"
    if delimiters:
        return "\\left has no \\right after it"
    open_environments: list[str] = []
    for kind, name in _ENVIRONMENT.findall(tex):
        if kind == "begin":
            open_environments.append(name)
        elif not open_environments or open_environments.pop() != name:
            return f"\\end{{{name}}} does not close the environment opened before it"
    if open_environments:
        return f"\\begin{{{open_environments[-1]}}} has no \\end"
    return None
