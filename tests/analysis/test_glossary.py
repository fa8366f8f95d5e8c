"""English glosses of Japanese words: the table built from JMdict, and the look-up."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest

from consult.analysis.text import glossary
from consult.analysis.themes import features
from consult.analysis.themes.features import fit_features


def _dictionary(path: Path) -> Path:
    """A stand-in for jamdict-data's database: its tables, a few entries."""
    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE Kanji (ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT);
        CREATE TABLE Kana (ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT, nokanji INTEGER);
        CREATE TABLE Sense (ID INTEGER PRIMARY KEY, idseq INTEGER);
        CREATE TABLE SenseGloss (sid INTEGER, lang TEXT, gend TEXT, text TEXT);
        INSERT INTO Kanji VALUES (1, 100, '監視'), (2, 200, '認証'), (3, 300, '技術'),
            (4, 500, '橋'), (5, 600, '箸');
        INSERT INTO Kana VALUES (1, 100, 'かんし', 0), (2, 400, 'カメラ', 0),
            (3, 500, 'はし', 0), (4, 600, 'はし', 0);
        INSERT INTO Sense VALUES (10, 100), (11, 100), (20, 200), (30, 300), (40, 400),
            (50, 500), (60, 600);
        INSERT INTO SenseGloss VALUES
            (10, 'eng', '', 'monitoring'), (10, 'eng', '', 'watching'),
            (10, 'eng', '', 'the act of keeping a close watch on someone'),
            (10, 'eng', '', 'observation'), (10, 'eng', '', 'surveillance'),
            (10, 'ger', '', 'Überwachung'), (11, 'eng', '', 'guard duty'),
            (20, 'eng', '', 'authentication'), (30, 'eng', '', 'technology'),
            (40, 'eng', '', 'camera'), (50, 'eng', '', 'bridge'), (60, 'eng', '', 'chopsticks');
        """
    )
    db.commit()
    db.close()
    return path


def _forget() -> None:
    """Drop every cached look-up, so the next one reads the table now configured."""
    glossary._table.cache_clear()
    glossary.english_glosses.cache_clear()
    features._glossed.cache_clear()


@pytest.fixture()
def small_glossary(tmp_path, monkeypatch):
    source = _dictionary(tmp_path / "jamdict.db")
    target = tmp_path / "share" / "glossary.tsv.gz"
    monkeypatch.setenv("CONSULT_GLOSSARY", str(target))
    monkeypatch.setattr(glossary, "_dictionary", lambda: source)
    _forget()
    yield target
    _forget()


def test_the_table_holds_the_first_sense_in_english_as_tokens(small_glossary):
    assert glossary.build() == small_glossary
    with gzip.open(small_glossary, "rt", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    assert lines[0].startswith("# consult ja-en glossary")
    table = dict(line.split("\t") for line in lines[1:])
    # Lemmatised like English comments; a definition, a German gloss and the second sense left
    # out; at most MAX_GLOSSES.
    assert table["監視"] == "monitor watch observation"
    assert table["カメラ"] == "camera"
    # A kana word two entries with kanji share is too ambiguous to translate.
    assert "はし" not in table
    assert table["かんし"] == "monitor watch observation"


def test_a_compound_is_read_as_the_words_it_is_made_of(small_glossary):
    assert glossary.english_glosses("監視") == ("monitor", "watch", "observation")
    assert glossary.english_glosses("顔認証技術") == ("authentication", "technology")
    assert glossary.english_glosses("顔") == ()  # a single character only as a whole word
    assert glossary.english_glosses("camera") == ()


def test_the_table_is_built_on_first_use_and_rebuilt_when_its_rules_changed(small_glossary):
    assert not small_glossary.exists()
    assert glossary.english_glosses("カメラ") == ("camera",)
    assert small_glossary.exists()
    with gzip.open(small_glossary, "wt", encoding="utf-8") as handle:
        handle.write("# an older table\nカメラ\tphotograph\n")
    _forget()
    assert glossary.english_glosses("カメラ") == ("camera",)


def test_without_the_dictionary_there_are_no_glosses(tmp_path, monkeypatch):
    monkeypatch.setenv("CONSULT_GLOSSARY", str(tmp_path / "none.tsv.gz"))
    monkeypatch.setattr(glossary, "_dictionary", lambda: None)
    _forget()
    try:
        assert glossary.english_glosses("監視") == ()
    finally:
        _forget()


def test_glosses_join_japanese_comments_to_english_features(small_glossary):
    fitted = fit_features([["監視", "カメラ"], ["camera", "surveillance"]], glosses=True)
    assert fitted is not None
    space, docs = fitted
    assert {"monitor", "camera", "監視"} <= set(space.feature_names)
    column = list(space.feature_names).index("camera")
    assert docs[0, column] > 0 and docs[1, column] > 0
    plain = fit_features([["監視", "カメラ"], ["camera", "surveillance"]])
    assert plain is not None and "monitor" not in set(plain[0].feature_names)


def test_the_installed_dictionary_translates_common_words():
    """The glossary `make install` builds from the jamdict-data package in pyproject.toml."""
    _forget()
    assert "camera" in glossary.english_glosses("カメラ")
    assert "privacy" in glossary.english_glosses("プライバシー")
    assert "copyright" in glossary.english_glosses("著作権")
    assert "tax" in glossary.english_glosses("税金")
