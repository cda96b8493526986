"""Follow every link of a review's HTML files, as an official who doubts a figure
would: each must open a file of the set (or an http(s) address out of it), at
an element that exists; and each figure (a link of class "fig") must say the
number of items the list it points at holds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
WORDS = {word: number for number, word in enumerate(ONES)}
TENS = {word: 10 * (number + 2) for number, word in enumerate(
    ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))}


def number_in(text: str) -> int:
    """The number a figure's text starts with: "Forty-two activities", "all 21", "1,250"."""
    word = text.strip().lower().removeprefix("all ").split()[0]
    if re.fullmatch(r"[\d,]+", word):
        return int(word.replace(",", ""))
    tens, _, ones = word.partition("-")
    if tens in TENS:
        return TENS[tens] + (WORDS[ones] if ones else 0)
    return WORDS[word]


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element] = field(default_factory=list)
    text: str = ""

    def walk(self) -> list[Element]:
        found, pending = [], [self]
        while pending:
            element = pending.pop()
            found.append(element)
            pending.extend(reversed(element.children))
        return found

    def items(self) -> set[str]:
        """What a list counts: the distinct data-item values within it."""
        return {element.attrs["data-item"] for element in self.walk() if "data-item" in element.attrs}


VOID = {"meta", "br", "img", "hr", "input", "link", "col", "area", "base", "wbr", "source"}


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.stack[1:]:
            element.text += data


@dataclass
class Page:
    path: Path
    root: Element
    ids: dict[str, Element]


def parse(path: Path) -> Page:
    tree = _Tree()
    tree.feed(path.read_text(encoding="utf-8"))
    return Page(path, tree.root, {e.attrs["id"]: e for e in tree.root.walk() if "id" in e.attrs})


@dataclass
class Followed:
    links: int = 0
    figures: int = 0
    outside: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def follow_every_link(folder: Path) -> Followed:
    """Check every link of every HTML file under ``folder``."""
    pages = {path.resolve(): parse(path) for path in sorted(folder.rglob("*.html"))}
    result = Followed()
    for page in pages.values():
        for element in page.root.walk():
            href = element.attrs.get("href")
            if element.tag != "a" or href is None:
                continue
            result.links += 1
            where = f"{page.path.relative_to(folder)}: {href}"
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                result.outside.add(href)
                continue
            if parts.scheme:
                result.problems.append(f"{where}: not a link an official can follow")
                continue
            target_path = (page.path.parent / unquote(parts.path)).resolve() if parts.path else page.path.resolve()
            if target_path.suffix != ".html":
                if not target_path.is_file():
                    result.problems.append(f"{where}: no such file")
                continue
            target = pages.get(target_path)
            if target is None:
                result.problems.append(f"{where}: no such page")
                continue
            anchor = target.ids.get(parts.fragment) if parts.fragment else target.root
            if anchor is None:
                result.problems.append(f"{where}: no element with that id")
                continue
            if "fig" in element.attrs.get("class", "").split():
                result.figures += 1
                said, holds = number_in(element.text), len(anchor.items())
                if said != holds:
                    result.problems.append(f"{where}: says {element.text.strip()!r}, the list holds {holds}")
    return result
