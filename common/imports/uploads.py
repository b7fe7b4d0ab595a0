"""An upload handler that stops keeping a file once it passes its size limit, so an oversized
upload costs neither memory nor disk (Django would otherwise spool it to a temporary file).
The rest of the body is read and thrown away, so the browser still gets the page that says
why; a proxy's body limit (docs/deploy.md) caps what is read at all."""

from django.core.files.uploadhandler import MemoryFileUploadHandler, StopUpload


class LimitedUploadHandler(MemoryFileUploadHandler):
    """Keep files in memory up to ``limit`` bytes; beyond it stop and set ``exceeded``."""

    def __init__(self, limit: int, request=None):
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.exceeded = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # Always in memory (the limit is small), never a temporary file.
        self.activated = True
        # The form's own fields are tiny: a body this long holds a file over the limit.
        self.exceeded = content_length > self.limit + 64 * 1024

    def new_file(self, *args, **kwargs):
        if self.exceeded:
            raise StopUpload(connection_reset=False)
        return super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return super().receive_data_chunk(raw_data, start)
