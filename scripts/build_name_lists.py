"""Build ``consult/analysis/data/given_names.txt`` and ``family_names.txt`` from Faker.

The personal-data detector (`consult.analysis.pii`) finds a name written in Latin script in the
middle of a comment ("I spoke to Priya Patel at the council") when its first word is a known
given name. The lists come from the person providers of Faker (MIT licence,
https://github.com/joke2k/faker), every locale that writes names in Latin script: about sixty,
from en_GB, en_NZ and en_IN to yo_NG, ga_IE and vi_VN, so that names of many origins are known,
not only English ones. They are shipped with the package; nothing is read from Faker at run time,
and a change of Faker changes nothing until the lists are built again (then change
`pii.DETECTOR_VERSION`).

Run from the repository root with the development dependencies installed:
``.venv/bin/python scripts/build_name_lists.py``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import faker
import faker.providers.person as person

DATA = Path(__file__).resolve().parents[1] / "consult" / "analysis" / "data"
# One capitalised word of letters (accented letters too); at least three letters, so that
# syllables such as "An", "Le" or "Do", which some locales list, are not taken for names.
_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,}")
# Locales that write names in another script also give them romanised (zh_CN, zh_TW, ja_JP):
# "Wei Zhang", "Chen Jia-hao".
_ATTRIBUTES = {
    "given": (
        "first_names",
        "first_names_male",
        "first_names_female",
        "first_names_nonbinary",
        "first_romanized_names",
        "first_romanized_names_male",
        "first_romanized_names_female",
    ),
    "family": ("last_names", "last_names_male", "last_names_female", "last_romanized_names"),
}


def _names(value: object) -> list[str]:
    if isinstance(value, dict):
        return [str(key) for key in value]
    if isinstance(value, list | tuple | set | frozenset):
        return [str(item) for item in value]
    return []


def collect() -> tuple[dict[str, set[str]], list[str]]:
    found: dict[str, set[str]] = {"given": set(), "family": set()}
    locales = []
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for which, attributes in _ATTRIBUTES.items():
            for attribute in attributes:
                for name in _names(getattr(provider, attribute, ())):
                    if _WORD.fullmatch(name):
                        found[which].add(name)
                        locales.append(module.name)
    return found, sorted(set(locales))


def main() -> None:
    found, locales = collect()
    what = {"given": "Given names", "family": "Family names"}
    for which, names in found.items():
        header = (
            f"# {what[which]} in Latin script, one per line, from the person providers of Faker "
            f"{faker.VERSION}\n# (MIT licence, https://github.com/joke2k/faker), locales: "
            f"{', '.join(locales)}.\n# Built by scripts/build_name_lists.py; read by "
            "consult.analysis.pii.\n"
        )
        (DATA / f"{which}_names.txt").write_text(
            header + "".join(f"{name}\n" for name in sorted(names)), encoding="utf-8"
        )
        print(f"{which}: {len(names)} names from {len(locales)} locales")


if __name__ == "__main__":
    main()
