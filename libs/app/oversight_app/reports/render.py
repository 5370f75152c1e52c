"""The scorecard report as XLSX (openpyxl), PDF (fpdf2) and the findings as CSV.

Plain synchronous functions of a ``ScorecardReport``: callers run them in a thread (``asyncio.to_thread``), so
rendering never holds the event loop. Numbers stay numbers (scores are fractions formatted as percentages in
the XLSX); the PDF prints the same figures rounded half-up to one decimal, like every other display.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from oversight_app.reports.scorecard import RecordRow, ScorecardReport
from oversight_domain.reports import ENROLLMENT_DATE_NOTE

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_MEDIA_TYPE = "application/pdf"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"

PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "yyyy-mm-dd"
WITHHELD = "Member identity withheld: it is shown only to callers who may read member data (members:read)."

RECORD_IDENTITY_COLUMNS = (
    "CIN",
    "Age (Year/Month)",
    "Gender",
    "Member's Health Plan Code",
    "Member's Enrollment Date or Effective Date Assigned to Member*",
)
FINDING_COLUMNS = (
    "Section",
    "Element",
    "Element key",
    "Level",
    "ECM Record",
    "Answer",
    "Points given",
    "Points possible",
    "Comment",
    "Correction required",
    "Date of correction",
    "Evidence cited",
)


def _append(ws: Any, values: list[Any]) -> None:
    """A row, with the control characters XLSX cannot hold dropped from text (a review's free text may carry
    them; openpyxl refuses them, which made the export a 500)."""
    ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values])


def header_pairs(report: ScorecardReport) -> list[tuple[str, Any]]:
    h = report.header
    return [
        ("Provider Name", h.provider_name),
        ("Review Date", h.review_date),
        ("Partnership No", h.partnership_no),
        ("Site NPI", h.site_npi),
        ("Address", h.address),
        ("City and Zip Code", h.city_zip),
        ("Reviewer name/title", h.reviewer),
        ("Contact person/title", h.contact),
        ("Phone", h.phone),
        ("Fax", h.fax),
        ("Email", h.email),
        ("Number of Records Reviewed", h.records_reviewed),
        ("Health Plan", h.plan_name),
        ("Tool version", h.tool_version),
        ("Status", "Final" if report.final else f"DRAFT ({h.status})"),
    ]


def finding_values(report: ScorecardReport) -> Iterable[list[Any]]:
    for f in report.findings:
        yield [
            f.section,
            f.element_title,
            f.element_key,
            f.level,
            f.record_number,
            f.answer,
            f.points_given,
            f.points_possible,
            f.comment or "",
            "Yes" if f.correction_required else "No",
            f.corrected_on,
            "; ".join(f.evidence),
        ]


def record_values(report: ScorecardReport, r: RecordRow) -> list[Any]:
    identity = [r.cin, r.age, r.gender, r.plan_code, r.enrollment_date] if report.identity else []
    score = float(r.score) if r.score is not None else None
    return [r.number, *identity, r.draw_number, score, "Yes" if r.failed else "No"]


def record_columns(report: ScorecardReport) -> list[str]:
    identity = list(RECORD_IDENTITY_COLUMNS) if report.identity else []
    return ["ECM Record", *identity, "Draw", "Record Score %", "Failed"]


# ------------------------------------------------------------------------------------------------ XLSX


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def render_xlsx(report: ScorecardReport) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Scorecard"
    _scorecard_sheet(ws, report)
    _records_sheet(wb.create_sheet("Records Reference"), report)
    _findings_sheet(wb.create_sheet("Findings"), report)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _scorecard_sheet(ws: Any, report: ScorecardReport) -> None:
    bold = Font(bold=True)
    _append(ws, [f"{report.header.tool_title} - Audit Scorecard"])
    ws["A1"].font = Font(bold=True, size=14)
    _append(ws, [])
    for label, value in header_pairs(report):
        _append(ws, [label, value])
        ws.cell(ws.max_row, 1).font = bold
        if isinstance(value, date):
            ws.cell(ws.max_row, 2).number_format = DATE_FORMAT
    _append(ws, [])
    _append(ws, ["Visit Purpose"])
    ws.cell(ws.max_row, 1).font = bold
    for label, checked in report.visit_purpose:
        _append(ws, [label, "X" if checked else ""])
    _append(ws, [])
    _append(ws, ["Populations of Focus"])
    ws.cell(ws.max_row, 1).font = bold
    for label, checked in report.populations:
        _append(ws, [label, "X" if checked else ""])
    _append(ws, [])
    _append(ws, ["ECM Record Scores", "Yes", "No", "N/A", "Section Score %"])
    for cell in ws[ws.max_row]:
        cell.font = bold
    for s in report.sections:
        _append(ws, [s.title, s.yes, s.no, s.na, _number(s.score)])
        ws.cell(ws.max_row, 5).number_format = PERCENT_FORMAT
    _append(ws, ["", "Yes Points", "No Points", "N/A", "Total Score %"])
    for cell in ws[ws.max_row]:
        cell.font = bold
    _append(ws, ["Total", report.total_yes, report.total_no, report.total_na, _number(report.total_score)])
    ws.cell(ws.max_row, 1).font = bold
    ws.cell(ws.max_row, 5).number_format = PERCENT_FORMAT
    _append(ws, [])
    wrap = Alignment(wrap_text=True, vertical="top")
    for label, value in (
        ("Outcome", report.outcome_label),
        ("Sections requiring action", ", ".join(report.sections_requiring_action)),
        ("Scoring Procedure", report.scoring_procedure),
        ("Compliance Rate", report.compliance_rate),
        ("Next Review Due", report.next_review_due),
    ):
        _append(ws, [label, value])
        ws.cell(ws.max_row, 1).font = bold
        ws.cell(ws.max_row, 2).alignment = wrap
        if isinstance(value, date):
            ws.cell(ws.max_row, 2).number_format = DATE_FORMAT
    ws.column_dimensions["A"].width = 62
    ws.column_dimensions["B"].width = 60
    for col in "CDE":
        ws.column_dimensions[col].width = 16


def _table(ws: Any, columns: Sequence[str], rows: Iterable[list[Any]], percent_cols: set[int]) -> None:
    _append(ws, list(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        _append(ws, row)
        r = ws.max_row
        for index, value in enumerate(row, start=1):
            if index in percent_cols:
                ws.cell(r, index).number_format = PERCENT_FORMAT
            elif isinstance(value, date):
                ws.cell(r, index).number_format = DATE_FORMAT
    ws.freeze_panes = "A2"
    for index, name in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = max(12, min(48, len(name) + 2))


def _records_sheet(ws: Any, report: ScorecardReport) -> None:
    columns = record_columns(report)
    score_col = columns.index("Record Score %") + 1
    _table(ws, columns, (record_values(report, r) for r in report.records), {score_col})
    _append(ws, [])
    _append(ws, [ENROLLMENT_DATE_NOTE if report.identity else WITHHELD])


def _findings_sheet(ws: Any, report: ScorecardReport) -> None:
    _table(ws, FINDING_COLUMNS, finding_values(report), set())
    ws.column_dimensions["I"].width = 60


# ------------------------------------------------------------------------------------------------- CSV


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value


def render_findings_csv(report: ScorecardReport) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FINDING_COLUMNS)
    for row in finding_values(report):
        writer.writerow([_csv_value(v) for v in row])
    return out.getvalue().encode("utf-8")


# ------------------------------------------------------------------------------------------------- PDF


# Typographic characters the seed's texts and people's names use, in their Latin-1 spelling.
_PDF_FOLD = str.maketrans(
    {"\u2265": ">=", "\u2264": "<=", "\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'",
     "\u201c": '"', "\u201d": '"', "\u2022": "-"}
)  # fmt: skip


def pdf_text(value: Any) -> str:
    """What the PDF's core font (Latin-1) can print: dates ISO, None blank, other characters folded to their
    closest Latin-1 form (a typographic dash becomes "-", "≥" ">=") or "?"."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).translate(_PDF_FOLD)
    if all(ord(c) < 256 for c in text):
        return text
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c if ord(c) < 256 else "?" for c in folded if not unicodedata.combining(c))


