"""The contact guide's pictures of the issue forms: the page they are taken
from is made from the committed form files, and shows every question, its
help and every choice those files hold, in Chromium, offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.browser import CHROMIUM, visit
from tests.conftest import PROJECT_ROOT
from tests.form_preview import IMAGES, SHOTS, preview_html

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")]


@pytest.mark.parametrize(("form_file", "image", "open_question", "size"), SHOTS, ids=[shot[1] for shot in SHOTS])
def test_the_preview_shows_what_the_form_file_says(form_file: str, image: str, open_question: str,
                                                   size: tuple[int, int], tmp_path: Path) -> None:
    text = (PROJECT_ROOT / form_file).read_text(encoding="utf-8")
    form = YAML(typ="safe").load(text)
    page = tmp_path / "form.html"
    page.write_text(preview_html(text, open_question=open_question), encoding="utf-8")
    seen = visit(page, width=size[0], height=size[1], evaluate={
        "labels": "[...document.querySelectorAll('.question[id] label')].map(l => l.textContent)",
        "help": "[...document.querySelectorAll('.question[id] .help')].map(p => p.textContent)",
        "menu": "[...document.querySelectorAll('.menu div')].map(d => d.textContent)",
    })
    questions = [item for item in form["body"] if item["type"] != "markdown"]
    assert seen.evaluated["labels"] == [
        item["attributes"]["label"] + (" *" if item["validations"]["required"] else "") for item in questions]
    assert seen.evaluated["help"] == [item["attributes"]["description"] for item in questions]
    opened = next(item for item in questions if item["id"] == open_question)
    assert seen.evaluated["menu"] == opened["attributes"]["options"]
    assert seen.errors == []
    assert seen.requests == [page.resolve().as_uri()]
    assert seen.screenshot.startswith(b"\x89PNG")
    # The guide's picture of this form is there, and is the size it was taken at.
    picture = (IMAGES / image).read_bytes()
    assert picture.startswith(b"\x89PNG")
    assert (int.from_bytes(picture[16:20], "big"), int.from_bytes(picture[20:24], "big")) == size


def test_the_guide_shows_both_pictures() -> None:
    guide = (PROJECT_ROOT / "docs/guides/contact.md").read_text(encoding="utf-8")
    for _, image, _, _ in SHOTS:
        assert f"](images/{image})" in guide
