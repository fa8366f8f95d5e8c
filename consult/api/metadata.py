"""What an OPTIONS request answers: the endpoint's name, description and media types.

DRF's default also describes the fields each write method takes by instantiating the view's
serializer, which fails (a 500) on views that parse their body without one, and would describe
them wrongly where it did not. The OpenAPI schema at /api/schema/ is where the fields are
documented, for every endpoint and error."""

from typing import Any

from rest_framework.metadata import SimpleMetadata
from rest_framework.request import Request


class EndpointMetadata(SimpleMetadata):
    def determine_metadata(self, request: Request, view: Any) -> dict[str, Any]:
        return {
            "name": view.get_view_name(),
            "description": view.get_view_description(),
            "renders": [renderer.media_type for renderer in view.renderer_classes],
            "parses": [parser.media_type for parser in view.parser_classes],
            "schema": "/api/schema/",
        }