def pdf_percent(value: Decimal | float | None) -> str:
    if value is None:
        return "-"
    return f"{(Decimal(str(value)) * 100).quantize(Decimal('0.1'), rounding='ROUND_HALF_UP')}%"


class _Pdf(FPDF):
    title_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=7)
        self.cell(0, 6, pdf_text(f"{self.title_text} - page {self.page_no()}/{{nb}}"), align="C")


def render_pdf(report: ScorecardReport) -> bytes:
    pdf = _Pdf(orientation="landscape", format="letter")
    pdf.title_text = f"{report.header.provider_name} - {report.header.review_date.isoformat()}"
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.set_margins(10, 8, 10)
    pdf.set_title(pdf_text(f"{report.header.tool_title} - Audit Scorecard"))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, pdf_text(report.header.tool_title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "B", 11)
    status = "" if report.final else "  (DRAFT - not finalized)"
    pdf.cell(
        0, 6, pdf_text(f"ECM Review Tool - Audit Scorecard{status}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.ln(2)
    _pdf_header(pdf, report)
    pdf.ln(2)
    _pdf_boxes(pdf, report)
    pdf.ln(2)
    _pdf_scores(pdf, report)
    _pdf_records(pdf, report)
    _pdf_findings(pdf, report)
    return bytes(pdf.output())


def _pdf_header(pdf: FPDF, report: ScorecardReport) -> None:
    pairs = header_pairs(report)
    pdf.set_font("Helvetica", size=9)
    with pdf.table(col_widths=(55, 75, 55, 74), first_row_as_headings=False, line_height=4.8) as table:
        for i in range(0, len(pairs), 2):
            row = table.row()
            for label, value in pairs[i : i + 2]:
                row.cell(pdf_text(label + ":"), style=_bold())
                row.cell(pdf_text(value))


def _bold() -> Any:
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD")


def _pdf_boxes(pdf: FPDF, report: ScorecardReport) -> None:
    pdf.set_font("Helvetica", size=8)
    purposes = [f"[{'X' if c else ' '}] {label}" for label, c in report.visit_purpose]
    pops = [f"[{'X' if c else ' '}] {label}" for label, c in report.populations]
    half = (len(pops) + 1) // 2
    with pdf.table(col_widths=(50, 105, 105), line_height=4.2) as table:
        heading = table.row()
        heading.cell("Visit Purpose")
        heading.cell("Populations of Focus", colspan=2)
        for i in range(half):
            row = table.row()
            row.cell(pdf_text(purposes[i]) if i < len(purposes) else "")
            row.cell(pdf_text(pops[i]))
            row.cell(pdf_text(pops[half + i]) if half + i < len(pops) else "")


def _pdf_scores(pdf: FPDF, report: ScorecardReport) -> None:
    pdf.set_font("Helvetica", size=9)
    with pdf.table(col_widths=(100, 25, 25, 25, 35), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
                   line_height=4.8) as table:  # fmt: skip
        table.row(["ECM Record Scores", "Yes", "No", "N/A", "Section Score %"])
        for s in report.sections:
            table.row([pdf_text(s.title), str(s.yes), str(s.no), str(s.na), pdf_percent(s.score)])
        row = table.row()
        row.cell("")
        for label in ("Yes Points", "No Points", "N/A", "Total Score %"):
            row.cell(label, style=_bold())
        table.row(
            ["Total", str(report.total_yes), str(report.total_no), str(report.total_na),
             pdf_percent(report.total_score)]
        )  # fmt: skip
    pdf.ln(2)
    for label, value in (
        ("Outcome", report.outcome_label),
        ("Sections requiring action", ", ".join(report.sections_requiring_action) or "none"),
        ("Scoring Procedure", report.scoring_procedure),
        ("Compliance Rate", report.compliance_rate),
        ("Next Review Due", report.next_review_due or "-"),
    ):
        pdf.set_font("Helvetica", "B", 9)
        pdf.cell(45, 4.5, pdf_text(label + ":"))
        pdf.set_font("Helvetica", size=9)
        pdf.multi_cell(0, 4.5, pdf_text(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _pdf_records(pdf: FPDF, report: ScorecardReport) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 7, "ECM Records Reference", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", size=8)
    columns = record_columns(report)
    with pdf.table(line_height=4.5) as table:
        table.row([pdf_text(c) for c in columns])
        for r in report.records:
            values = record_values(report, r)
            score_at = columns.index("Record Score %")
            values[score_at] = pdf_percent(values[score_at])
            table.row([pdf_text(v) for v in values])
    pdf.ln(1)
    pdf.multi_cell(0, 4.5, pdf_text(ENROLLMENT_DATE_NOTE if report.identity else WITHHELD))


def _pdf_findings(pdf: FPDF, report: ScorecardReport) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 7, "Findings", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", size=7)
    shown = ("Section", "Element", "ECM Record", "Answer", "Comment", "Correction required",
             "Date of correction", "Evidence cited")  # fmt: skip
    index = [FINDING_COLUMNS.index(c) for c in shown]
    with pdf.table(col_widths=(40, 50, 14, 12, 70, 18, 20, 30), line_height=4) as table:
        table.row(list(shown))
        for values in finding_values(report):
            table.row([pdf_text(values[i]) for i in index])
