"""Japanese content-word tokeniser on SudachiPy (sudachidict-core, split mode C)."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import NamedTuple

from sudachipy import Dictionary, SplitMode, Tokenizer

from consult.analysis.text.normalization import replace_surrogates

__all__ = ["JAPANESE_STOP_WORDS", "Morpheme", "japanese_morphemes", "japanese_tokens"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Mode C keeps dictionary compounds whole (個人情報, 個人情報保護法) and is the fastest of the three
# modes on comment text (fewer morphemes to build and hand to Python); the tokenizer is created
# with only the fields we read, which saves a further few percent.
_SPLIT_MODE = SplitMode.C
_FIELDS = {"pos", "normalized_form"}
# Sudachi refuses input above 49,149 UTF-8 bytes, and its time grows faster than linearly on long
# runs of symbols and unknown words: 1,000-character pieces (cut at sentence ends or spaces where
# possible) analyse a 1 MB adversarial string about ten times faster than 12,000-character ones.
_MAX_CHARS = 1_000
_BREAK_CHARS = "。!?.\n "

# Stop-words are matched against Sudachi's normalized form, which folds kana to kanji (もの → 物,
# ため → 為, これ → 此れ), so both spellings are listed.
JAPANESE_STOP_WORDS = _words(
    """
    する 為る いる 居る ある 有る なる 成る こと 事 もの 物 よう 様 ため 為 これ 此れ それ 其れ
    あれ 彼れ どれ 何れ ここ 此処 そこ 其処 とき 時 ところ 所 ほう 方 わけ 訳 はず 筈 うち 内 中
    思う 考える 言う 云う 見る 感じる 今 今回 場合 必要 的 等 上 者 人 点 件 以上 以下 他 化
    よる 因る 依る さん 様 殿 氏 君 ちゃん 私 僕 自分 我々 皆 皆さん 何
    できる 出来る くださる 下さる 頂く 致す つく 付く 就く 対する 関する 率直 結局
    """
)
_HONORIFICS = frozenset({"さん", "様", "殿", "氏", "君", "ちゃん", "くん", "さま", "先生"})

# Per POS id: how a morpheme takes part in content words.
_DROP, _WORD, _NOUN, _PREFIX, _SUFFIX, _NUMBER, _COUNTER = range(7)


def _classify(pos: tuple[str, ...]) -> int:
    major, minor = pos[0], pos[1]
    if major == "名詞":
        if minor == "数詞":
            return _NUMBER
        if minor == "助動詞語幹" or pos[2] == "人名":
            return _DROP
        return _COUNTER if pos[2] == "助数詞可能" else _NOUN
    if major in ("動詞", "形容詞"):
        return _DROP if minor == "非自立可能" else _WORD
    if major == "形状詞":
        return _DROP if minor == "助動詞語幹" else _WORD
    if major == "接頭辞":
        return _PREFIX
    if major == "接尾辞" and minor == "名詞的":
        return _COUNTER if pos[2] == "助数詞" else _SUFFIX
    return _DROP


class _Analyser:
    """One Sudachi dictionary per process and one tokenizer per thread (they are not
    thread-safe), with a POS-id lookup table built once."""

    def __init__(self) -> None:
        self.dictionary = Dictionary(dict="core")
        self.local = threading.local()
        kinds: list[int] = []
        while (pos := self.dictionary.pos_of(len(kinds))) is not None:
            kinds.append(_classify(pos))
        self.kinds = kinds
        self.pos = [self.dictionary.pos_of(pos_id) for pos_id in range(len(kinds))]

    def tokenizer(self) -> Tokenizer:
        tokenizer: Tokenizer | None = getattr(self.local, "tokenizer", None)
        if tokenizer is None:
            tokenizer = self.dictionary.tokenizer(mode=_SPLIT_MODE, fields=_FIELDS)
            self.local.tokenizer = tokenizer
        return tokenizer


@lru_cache(maxsize=1)
def _analyser() -> _Analyser:
    return _Analyser()


def _chunks(text: str) -> list[tuple[int, str]]:
    """Pieces of ``text`` short enough for Sudachi, cut at sentence ends where possible, each
    with its offset in ``text``."""
    chunks = []
    offset = 0
    while len(text) - offset > _MAX_CHARS:
        window = text[offset : offset + _MAX_CHARS]
        cut = max(window.rfind(char) for char in _BREAK_CHARS) + 1
        if cut <= _MAX_CHARS // 2:
            cut = _MAX_CHARS
        chunks.append((offset, window[:cut]))
        offset += cut
    chunks.append((offset, text[offset:]))
    return chunks


class Morpheme(NamedTuple):
    """A Sudachi morpheme: offsets into the analysed text, surface and part of speech."""

    start: int
    end: int
    surface: str
    pos: tuple[str, ...]


def japanese_morphemes(text: str) -> list[Morpheme]:
    """Sudachi's analysis of ``text`` (any length, not normalised first), with offsets into
    ``text``; used where positions matter, such as finding personal names."""
    analyser = _analyser()
    tokenizer = analyser.tokenizer()
    # Lone surrogates cannot cross into Sudachi; U+FFFD keeps every offset where it was.
    safe = replace_surrogates(text)
    result = []
    for offset, chunk in _chunks(safe):
        for morpheme in tokenizer.tokenize(chunk):
            start, end = morpheme.begin() + offset, morpheme.end() + offset
            pos = analyser.pos[morpheme.part_of_speech_id()]
            result.append(Morpheme(start, end, text[start:end], pos))
    return result


def _flush(run: list[str], kinds: list[int], tokens: list[str]) -> None:
    while kinds and kinds[-1] == _PREFIX:
        run.pop()
        kinds.pop()
    start = 0
    while start < len(kinds) and kinds[start] == _SUFFIX:
        start += 1
    parts = run[start:]
    if parts and not all(part in JAPANESE_STOP_WORDS for part in parts):
        tokens.append("".join(parts))
    run.clear()
    kinds.clear()


@lru_cache(maxsize=200_000)
def japanese_tokens(text: str) -> tuple[str, ...]:
    """Content words of a normalised Japanese segment, in order.

    Nouns, verbs, adjectives and adjectival nouns in Sudachi's normalized form; particles,
    auxiliaries, symbols, numbers with their counters, dependent verbs (する/いる/ある/なる),
    personal names and the stop-words in ``JAPANESE_STOP_WORDS`` are dropped. A run of nouns
    with its prefixes and noun suffixes is joined into one compound (顔 + 認証 + 技術 →
    顔認証技術, 必要 + 性 → 必要性), except honorifics (さん, 様), which end the run.
    """
    analyser = _analyser()
    tokenizer = analyser.tokenizer()
    table = analyser.kinds
    tokens: list[str] = []
    run: list[str] = []
    run_kinds: list[int] = []
    for _, chunk in _chunks(text):
        previous = _DROP
        for morpheme in tokenizer.tokenize(chunk):
            kind = table[morpheme.part_of_speech_id()]
            form = morpheme.normalized_form()
            if kind == _COUNTER:
                kind = _DROP if previous == _NUMBER else _NOUN
            elif kind == _SUFFIX and form in _HONORIFICS:
                kind = _DROP
            previous = kind
            if kind in (_NOUN, _PREFIX, _SUFFIX):
                if kind == _PREFIX and run_kinds and run_kinds[-1] != _PREFIX:
                    _flush(run, run_kinds, tokens)
                if kind == _SUFFIX and not run_kinds:
                    continue
                run.append(form)
                run_kinds.append(kind)
                continue
            if run:
                _flush(run, run_kinds, tokens)
            if kind == _WORD and form not in JAPANESE_STOP_WORDS:
                tokens.append(form)
        if run:
            _flush(run, run_kinds, tokens)
    return tuple(tokens)
