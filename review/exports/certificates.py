"""荣誉证书: one printable A4 (landscape) certificate per award line, as a PDF.

Drawn with ReportLab and a CJK TrueType font from Debian's packages, embedded (subset) in the
file so it prints the same on any machine: WenQuanYi Zen Hei (``fonts-wqy-zenhei``), or AR PL
UMing (``fonts-arphic-uming``). Generated demo data says so on every certificate."""

from io import BytesIO
from pathlib import Path

from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from review.queries.awards import AwardLine

FONT = "SaimaCJK"
#: Debian's CJK TrueType fonts, first found wins: (path, index in a collection).
FONT_FILES = [
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
]
RED = HexColor("#B42318")
GOLD = HexColor("#A87B1C")


class NoCJKFont(RuntimeError):
    pass


def _register_font() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for path, index in FONT_FILES:
        if Path(path).exists():
            pdfmetrics.registerFont(TTFont(FONT, path, subfontIndex=index))
            return
    raise NoCJKFont(
        "No CJK font for the certificates: install Debian's fonts-wqy-zenhei "
        "(apt-get install fonts-wqy-zenhei)."
    )


def _centred(canvas: Canvas, text: str, y: float, size: float, color=None) -> None:
    canvas.setFont(FONT, size)
    canvas.setFillColor(color or HexColor("#222222"))
    canvas.drawCentredString(canvas._pagesize[0] / 2, y, text)


def _page(
    canvas: Canvas, event_name: str, round_name: str, line: AwardLine, when, demo: bool,
    issuer_name: str = "",
):  # fmt: skip
    width, height = landscape(A4)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    canvas.setLineWidth(1)
    canvas.rect(16 * mm, 16 * mm, width - 32 * mm, height - 32 * mm)
    _centred(canvas, _("Certificate of Honour"), height - 55 * mm, 44, RED)
    contestant = line.appearance.contestant
    _centred(canvas, contestant.name, height - 90 * mm, 34)
    _centred(canvas, contestant.unit.name, height - 104 * mm, 16, HexColor("#555555"))
    body = _("in %(event)s, %(round)s, is awarded") % {"event": event_name, "round": round_name}
    _centred(canvas, body, height - 124 * mm, 18)
    _centred(canvas, f"「{line.name}」", height - 142 * mm, 30, RED)
    _centred(canvas, _("This certificate is presented in recognition."), height - 158 * mm, 16)
    # The issuer — the organising unit, not the event's name again — and the date, at the
    # lower right, with a clear 42 mm square above and around them for the seal.
    issuer = issuer_name or _("Organiser (seal)")
    size = 16
    while size > 10 and pdfmetrics.stringWidth(issuer, FONT, size) > 120 * mm:
        size -= 1
    centre = width - 30 * mm - min(120 * mm, pdfmetrics.stringWidth(issuer, FONT, size)) / 2
    canvas.setFont(FONT, size)
    canvas.setFillColor(HexColor("#222222"))
    canvas.drawCentredString(centre, 40 * mm, issuer)
    canvas.setFont(FONT, 14)
    canvas.drawCentredString(centre, 31 * mm, f"{when.year}年{when.month}月{when.day}日")
    if demo:
        _centred(canvas, _("DEMO DATA — not a real result"), 22 * mm, 12, RED)


def certificates_pdf(event, round_, lines: list[AwardLine], when, demo: bool) -> bytes:
    """Every line of the round's 获奖名单 as a certificate page."""
    _register_font()
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4), pageCompression=1)
    canvas.setTitle(f"{event.name} · {round_.name} · {_('Certificates')}")
    for line in lines:
        _page(canvas, event.name, round_.name, line, when, demo, event.organiser_unit)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
