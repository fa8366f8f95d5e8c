"""Attachments to organisations' responses: type detected from the content, text extracted in a
separate, limited process. See `detect`, `extract` (and its child `worker`) and `services`."""
