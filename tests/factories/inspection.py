"""Cross-inspections as tests need them: a season of units and its draws."""

from common.models import Unit
from inspection.domain.draws import Constraints, commit, make
from season.domain.seasons import create_season
from tests.factories.accounts import make_user


def units_season(size=8, code="units-2026", prefix="", preset="five_dimensions"):
    """A units season of ``size`` 单位 (名称 单位01 …) with its organiser."""
    organiser = make_user(f"{prefix}inspection-organiser")
    units = [Unit.objects.create(name=f"{prefix}单位{i:02d}") for i in range(1, size + 1)]
    season = create_season(code=code, name="2026年度交叉检查", kind="units", actor=organiser,
                           subjects=units, preset=preset)  # fmt: skip
    return season, organiser, list(season.subjects.order_by("order"))


def drawn(period, organiser, **constraints):
    """A committed and made draw of ``period``."""
    commit(period, Constraints(**constraints), organiser)
    return make(period, organiser)


def jpeg(size=(64, 48), colour=(200, 30, 30), gps=False) -> bytes:
    """A small real JPEG; with ``gps`` it carries EXIF with a location, as phones write."""
    import io

    from PIL import Image

    image = Image.new("RGB", size, colour)
    out = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x8825] = {1: "N", 2: (30.0, 15.0, 0.0)}  # GPS IFD
        image.save(out, "JPEG", exif=exif)
    else:
        image.save(out, "JPEG")
    return out.getvalue()


def photo(colour=(200, 30, 30)):
    """A checked photo, as the site stores it."""
    from common.imports.images import checked_photo

    return checked_photo(jpeg(colour=colour), "image/jpeg", "photo.jpg")


def inspector(season, unit, name="检查员甲", organiser=None):
    from inspection.domain.inspectors import add_inspector

    return add_inspector(season, unit, name, organiser)


def report(**changes):
    from inspection.domain.problems import Report

    fields = {"category": "environment", "description": "楼道堆放杂物", "place": "一楼东侧楼道",
              "responsible": "张三", "phone": "13800000000"}  # fmt: skip
    return Report(**(fields | changes))
