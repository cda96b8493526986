"""A picture of an issue form for the contact guide: a small HTML page laid out
like GitHub's form, made from the generated form file itself, and its
screenshot in Debian's headless Chromium. To take the guide's screenshots
again after `tracker forms` has changed the forms:

    .venv/bin/python -m tests.form_preview

It lays out what the YAML says (labels, help, placeholders, choices, what is
required) and nothing else; GitHub's own page differs in its details.
"""

from __future__ import annotations

import html
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

PROJECT_ROOT = Path(__file__).resolve().parent.parent
IMAGES = PROJECT_ROOT / "docs" / "guides" / "images"
CHROMIUM = "/usr/bin/chromium"

# The guide's pictures: the form, the dropdown shown open, and the window's size.
SHOTS = (
    (".github/ISSUE_TEMPLATE/new-activity.yml", "form-new-activity.png", "principal_action", (900, 1475)),
    (".github/ISSUE_TEMPLATE/progress.yml", "form-progress.png", "year", (900, 2330)),
)

STYLE = """
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328;
       background: #fff; margin: 0; }
main { max-width: 780px; margin: 24px auto; padding: 0 24px; }
h1 { font-size: 20px; font-weight: 600; margin: 0 0 4px; }
.lead { color: #59636e; margin: 0 0 16px; }
.question { margin: 0 0 20px; }
label { display: block; font-weight: 600; margin-bottom: 2px; }
.required { color: #d1242f; }
.help { color: #59636e; font-size: 13px; margin: 0 0 6px; }
.box { border: 1px solid #d1d9e0; border-radius: 6px; padding: 5px 12px; background: #f6f8fa; min-height: 20px; }
.placeholder { color: #818b98; white-space: pre-wrap; }
.textarea { min-height: 64px; background: #fff; }
.dropdown { display: inline-block; min-width: 220px; background: #f6f8fa; font-weight: 500; }
.dropdown::after { content: " ▾"; float: right; }
.menu { border: 1px solid #d1d9e0; border-radius: 12px; box-shadow: 0 6px 12px rgba(37, 41, 46, .2);
        width: 420px; margin-top: 4px; padding: 6px 0; background: #fff; }
.menu div { padding: 4px 16px; }
.menu .chosen { background: #f6f8fa; font-weight: 600; }
.markdown { border-bottom: 1px solid #d1d9e0; padding-bottom: 8px; margin-bottom: 16px; }
.title { font-weight: 600; }
.submit { display: inline-block; background: #1f883d; color: #fff; border-radius: 6px; padding: 5px 16px;
          font-weight: 500; }
"""


def preview_html(form_yaml: str, *, open_question: str | None = None) -> str:
    """The form as a page; the dropdown ``open_question`` is shown open."""
    form: dict[str, Any] = YAML(typ="safe").load(form_yaml)
    parts = [
        f"<h1>{_text(form['name'])}</h1>",
        f"<p class=lead>{_text(form['description'])}</p>",
        '<div class=question><label>Add a title <span class=required>*</span></label>',
        f"<div class='box title'>{_text(form.get('title', ''))}</div></div>",
    ]
    for item in form["body"]:
        attributes = item["attributes"]
        if item["type"] == "markdown":
            paragraphs = "".join(f"<p>{_text(paragraph)}</p>" for paragraph in attributes["value"].split("\n\n")
                                 if paragraph.strip())
            parts.append(f"<div class=markdown>{paragraphs}</div>")
            continue
        required = item.get("validations", {}).get("required", False)
        parts.append(f"<div class=question id='{_text(item['id'])}'>")
        parts.append(f"<label>{_text(attributes['label'])}{' <span class=required>*</span>' if required else ''}"
                     "</label>")
        if attributes.get("description"):
            parts.append(f"<p class=help>{_text(attributes['description'])}</p>")
        placeholder = f"<span class=placeholder>{_text(attributes.get('placeholder', ''))}</span>"
        if item["type"] == "input":
            parts.append(f"<div class='box' style='background:#fff'>{placeholder}</div>")
        elif item["type"] == "textarea":
            parts.append(f"<div class='box textarea'>{placeholder}</div>")
        elif item["type"] == "dropdown":
            options = list(attributes["options"])
            default = attributes.get("default")
            shown = options[default] if default is not None else "None"
            parts.append(f"<div class='box dropdown'>Selections: {_text(shown)}</div>")
            if item["id"] == open_question:
                menu = "".join(f"<div{' class=chosen' if index == default else ''}>{_text(option)}</div>"
                               for index, option in enumerate(options))
                parts.append(f"<div class=menu>{menu}</div>")
        parts.append("</div>")
    parts.append("<div class=submit>Create</div>")
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{_text(form['name'])}</title>"
            f"<style>{STYLE}</style></head><body><main>{''.join(parts)}</main></body></html>")


def _text(value: object) -> str:
    return html.escape(str(value), quote=True)


def screenshot(page: Path, png: Path, size: tuple[int, int]) -> None:
    """A screenshot of ``page`` taken by headless Chromium in a profile of its own."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}",
             f"--window-size={size[0]},{size[1]}", f"--screenshot={png}", page.resolve().as_uri()],
            check=True, capture_output=True, timeout=120,
        )


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for form_file, image, open_question, size in SHOTS:
            page = Path(folder) / f"{Path(form_file).stem}.html"
            page.write_text(preview_html((PROJECT_ROOT / form_file).read_text(encoding="utf-8"),
                                         open_question=open_question), encoding="utf-8")
            screenshot(page, IMAGES / image, size)
            print(IMAGES / image, file=sys.stderr)


if __name__ == "__main__":
    main()
