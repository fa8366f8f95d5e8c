"""English glosses of Japanese words, so the theme features can bridge the two languages.

A Japanese comment and an English one that make the same point share no word: 監視カメラ and
"surveillance camera" are different tokens. `english_glosses` gives a Japanese word's English
translations from JMdict (the Japanese-English dictionary of the Electronic Dictionary Research and
Development Group, EDRDG licence, CC BY-SA 4.0), as the English tokeniser would write them
(lemmatised, stop-words dropped): 監視 -> monitor, watch, observation; カメラ -> camera. The theme
features add them to Japanese comments (`themes.features`), so an English codebook theme matches
Japanese comments, a Japanese one English comments, and a theme found in both languages can be
one theme.

Only a word's first sense is read, at most `MAX_GLOSSES` of its glosses, and no gloss longer than
two words (those are definitions, not translations). A compound no entry lists (顔認証技術) is
read as the longest entries it is made of, left to right (認証, 技術); single characters are read
only as whole words. A kana word that several entries share is read only if one of them has no
kanji form (カメラ, データ): otherwise it is too ambiguous to translate.

The dictionary ships in the ``jamdict-data`` package (a SQLite database, 325 MB). `build` reads it
once into a small table (`glossary_path`, a gzipped TSV of about 4 MB), which `make install`
writes; the analysis reads that table, or builds it on first use if it is missing. Without the
package (or the table) there are no glosses and the analysis is as before.
"""

from __future__ import annotations

import gzip
import importlib.util
import logging
import lzma
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

from consult.analysis.text.english import english_tokens

__all__ = ["MAX_GLOSSES", "build", "english_glosses", "glossary_path"]

logger = logging.getLogger(__name__)

MAX_GLOSSES = 3
_MAX_GLOSS_WORDS = 2
_MAX_PIECE = 8  # characters of the longest dictionary word looked for inside a compound
_MIN_PIECE = 2
# First line of the table: a table written by other rules is built again.
_HEADER = f"# consult ja-en glossary 1 (JMdict via jamdict-data; {MAX_GLOSSES} glosses)"


def glossary_path() -> Path:
    """Where the table is: ``CONSULT_GLOSSARY`` if set, else beside this environment's packages
    (``<prefix>/share/consult/``), built from the dictionary installed there."""
    configured = os.environ.get("CONSULT_GLOSSARY")
    if configured:
        return Path(configured)
    return Path(sys.prefix) / "share" / "consult" / "ja-en-glossary.tsv.gz"


def _dictionary() -> Path | None:
    """The JMdict database of the installed ``jamdict-data`` package, or None."""
    spec = importlib.util.find_spec("jamdict_data")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent
    database = folder / "jamdict.db"
    if database.is_file():
        return database
    packed = folder / "jamdict.db.xz"  # an install that did not unpack it
    return packed if packed.is_file() else None


def _glosses(texts: list[str]) -> tuple[str, ...]:
    tokens: list[str] = []
    for text in texts:
        words = english_tokens(text)
        if not words or len(words) > _MAX_GLOSS_WORDS:
            continue
        tokens.extend(word for word in words if word not in tokens)
        if len(tokens) >= MAX_GLOSSES:
            break
    return tuple(tokens[:MAX_GLOSSES])


