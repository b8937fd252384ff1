"""Write a synthetic glossary in the term-document format, shaped like a real one.

Each of the N entries is one Markdown file of about 4 KB in Pandoc's dialect: a
term heading with an id, a tagline, a lead, four explanation sections and a
see-also section, about 9 see-also and 7 inline links, a grid table in every
tenth entry and a few links to terms that do not exist.  The text is built
from German-like syllables (with umlauts), so the search index and the
stemmer do real work.  The same N and seed always give the same files.

    python benchmarks/generate.py 344 /tmp/glossary-344
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SYLLABLES = (
    "ma",
    "ka",
    "lo",
    "ri",
    "te",
    "sen",
    "ver",
    "ar",
    "bei",
    "tung",
    "mo",
    "dell",
    "ler",
    "nen",
    "netz",
    "wer",
    "ke",
    "da",
    "ten",
    "über",
    "prü",
    "fung",
    "grö",
    "ße",
    "kün",
    "st",
    "li",
    "che",
    "in",
    "tel",
    "li",
    "genz",
    "spra",
    "che",
    "bild",
    "ton",
    "schnitt",
    "stel",
    "le",
    "al",
    "go",
    "rith",
    "mus",
    "trai",
    "ning",
    "ge",
    "wicht",
    "ebe",
    "ne",
    "schicht",
    "ä",
    "ö",
    "ü",
)
SECTION_TITLES = ("Grundlagen", "Funktionsweise", "Anwendungen", "Herausforderungen")


def word(rng: random.Random) -> str:
    """A made-up word of two to four syllables."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def sentence(rng: random.Random, links: list[str] | None = None) -> str:
    """A sentence of eight to sixteen words, some of them links when ``links`` is given."""
    words = [word(rng) for _ in range(rng.randint(8, 16))]
    if links:
        for target in links:
            position = rng.randrange(len(words))
            words[position] = f"[{target.replace('-', ' ')}](#{target})"
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def term_ids(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct term ids such as ``Ver-Arbeitung-12``."""
    return [
        f"{word(rng).capitalize()}-{word(rng).capitalize()}-{number}" for number in range(count)
    ]


def grid_table(rng: random.Random) -> str:
    """A small grid table with a caption, a header and an alignment row."""
    cells = [[word(rng)[:12] for _ in range(3)] for _ in range(3)]
    border = "+" + "+".join("-" * 14 for _ in range(3)) + "+"
    header_rule = "+" + "+".join(":" + "=" * 13 for _ in range(3)) + "+"
    rows = ["| " + " | ".join(cell.ljust(12) for cell in row) + " |" for row in cells]
    return "\n".join(
        [
            f": {word(rng)} {word(rng)}",
            "",
            border,
            rows[0],
            header_rule,
            rows[1],
            border,
            rows[2],
            border,
        ]
    )


def entry(term_id: str, ids: list[str], rng: random.Random, number: int) -> str:
    """The Markdown of one term document."""
    title = term_id.replace("-", " ")
    others = [other for other in ids if other != term_id]
    see_also = sorted(rng.sample(others, min(8, len(others))))
    if number % 7 == 0:
        see_also.append(f"Nie-Geschrieben-{number}")  # a broken target, as real glossaries have
    inline = rng.sample(others, min(7, len(others)))
    parts = [
        f"## {title} {{#{term_id} .chapter .small .term}}",
        "",
        f"***{sentence(rng)[:-1]}***",
        "",
        f"**{title}** {sentence(rng, inline[:2])} {sentence(rng)}",
        sentence(rng),
    ]
    for position, section in enumerate(SECTION_TITLES):
        parts += [
            "",
            f"### {section} {{.explanation}}",
            "",
            sentence(rng, inline[2 + position : 3 + position]),
        ]
        parts += [f"- **{word(rng)}**: {sentence(rng)}" for _ in range(3)]
        parts += ["", sentence(rng) + " " + sentence(rng)]
        if position == 1 and number % 10 == 0:
            parts += ["", grid_table(rng)]
    parts += ["", "### Verwandte Themen {.seealso}", ""]
    parts += [f"[{target.replace('-', ' ')}](#{target}) |" for target in see_also]
    parts += ["[Index](#Index) |", "", "----", ""]
    return "\n".join(parts)


def generate(count: int, outdir: Path, seed: int = 344) -> list[Path]:
    """Write ``count`` term documents into ``outdir``; return their paths."""
    rng = random.Random(seed)
    ids = term_ids(count, rng)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, term_id in enumerate(ids):
        path = outdir / f"{term_id}.md"
        path.write_text(entry(term_id, ids, rng, number), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line: ``generate.py N OUTDIR [--seed S]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of term documents")
    parser.add_argument("outdir", type=Path, help="folder to write them into")
    parser.add_argument("--seed", type=int, default=344)
    args = parser.parse_args(argv)
    paths = generate(args.count, args.outdir, args.seed)
    size = sum(path.stat().st_size for path in paths)
    print(f"wrote {len(paths)} term documents, {size / len(paths) / 1024:.1f} KB each on average")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
