"""The publication app's settings.

- ``OPEN_DATA_LICENCE`` (``CC-BY-4.0``): the SPDX identifier of the licence the open data is
  published under. ``CC-BY-4.0``, ``CC-BY-SA-4.0``, ``CC0-1.0`` and ``PDL-1.0`` (the Japanese
  government's Public Data License 1.0) are known by name and address; any other identifier
  needs ``OPEN_DATA_LICENCE_URL``.
- ``OPEN_DATA_LICENCE_URL`` (empty): the licence's address, overriding the known one.
- ``PUBLIC_RESPONSES_PER_PAGE`` (20): responses per page of the public responses page.
- ``OPEN_DATA_CHUNK_SIZE`` (1000): responses read per query while an export streams.
- ``PUBLIC_SUMMARY_CACHE_SECONDS`` (60): how long the responses page's counts (published,
  confirmed email, awaiting moderation: three counts over the whole consultation) are cached.
"""

from dataclasses import dataclass

from django.conf import settings

KNOWN_LICENCES = {
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC-BY-SA-4.0": (
        "Creative Commons Attribution-ShareAlike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC0-1.0": (
        "Creative Commons Zero v1.0 Universal",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "PDL-1.0": (
        "Public Data License (Version 1.0)",
        "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0",
    ),
}
DEFAULT_LICENCE = "CC-BY-4.0"


@dataclass(frozen=True)
class Licence:
    id: str
    name: str
    url: str

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "url": self.url}


def licence_problems() -> list[str]:
    """What is wrong with the configured licence (empty when it is usable)."""
    licence_id = str(getattr(settings, "OPEN_DATA_LICENCE", DEFAULT_LICENCE) or "").strip()
    url = str(getattr(settings, "OPEN_DATA_LICENCE_URL", "") or "").strip()
    problems = []
    if not licence_id:
        problems.append("OPEN_DATA_LICENCE is empty: give an SPDX licence identifier.")
    elif licence_id not in KNOWN_LICENCES and not url:
        problems.append(
            f"OPEN_DATA_LICENCE={licence_id!r} is not one of {', '.join(KNOWN_LICENCES)}: "
            "set OPEN_DATA_LICENCE_URL to the licence's address."
        )
    if url and not url.startswith(("https://", "http://")):
        problems.append(f"OPEN_DATA_LICENCE_URL={url!r} is not an http(s) address.")
    return problems


def open_data_licence() -> Licence:
    """The licence of the open data (the system check refuses a configuration without one)."""
    licence_id = str(getattr(settings, "OPEN_DATA_LICENCE", "") or DEFAULT_LICENCE).strip()
    name, url = KNOWN_LICENCES.get(licence_id, (licence_id, ""))
    return Licence(
        id=licence_id, name=name, url=str(getattr(settings, "OPEN_DATA_LICENCE_URL", "") or url)
    )


def responses_per_page() -> int:
    return max(1, min(100, int(getattr(settings, "PUBLIC_RESPONSES_PER_PAGE", 20))))


def chunk_size() -> int:
    return max(1, int(getattr(settings, "OPEN_DATA_CHUNK_SIZE", 1000)))


def summary_cache_seconds() -> int:
    return max(0, int(getattr(settings, "PUBLIC_SUMMARY_CACHE_SECONDS", 60)))
