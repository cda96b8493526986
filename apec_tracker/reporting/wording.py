"""How the review says things: numbers in words, plurals, lists of names, and
sentences made of text and figures that link to the list behind them.

The review's sentences are composed here, in Python, so that every format
(HTML, Markdown, Word) says the same words with the right plurals; the
templates and the Word writer only lay the parts out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# Numbers up to here are written in words in sentences; larger ones in digits,
# as style guides for official documents have it.
WORDS_UP_TO = 99


def in_words(number: int) -> str:
    """``42`` -> "forty-two"; numbers above WORDS_UP_TO in digits ("1,250")."""
    if not 0 <= number <= WORDS_UP_TO:
        return f"{number:,}"
    if number < 20:
        return _ONES[number]
    tens, ones = divmod(number, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def digits(number: int) -> str:
    return f"{number:,}"


def amount(value: float) -> str:
    """A figure reported as a value: "1,250", "12.5" (one decimal when it has one)."""
    return f"{value:,.1f}" if not float(value).is_integer() else f"{int(value):,}"


def noun(count: int, singular: str, plural: str | None = None) -> str:
    """The form of a noun for ``count``: "activity", "activities"."""
    if count == 1:
        return singular
    if plural is not None:
        return plural
    if singular.endswith("y") and singular[-2:-1] not in ("a", "e", "o", "u"):
        return singular[:-1] + "ies"
    if singular.endswith(("s", "x", "ch", "sh")):
        return singular + "es"
    return singular + "s"


def counted(count: int, singular: str, plural: str | None = None, *, words: bool = True) -> str:
    """``counted(1, "activity")`` -> "one activity"; ``counted(3, "forum", "fora")`` -> "three fora"."""
    return f"{in_words(count) if words else digits(count)} {noun(count, singular, plural)}"


def verb(count: int, singular: str, plural: str) -> str:
    """"was" or "were", "has" or "have", for ``count`` things."""
    return singular if count == 1 else plural


def separator(items: Sequence[str]) -> str:
    """", " between names; "; " when a name holds a comma ("Hong Kong, China")."""
    return "; " if any("," in item for item in items) else ", "


def listed(items: Sequence[str], conjunction: str = "and") -> str:
    """"A", "A and B", "A, B and C"; "Chile; Hong Kong, China; and Peru"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    between = separator(items)
    last = f"{between.strip()} {conjunction} " if between == "; " else f" {conjunction} "
    return between.join(items[:-1]) + last + items[-1]


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# Economies whose names take "the" in a sentence ("the Philippines took part"),
# as APEC documents write them; in lists and tables the name stands alone.
_NAMES_WITH_THE = frozenset({"Philippines", "United States"})


def in_sentence(name: str, *, economy: bool) -> str:
    """A name as a sentence says it: "Japan", "the Philippines", and every forum
    and other APEC body with "the" ("the Digital Economy Steering Group")."""
    return f"the {name}" if not economy or name in _NAMES_WITH_THE else name


# -- sentences with figures ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Link:
    """A place in the review's set of files: a page of the detail folder, and
    an element on it."""

    page: str
    anchor: str = ""

    @property
    def href(self) -> str:
        return f"{self.page}#{self.anchor}" if self.anchor else self.page


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of a sentence: text, possibly a link. A figure is a link with a
    ``count``: the list at the link holds exactly that many items."""

    text: str
    link: Link | None = None
    count: int | None = None
    strong: bool = False
    # A pointer to the detail pages ("All its activities."): only where links
    # work; the Markdown and Word documents leave it out.
    pointer: bool = False
    # A figure's text in digits ("88 activities"): used when another figure of
    # its sentence is too large for words, so that a sentence never mixes them.
    digits: str | None = None

    @property
    def is_figure(self) -> bool:
        return self.count is not None


Prose = tuple[Part, ...]


class Sentences:
    """A paragraph built a part at a time."""

    def __init__(self) -> None:
        self.parts: list[Part] = []

    def say(self, text: str) -> Sentences:
        if text:
            last = self.parts[-1] if self.parts else None
            if last is not None and last.link is None and not last.strong and not last.pointer:
                self.parts[-1] = Part(self.parts[-1].text + text)
            else:
                self.parts.append(Part(text))
        return self

    def strong(self, text: str) -> Sentences:
        self.parts.append(Part(text, strong=True))
        return self

    def figure(self, text: str, link: Link, count: int, digits: str | None = None) -> Sentences:
        """``text`` (which starts with the number) linked to the list of ``count``
        items at ``link``; ``digits``, the same in digits where a sentence needs them."""
        self.parts.append(Part(text, link, count, digits=digits))
        return self

    def link(self, text: str, link: Link) -> Sentences:
        self.parts.append(Part(text, link))
        return self

    def pointer(self, before: str, text: str, link: Link, after: str = "") -> Sentences:
        """A link to the detail pages, with the words around it, that only a
        document with working links shows."""
        for piece, target in ((before, None), (text, link), (after, None)):
            if piece:
                self.parts.append(Part(piece, target, pointer=True))
        return self

    def extend(self, parts: Iterable[Part]) -> Sentences:
        for part in parts:
            if part.link is None and not part.strong and not part.pointer:
                self.say(part.text)
            else:
                self.parts.append(part)
        return self

    @property
    def empty(self) -> bool:
        return not self.parts

    def prose(self) -> Prose:
        """The paragraph, each sentence's figures in words or, when one of them is
        too large for words, all in digits (a figure opening a sentence stays in words)."""
        parts: list[Part] = []
        sentence: list[Part] = []
        for part in self.parts:
            plain_text = part.link is None and not part.strong and not part.pointer
            ends = [match.end() for match in _ENDS_SENTENCE.finditer(part.text)] if plain_text else []
            if not ends:
                sentence.append(part)
                continue
            cut = ends[-1]
            sentence.append(replace(part, text=part.text[:cut]))
            parts += _consistent(sentence)
            rest = part.text[cut:]
            sentence = [replace(part, text=rest)] if rest else []
        return tuple(piece for piece in parts + _consistent(sentence) if piece.text)


_ENDS_SENTENCE = re.compile(r"[.!?](?=\s|$)")


def _consistent(sentence: list[Part]) -> list[Part]:
    if not any(part.count is not None and part.count > WORDS_UP_TO for part in sentence):
        return sentence
    converted = []
    for index, part in enumerate(sentence):
        opening = not "".join(earlier.text for earlier in sentence[:index]).strip()
        converted.append(replace(part, text=part.digits) if part.digits is not None and not opening else part)
    return converted


def plain(prose: Prose) -> str:
    """The words of a paragraph, without its links."""
    return "".join(part.text for part in prose)
