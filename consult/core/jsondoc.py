"""Strict JSON decoding for documents sent by people and programs we do not control.

One decoder for the API's request bodies and for every line of a JSON Lines import, so the same
document is accepted or refused the same way wherever it arrives, with an error that says where it
went wrong in the user's language (not the parser's English).
"""

import json
from typing import Any

from django.utils.translation import gettext as _


class JSONDocumentError(ValueError):
    """A text that is not an acceptable JSON document; `str()` is the user-facing message."""


class _ConstantNotAllowed(ValueError):
    pass


def _reject_constant(name: str) -> None:
    raise _ConstantNotAllowed(name)


def decode_json(text: str) -> Any:
    """The decoded document. Refused: invalid JSON, NaN and Infinity, documents nested too deeply
    for the parser (100,000 `[` is JSON to a grammar but an answer to nothing), and integers too
    long to convert."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise JSONDocumentError(
            _("This is not valid JSON (line %(line)d, column %(column)d).")
            % {"line": exc.lineno, "column": exc.colno}
        ) from exc
    except _ConstantNotAllowed as exc:
        raise JSONDocumentError(
            _("This is not valid JSON: %(constant)s is not a number.") % {"constant": exc.args[0]}
        ) from exc
    except RecursionError as exc:
        raise JSONDocumentError(_("This JSON is nested too deeply.")) from exc
    except ValueError as exc:  # an integer with more digits than Python converts
        raise JSONDocumentError(_("This JSON holds a number that is too long.")) from exc
