"""An upload handler that stops storing a file once it passes the attachment size limit, so an
oversized upload is neither kept in memory nor written to a temporary file in full."""

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

from .limits import limit

TOO_BIG_FLAG = "_attachment_too_big"


class SizeLimitedUploadHandler(FileUploadHandler):
    """Placed first: counts each file's bytes and skips the file past `MAX_BYTES`, marking the
    request so the view can say the file was too big."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.max_bytes = limit("MAX_BYTES")
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            setattr(self.request, TOO_BIG_FLAG, True)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def limit_upload_size(request: HttpRequest) -> None:
    """Put the size-limiting handler in front of Django's own (before the body is read)."""
    request.upload_handlers = [SizeLimitedUploadHandler(request), *request.upload_handlers]


def upload_was_too_big(request: HttpRequest) -> bool:
    return bool(getattr(request, TOO_BIG_FLAG, False))