def _entries(connection: sqlite3.Connection) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(Japanese word, its glosses) from JMdict: kanji forms first, then kana forms that are
    unambiguous (see the module's note)."""
    first_sense = dict(
        connection.execute("SELECT idseq, MIN(ID) FROM Sense GROUP BY idseq").fetchall()
    )
    texts: dict[int, list[str]] = {}
    for sense, text in connection.execute(
        "SELECT sid, text FROM SenseGloss WHERE lang = 'eng' ORDER BY rowid"
    ):
        texts.setdefault(sense, []).append(text)

    def glosses_of(entry: int) -> tuple[str, ...]:
        return _glosses(texts.get(first_sense.get(entry, -1), []))

    with_kanji = {entry for (entry,) in connection.execute("SELECT DISTINCT idseq FROM Kanji")}
    for entry, text in connection.execute("SELECT idseq, text FROM Kanji ORDER BY ID"):
        yield text, glosses_of(entry)
    kana: dict[str, list[int]] = {}
    for entry, text in connection.execute("SELECT idseq, text FROM Kana ORDER BY ID"):
        kana.setdefault(text, []).append(entry)
    for text, entries in kana.items():
        chosen = [e for e in entries if e not in with_kanji] or (
            entries if len(entries) == 1 else []
        )
        if chosen:
            yield text, glosses_of(chosen[0])


def build(target: Path | None = None) -> Path | None:
    """Write the table from the installed dictionary (atomically); return its path, or None
    when ``jamdict-data`` is not installed."""
    source = _dictionary()
    if source is None:
        return None
    target = target or glossary_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        database = source
        if source.suffix == ".xz":
            database = Path(scratch) / "jamdict.db"
            with lzma.open(source) as packed, database.open("wb") as unpacked:
                shutil.copyfileobj(packed, unpacked)
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            seen: set[str] = set()
            partial = Path(scratch) / target.name
            with gzip.open(partial, "wt", encoding="utf-8", compresslevel=6) as out:
                out.write(_HEADER + "\n")
                for text, glosses in _entries(connection):
                    if glosses and text not in seen and "\t" not in text and "\n" not in text:
                        seen.add(text)
                        out.write(f"{text}\t{' '.join(glosses)}\n")
        finally:
            connection.close()
        os.replace(partial, target)
    return target


def _read(path: Path) -> dict[str, str] | None:
    """The table at ``path`` (word -> its glosses, space-separated; split when looked up: a
    tuple per entry would double the table's memory), or None if it is not one of these rules'."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            if handle.readline().rstrip("\n") != _HEADER:
                return None
            return dict(line.rstrip("\n").split("\t", 1) for line in handle if "\t" in line)
    except (OSError, EOFError, UnicodeDecodeError):
        return None


@cache
def _table() -> dict[str, str]:
    path = glossary_path()
    table = _read(path) if path.is_file() else None
    if table is None:
        try:
            built = build(path)
        except (OSError, sqlite3.Error) as exc:
            logger.warning("no Japanese-English glossary (%s): themes match within a language", exc)
            return {}
        if built is None:
            logger.warning("jamdict-data is not installed: themes match within a language only")
            return {}
        table = _read(built)
    return table or {}


@lru_cache(maxsize=200_000)
def english_glosses(word: str) -> tuple[str, ...]:
    """English tokens translating the Japanese ``word`` (a token of `japanese_tokens`); empty
    when the dictionary knows neither it nor any word it is made of."""
    table = _table()
    if not table or word.isascii():
        return ()
    whole = table.get(word)
    if whole is not None:
        return tuple(whole.split())
    found: list[str] = []
    start = 0
    while start < len(word):
        for end in range(min(len(word), start + _MAX_PIECE), start + _MIN_PIECE - 1, -1):
            piece = table.get(word[start:end])
            if piece is not None:
                found.extend(gloss for gloss in piece.split() if gloss not in found)
                start = end
                break
        else:
            start += 1
    return tuple(found)


def _current(path: Path) -> bool:
    """Whether the table at ``path`` was written by these rules (its first line)."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return handle.readline().rstrip("\n") == _HEADER
    except (OSError, EOFError, UnicodeDecodeError):
        return False


if __name__ == "__main__":  # `python -m consult.analysis.text.glossary`: (re)build the table
    path = glossary_path()
    if _current(path) and "--force" not in sys.argv:
        print(f"{path} is up to date")
    else:
        written = build(path)
        print(f"wrote {written}" if written else "jamdict-data is not installed: no glossary")
