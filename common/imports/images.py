"""Photos people upload, checked and made safe before anything keeps them.

While the upload streams (``ImageUploadHandler``): over ``MAX_BYTES`` or a first chunk that is
no JPEG, PNG or WebP stops it at once. Then ``checked_photo``: the type the browser declared
must be the type the bytes are; a HEIC photo (iPhones' default) is refused with what to do; the
header's size must stay under ``MAX_PIXELS`` before anything is decoded (a small file can
decompress into a huge bitmap); the whole image is decoded by Pillow (a damaged or disguised
file fails here), turned upright by its EXIF orientation, and re-encoded as a JPEG at most
``MAX_SIDE`` pixels on a side, without its EXIF (no location, no device). Only that re-encoded
JPEG is ever stored or served."""

import io
import warnings
from dataclasses import dataclass
from hashlib import sha256

from django.core.files.uploadhandler import StopUpload
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from common.domain.refusals import Refused
from common.imports.uploads import LimitedUploadHandler

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 2048
THUMB_SIDE = 320
KINDS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


class PhotoRefused(Refused):
    pass


def sniffed(head: bytes) -> str | None:
    """The format the first bytes say: JPEG, PNG, WEBP, HEIC, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        return "HEIC"
    return None


class ImageUploadHandler(LimitedUploadHandler):
    """``LimitedUploadHandler`` at ``MAX_BYTES`` per request that also stops a file whose first
    bytes are not a photo we take; ``refused`` then says which file and why."""

    def __init__(self, request=None, limit: int = MAX_BYTES * 6):
        super().__init__(limit, request)
        self.refused = ""
        self._name = ""

    def new_file(self, field_name, file_name, *args, **kwargs):
        self._name = str(file_name)[:80]
        return super().new_file(field_name, file_name, *args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        if start == 0 and sniffed(raw_data[:16]) not in KINDS:
            self.refused = _("%(file)s is not a JPEG, PNG or WebP photo.") % {"file": self._name}
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return super().receive_data_chunk(raw_data, start)


@dataclass(frozen=True)
class Photo:
    data: bytes  # the re-encoded JPEG
    width: int
    height: int
    digest: str  # SHA-256 of the file as uploaded (the same photo sent twice: the same digest)


def checked_photo(data: bytes, declared: str, name: str) -> Photo:
    name = str(name)[:80]
    if len(data) > MAX_BYTES:
        raise PhotoRefused(_("%(file)s is larger than %(mb)s MB.") % {"file": name, "mb": 8})
    kind = sniffed(data[:16])
    if kind == "HEIC":
        raise PhotoRefused(_(
            "%(file)s is a HEIC photo, which this site does not take: set the camera to “Most "
            "Compatible” (JPEG), or send a screenshot of the photo.") % {"file": name})  # fmt: skip
    if kind not in KINDS:
        raise PhotoRefused(_("%(file)s is not a JPEG, PNG or WebP photo.") % {"file": name})
    if declared and declared != KINDS[kind]:
        raise PhotoRefused(_("%(file)s says it is %(said)s but is %(is)s.")
                           % {"file": name, "said": declared[:40], "is": KINDS[kind]})  # fmt: skip
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[kind])
            if image.width * image.height > MAX_PIXELS:
                raise PhotoRefused(_("%(file)s is %(w)s × %(h)s pixels; at most %(mp)s million "
                                     "are taken.") % {"file": name, "w": image.width,
                                                      "h": image.height, "mp": 40})  # fmt: skip
            image.load()
    except PhotoRefused:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):  # fmt: skip
        raise PhotoRefused(_("%(file)s could not be read as a photo.") % {"file": name}) from None
    upright = ImageOps.exif_transpose(image).convert("RGB")
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    upright.save(out, "JPEG", quality=85, optimize=True)
    return Photo(out.getvalue(), upright.width, upright.height, sha256(data).hexdigest())


def thumbnail(jpeg: bytes) -> bytes:
    """A small JPEG of a stored (already checked) photo."""
    image = Image.open(io.BytesIO(jpeg), formats=["JPEG"])
    image.thumbnail((THUMB_SIDE, THUMB_SIDE))
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=80)
    return out.getvalue()
