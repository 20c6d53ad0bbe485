"""Readability of our Markdown pages: LIX and average sentence length.

LIX (Björnsson) = words per sentence + 100 * share of words longer than six
letters. Lower is easier; plain Dutch for the public aims at about 30-40.
A heading, a list item and a table cell each end a sentence too, as a reader
takes them in one go.

    python tests/readability.py content/nl/brochure/*.md
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

# Words may hold an apostrophe (straight or curly) or a hyphen: "zo'n", "kinder-".
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?:;]+(?=\s|$)")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    long_words: int

    @property
    def lix(self) -> float:
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100 * self.long_words / self.words

    @property
    def words_per_sentence(self) -> float:
        return self.words / max(self.sentences, 1)

    def __add__(self, other: Readability) -> Readability:
        return Readability(
            self.words + other.words,
            self.sentences + other.sentences,
            self.long_words + other.long_words,
        )


def plain_text(markdown: str) -> str:
    """The reader's text of a Markdown page, one block per line."""
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)  # HTML tags; their text stays
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and images keep their text
    text = re.sub(r"\{[:.#][^}]*\}", " ", text)  # attribute lists
    text = re.sub(r'^\s*(!!!|\?\?\?)\s*\w+(\s+"([^"]*)")?', r"\3.", text, flags=re.M)
    text = re.sub(r"^\s*\*\[[^\]]+\]:.*$", " ", text, flags=re.M)  # abbreviations
    text = re.sub(r"^\s*\|?\s*:?-{3,}.*$", " ", text, flags=re.M)  # table rules
    text = text.replace("|", ".\n")  # every table cell is read on its own
    return text


def measure(markdown: str) -> Readability:
    words = sentences = long_words = 0
    for line in plain_text(markdown).splitlines():
        found = _WORD.findall(line)
        if not found:
            continue
        words += len(found)
        long_words += sum(1 for word in found if len(word.replace("-", "")) > 6)
        ends = len(_SENTENCE_END.findall(line))
        # A block that does not end in a full stop still ends where the line does.
        sentences += ends + (0 if line.rstrip()[-1:] in ".!?:;" else 1)
    return Readability(words, sentences, long_words)


def measure_files(paths: list[Path]) -> Readability:
    total = Readability(0, 0, 0)
    for path in paths:
        total = total + measure(path.read_text(encoding="utf-8"))
    return total


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv]
    for path in paths:
        result = measure(path.read_text(encoding="utf-8"))
        print(f"{path}: LIX {result.lix:.1f}, {result.words_per_sentence:.1f} words/sentence")
    total = measure_files(paths)
    print(f"all: LIX {total.lix:.1f}, {total.words_per_sentence:.1f} words/sentence")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
