"""Reading photos out of a request, the one way every app does it: checked while they stream
(``ImageUploadHandler``), then one by one (``checked_photo``); a refusal names the file."""

from django.utils.translation import gettext as _

from common.imports.images import ImageUploadHandler, PhotoRefused, checked_photo


def with_photo_handler(request):
    """Before ``request.POST`` / ``FILES`` are read: photos are checked as they stream in."""
    handler = ImageUploadHandler(request)
    request.upload_handlers = [handler]
    return handler


def photos_of(request, handler, field="photos") -> list:
    files = request.FILES.getlist(field)  # reading the body runs the handler
    if handler.exceeded:
        raise PhotoRefused(handler.refused or _("The photos are too large: at most 8 MB each."))
    return [checked_photo(f.read(), f.content_type, f.name) for f in files]
