"""The main document as a Word file, for DESG's report to CSOM, which is
assembled in Word: real headings (the navigation pane and a table of contents
find them), real tables whose header row repeats on each page, and page
numbers in the footer (Word's PAGE and NUMPAGES fields).

Like the templates, this module only lays out what the review says
(apec_tracker.reporting.review); it words and counts nothing itself. The file is
the same bytes for the same review: the package's dates are the records' date.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from apec_tracker.reporting.review_model import Block, Cell, Report, Table
from apec_tracker.reporting.wording import Prose

NAVY = RGBColor(0x0B, 0x2F, 0x5B)
MUTED = RGBColor(0x5B, 0x64, 0x73)
AMBER = RGBColor(0xB3, 0x6B, 0x00)
# The colours of review_model.TONES, as the HTML's style sheet gives them.
TONE_COLOURS = {"on-track": RGBColor(0x17, 0x89, 0x7C), "some-progress": AMBER,
                "off-track": RGBColor(0xB3, 0x26, 0x1E), "no-data": RGBColor(0xC3, 0xC9, 0xD3)}
# Sections that only make sense where links work: the list of detail pages.
LINKED_ONLY = frozenset({"detail"})


def to_docx(report: Report) -> bytes:
    """The review's main document as the bytes of a .docx file."""
    document = Document()
    _page_setup(document, report)
    _cover(document, report)
    number = 0
    for section in report.contents:
        if section.anchor in LINKED_ONLY:
            continue
        number += 1
        document.add_heading(f"{number}. {section.title}", level=1)
        _blocks(document, section.blocks)
        if section.anchor == "summary":
            document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    _properties(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return _reproducible(buffer.getvalue(), report)


def _page_setup(document: WordDocument, report: Report) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(18), Mm(18)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for name, size in (("Title", 24), ("Heading 1", 15), ("Heading 2", 12)):
        style = document.styles[name]
        style.font.color.rgb = NAVY
        style.font.size = Pt(size)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _small(footer.add_run("Page "))
    _field(footer, "PAGE")
    _small(footer.add_run(" of "))
    _field(footer, "NUMPAGES")
    if report.state.draft:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = header.add_run(report.state.mark)
        run.bold = True
        run.font.color.rgb = AMBER


def _small(run: Run) -> None:
    font = run.font
    font.size = Pt(8.5)
    font.color.rgb = MUTED


def _field(paragraph: WordParagraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in as it lays out the pages."""
    run = paragraph.add_run()
    _small(run)
    begin, code, separate, shown, end = (OxmlElement("w:fldChar"), OxmlElement("w:instrText"),
                                         OxmlElement("w:fldChar"), OxmlElement("w:t"), OxmlElement("w:fldChar"))
    begin.set(qn("w:fldCharType"), "begin")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    separate.set(qn("w:fldCharType"), "separate")
    shown.text = "1"
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, code, separate, shown, end):
        run._r.append(element)


def _cover(document: WordDocument, report: Report) -> None:
    kicker = document.add_paragraph()
    run = kicker.add_run("ASIA-PACIFIC ECONOMIC COOPERATION")
    _small(run)
    document.add_heading(report.initiative, level=0)
    subtitle = document.add_paragraph()
    run = subtitle.add_run(report.title)
    run.bold = True
    run.font.size = Pt(16)
    run.font.color.rgb = NAVY
    state = document.add_paragraph()
    if report.state.draft:
        run = state.add_run(report.state.mark)
        run.bold = True
        run.font.color.rgb = AMBER
        state.add_run(f". {report.state.reason}")
    else:
        state.add_run(" ".join(part for part in (report.state.reason, report.state.records_as_of) if part))
    if report.state.step:
        state.add_run(f" {report.state.step}")
    if report.validity.invalid:
        warning = document.add_paragraph()
        warning.add_run("Based on invalid data. ").bold = True
        errors = report.validity.errors
        warning.add_run(f"Validation found {errors} {'error' if errors == 1 else 'errors'} in the records; records "
                        "that could not be read are left out.")
    purpose = ("For the annual joint meeting of the Digital Economy Steering Group (DESG) and the Telecommunications "
               "and Information Working Group (TELWG), and for DESG's report to the Concluding Senior Officials' "
               "Meeting (CSOM) on the implementation of the APEC Internet and Digital Economy Roadmap (AIDER), as "
               "paragraph 5 of the Initiative provides.")
    if report.scope.name:
        purpose += f" This review covers the activities {report.scope.in_sentence} took part in."
    document.add_paragraph(purpose)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)


def _blocks(document: WordDocument, blocks: tuple[Block, ...]) -> None:
    bullet = document.styles["List Bullet"]  # looked up once: python-docx finds a style by name slowly
    for block in blocks:
        if block.kind == "paragraph":
            _prose(document.add_paragraph(), block.prose)  # type: ignore[union-attr]
        elif block.kind == "bullets":
            for item in block.items:  # type: ignore[union-attr]
                _prose(document.add_paragraph(style=bullet), item)
        elif block.kind == "subheading":
            document.add_heading(block.text, level=2)  # type: ignore[union-attr]
        elif block.kind == "table":
            _table(document, block)  # type: ignore[arg-type]


def _prose(paragraph: WordParagraph, prose: Prose) -> None:
    for part in prose:
        if part.pointer:
            continue
        run = paragraph.add_run(part.text)
        if part.strong:
            run.bold = True


def _table(document: WordDocument, table: Table) -> None:
    caption = document.add_paragraph(style=document.styles["Caption"])
    caption.add_run(table.caption)
    columns = len(table.header)
    grid: WordTable = document.add_table(rows=1, cols=columns)
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    size = Pt(7.5) if table.compact else Pt(9)
    heading = grid.rows[0]
    _repeat_as_header(heading)
    for cell, source in zip(heading.cells, table.header, strict=True):
        _fill(cell, source, size, header=True)
        _shade(cell, "0B2F5B")
    for number, row in enumerate((*table.rows, *table.foot)):
        cells = grid.add_row().cells  # type: ignore[no-untyped-call]
        index = 0
        for source in row:
            target = cells[index]
            if source.span > 1:
                target = target.merge(cells[index + source.span - 1])
            _fill(target, source, size, header=False, foot=number >= len(table.rows))
            index += source.span


def _fill(cell: _Cell, source: Cell, size: Length, *, header: bool, foot: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    if source.tone:
        dot = paragraph.add_run("\u25cf ")
        dot.font.size = size
        dot.font.color.rgb = TONE_COLOURS[source.tone]
    run = paragraph.add_run(source.text)
    run.font.size = size
    if header:
        run.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    elif source.header or foot:
        run.bold = True
    if source.numeric:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if source.note:
        note = paragraph.add_run(f"\n{source.note}")
        note.font.size = size
        note.font.color.rgb = MUTED


def _repeat_as_header(row: _Row) -> None:
    """Mark a table's first row as its header: Word repeats it on every page."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _shade(cell: _Cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def _properties(document: WordDocument, report: Report) -> None:
    properties = document.core_properties
    properties.title = f"{report.initiative}: {report.title}"
    properties.subject = "Progress review of the APEC Artificial Intelligence Initiative"
    properties.author = "APEC Secretariat (apec-tracker)"
    properties.last_modified_by = "apec-tracker"
    properties.comments = f"Built by apec-tracker {report.provenance.tool_version}"
    when = _when(report)
    properties.created = properties.modified = when
    properties.revision = 1


def _when(report: Report) -> datetime:
    day = report.provenance.date
    return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else datetime(1980, 1, 1, tzinfo=UTC)


def _reproducible(data: bytes, report: Report) -> bytes:
    """The package again, each part stamped with the records' date rather than
    the clock, so that the same review gives the same bytes."""
    when = _when(report)
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
