"""Readable labels for discovered themes, made of key phrases in the comments' own language.

Candidate phrases come from the (normalised) surface text, not from the token stream, so they
read as written: English word n-grams (one to three words) that neither start nor end with a
stop-word and do not cross punctuation; Japanese compounds of whole words (名詞の連続, read with
Sudachi), alone or joined by の (顔認証の精度, 個人情報の保存期間). A compound is made of nouns
with their prefixes and suffixes (各自治体, 行方不明者), with adjectival nouns and verb stems inside
it (簡易検査, 見守り活動), or is a verb stem used as a noun (見守りが, 見守りの); each word keeps
its surface form and okurigana (仕組み, 見守り, 申し込み), so a label never stops inside a word as
runs of kanji and katakana did (仕組, 見守). Numbers, Latin words (lower-cased by normalisation),
personal names and formal nouns in kana (こと, ため) are no part of a compound, and a compound
longer than 20 characters is left out. Each phrase is scored per theme by class-based
TF-IDF: how strongly the theme's comments use it against how common it is in the whole
consultation, with a small bonus for longer phrases. The label joins the best one or two
non-overlapping phrases; the description lists the top phrases in a sentence of the theme's
language.

Only phrases that can name something are used (`nominal`): an English phrase must end in a
word that can be a noun (a gerund such as "policing" counts; a word no dictionary knows, mostly a
name, does too), a lone word must not also be an adjective or adverb, and a phrase must not begin
with a verb ("restore biodiversity"), so "Young people / first" and "Nature / healthy" give way
to the next phrase; the word classes come from lemminflect's English lexicon, shipped in its
package. A Japanese phrase must not end in an adverbial noun (今日, 結局) or be a lone adjectival
noun (基本的, 反対), read with Sudachi. The check runs only on the few phrases that rank high
enough to be considered, not on every candidate.

A theme with no phrase to name it by gets the label of "other" (`other_label`) and no key
phrases (`TopicLabel.named` is false): it is not a theme of its own, and `assign` folds its
comments into the one "other" bucket.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from consult.analysis.text import normalize
from consult.analysis.text.english import ENGLISH_STOP_WORDS, past_participle, word_classes
from consult.analysis.text.japanese import JAPANESE_STOP_WORDS, Morpheme, japanese_morphemes
from consult.analysis.themes.sentences import split_sentences

__all__ = [
    "TopicLabel",
    "describes_topic",
    "extract_phrases",
    "label_topics",
    "nominal",
    "other_label",
]

# A full stop ends a clause where a space or the end follows it, not inside a word ("robots.txt").
# So does an apostrophe after a final s, a plural's possessive or a closing quote ("officers'
# assumptions", "'smart cameras' are"), which would otherwise be lost and join the words around
# it ("officers assumptions").
_EN_CLAUSE = re.compile(r"\.(?!\w)|[,;:!?()\[\]\"“”/]|\s-\s|(?<=[sS])['’](?!\w)")
_EN_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?")  # "robots.txt" is one word
# A number ends a phrase as punctuation does ("locations 30 days ahead" gives no "locations
# days"); a word with digits inside ("covid-19") stays a word.
_EN_NUMBER = re.compile(r"(?<![\w'’.-])\d\S*")
_MAX_WORDS = 3
_MAX_COMPOUND = 20  # characters; a longer run of nouns (a list without punctuation) names nothing
# Opinion filler: words every argument uses ("we need better ...") that make empty labels.
_EXTRA_STOP = frozenset(
    {
        "would", "could", "should", "also", "really", "just", "like", "get", "good", "better",
        "best", "bad", "worse", "new", "more", "less", "need", "needs", "needed", "want",
        "wants", "make", "makes", "create", "think", "lot", "way", "thing", "things",
        "important", "great", "many", "much", "able", "sure", "yes", "please",
        # Amounts name nothing without their number ("billion cost" of "3 billion cost").
        "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
        "billions", "trillion", "percent",
        # Nor do currencies ("real cost / JPY" of "the real cost in JPY").
        "jpy", "yen", "usd", "dollars", "gbp", "pounds", "eur", "euros",
        # Numbers in words, as digits are ("Five years / twelve cities").
        "zero", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        "dozen", "dozens",
        # Abbreviations that introduce or close a list ("NZ city / town, e.g").
        "e.g", "eg", "i.e", "ie", "etc", "vs", "viz",
    }
)  # fmt: skip
_LABEL_PHRASES = 2
# Nouns too general to name a theme by themselves ("People / ads"): shown only within a longer
# phrase the comments use ("homeless people"), else left out.
_TOO_GENERAL = frozenset(
    {
        "people", "person", "persons", "everyone", "everybody", "someone", "somebody", "anyone",
        "something", "everything", "anything", "nothing", "issue", "issues", "problem",
        "problems", "focus", "view", "views", "part", "parts", "time", "times", "place", "kind",
        "aspect", "aspects", "matter", "fact", "idea", "ideas", "point", "points", "reason",
        "detail", "details", "example", "examples", "case", "cases", "number", "amount", "level",
        "result", "results", "sort", "type", "types", "area", "areas",
        # What any comment on a draft may say of itself or of the draft ("Section / comment").
        "section", "sections", "clause", "clauses", "comment", "comments", "question",
        "questions", "answer", "answers", "proposal", "proposals", "draft", "argument",
        "arguments", "explanation", "figure", "figures", "end", "help", "doubt", "way", "ways",
        "thing", "things", "lot", "practice", "hours", "days", "weeks", "months", "years", "look",
        "looks",
        # Participles that serve as prepositions ("considering the cost").
        "considering", "regarding", "including", "concerning", "according", "excluding",
        "assuming",
    }
)  # fmt: skip
# Words of a stated age ("I am 16 years old", "under 18 years of age"): with the number gone, no
# phrase made only of them names a theme ("Years old").
_AGE_WORDS = frozenset({"year", "years", "old", "olds", "of", "age", "aged"})
# Common verbs whose form in -s is hardly ever a plural noun: a phrase ending in one is a clause
# cut short ("skin tone goes" of "the skin tone goes unrecorded"), and one holding one is a clause
# ("choice means little").
_LIGHT_VERBS_IN_S = frozenset(
    {
        "goes", "does", "makes", "takes", "comes", "gets", "says", "seems", "gives", "puts",
        "lets", "becomes", "happens", "sounds", "tends", "means",
    }
)  # fmt: skip
# The same in Japanese (情報, 問題, 相手): shown only within a longer phrase (防衛の情報,
# 情報漏えい).
_TOO_GENERAL_JA = frozenset(
    {
        "情報", "データ", "問題", "課題", "意見", "必要", "場合", "対応", "内容", "方法", "部分",
        "全体", "人", "人々", "人間", "相手", "考え", "理由", "点", "事", "物", "方", "状況",
        "今回", "利用", "活用", "使用", "関係", "影響", "日本", "国内", "海外", "機関", "仕組み",
        "システム", "本案", "本計画", "本方針", "案", "計画", "手段", "理屈", "時間", "年間",
        "市民", "都市", "意味", "問題点", "疑問",
    }
)  # fmt: skip
# Stop-words that may join a phrase ("period of footage"); others make fragments
# ("privacy and civil" out of "privacy and civil liberties").
_INNER_STOP = frozenset({"of", "for", "on"})
_MIN_SUPPORT = 2
_BASE = 0.05  # lets frequency decide when a theme is the whole consultation (lift 1)
_STEM = 5  # words sharing their first letters count as the same word (school/schools)
# What labelling reads a topic from: membership, each text's phrases, their document frequency
# and the texts.
_Corpus = tuple[np.ndarray, list[set[str]], Counter[str], Sequence[str]]


@dataclass(frozen=True)
class TopicLabel:
    """A theme's label, one-sentence description, key phrases and language."""

    label: str
    description: str
    keywords: tuple[str, ...]
    language: str
    # The theme named in the other language (``(language, label, description)``) from its
    # comments in that language, when they are enough to name it: a report in that language
    # shows it instead of a label its readers may not read.
    translations: tuple[tuple[str, str, str], ...] = ()

    @property
    def named(self) -> bool:
        """Whether the theme has key phrases to be named by; one without is "other"."""
        return bool(self.keywords)


_OTHER = {
    "ja": ("その他", "どのテーマにも当てはまらない意見。"),
    "en": ("Other", "Comments that no theme describes."),
}


def other_label(language: str) -> TopicLabel:
    """The label of the "other" bucket (comments no theme explains) in ``language``."""
    language = "ja" if language == "ja" else "en"
    label, description = _OTHER[language]
    other = "en" if language == "ja" else "ja"
    return TopicLabel(label, description, (), language, ((other, *_OTHER[other]),))


def _english_phrases(text: str) -> set[str]:
    """Word n-grams of ``text`` that neither start nor end with a stop-word, clause by clause,
    each distinct clause read once (copies of a form letter share most of theirs)."""
    found: set[str] = set()
    for clause in _EN_CLAUSE.split(text.lower()):
        for part in _EN_NUMBER.split(clause):
            found.update(_clause_phrases(part))
    return found


@lru_cache(maxsize=100_000)
def _clause_phrases(clause: str) -> frozenset[str]:
    found: set[str] = set()
    words = _EN_WORD.findall(clause)
    for n in range(1, _MAX_WORDS + 1):
        for i in range(len(words) - n + 1):
            gram = words[i : i + n]
            if _is_stop(gram[0]) or _is_stop(gram[-1]):
                continue
            if n == _MAX_WORDS and _is_stop(gram[1]) and gram[1] not in _INNER_STOP:
                continue
            if n == 1 and len(gram[0]) < 3:
                continue
            found.add(" ".join(gram))
    return frozenset(found)


def _is_stop(word: str) -> bool:
    return word in ENGLISH_STOP_WORDS or word in _EXTRA_STOP or word.isdigit()


# Particles after which a verb stem reads as a noun (見守りが, 見守りを, 見守りの).
_NOMINAL_PARTICLES = frozenset({"が", "を", "の", "は", "も", "と", "や", "へ"})


def _is_hiragana(word: str) -> bool:
    return all("\u3041" <= char <= "\u309f" for char in word)


def _joins_compound(morpheme: Morpheme) -> bool:
    pos = morpheme.pos
    noun = pos[0] == "名詞" and pos[1] != "数詞"
    return noun or (pos[0] == "接尾辞" and pos[1] == "名詞的")


def _role(morphemes: Sequence[Morpheme], i: int) -> tuple[bool, bool] | None:
    """Whether morpheme ``i`` may begin and may end a compound, or None when it is no part of
    one (see the module's note)."""
    morpheme = morphemes[i]
    major, minor, detail = morpheme.pos[0], morpheme.pos[1], morpheme.pos[2]
    if morpheme.surface.isascii():
        return None  # normalisation lower-cases Latin words, which would read "ai技術"
    if major == "名詞":
        # Numbers, personal names and formal nouns written in kana (こと, ため; まま, うち,
        # ころ: the adverbial ones) name nothing.
        formal = _is_hiragana(morpheme.surface) and (
            morpheme.surface in JAPANESE_STOP_WORDS or detail == "副詞可能"
        )
        if minor == "数詞" or detail == "人名" or formal:
            return None
        # An adverbial noun in kanji (一度, 今後, 現在) says when, not what: it may end a
        # compound (作業日) but not begin one ("一度インフラ" out of 一度インフラを作れば).
        return (detail != "副詞可能", True)
    if major == "接頭辞":
        return True, False
    if major == "接尾辞" and minor in ("名詞的", "形状詞的"):
        return False, minor == "名詞的"  # 行方不明者 ends a word, 基本的 does not
    if major == "形状詞" and minor != "助動詞語幹":
        return True, False
    if major == "動詞" and morpheme.pos[5] == "連用形-一般":
        following = morphemes[i + 1] if i + 1 < len(morphemes) else None
        adjacent = following is not None and following.start == morpheme.end
        if minor != "非自立可能" and (
            following is None
            or (following.pos[0] == "助詞" and following.surface in _NOMINAL_PARTICLES)
            or following.pos[1] == "句点"
        ):
            return True, True  # a verb stem used as a noun: 見守りが, 高齢者の見守り。
        if adjacent and following is not None and _joins_compound(following):
            return True, False  # the stem of a compound: 見守り活動, 見 + 守り
    return None


def _japanese_compounds(text: str) -> list[tuple[int, int]]:
    """Spans of the compounds of ``text`` (two to ``_MAX_COMPOUND`` characters), in order; one
    pass over its morphemes."""
    morphemes = japanese_morphemes(text)
    spans: list[tuple[int, int]] = []
    start = end = reach = -1  # open compound: start, end of its last closing part, end so far
    for i, morpheme in enumerate(morphemes):
        role = _role(morphemes, i)
        if role is not None and start >= 0 and morpheme.start == reach:
            reach = morpheme.end
            end = reach if role[1] else end
            continue
        if start >= 0 and 2 <= end - start <= _MAX_COMPOUND:
            spans.append((start, end))
        start = end = reach = -1
        if role is not None and role[0]:
            start, reach = morpheme.start, morpheme.end
            end = reach if role[1] else -1
    if start >= 0 and 2 <= end - start <= _MAX_COMPOUND:
        spans.append((start, end))
    return spans


def _japanese_phrases(text: str) -> set[str]:
    """Compounds of ``text`` and each pair of consecutive compounds joined by の, read sentence
    by sentence (neither crosses a sentence's end), each distinct sentence once: the copies of a
    form letter, and comments that quote one another, share most of their sentences."""
    found: set[str] = set()
    for sentence in split_sentences(text):
        found.update(_sentence_phrases(sentence))
    return found


@lru_cache(maxsize=100_000)
def _sentence_phrases(sentence: str) -> frozenset[str]:
    """`_japanese_phrases` of one sentence. One pass over the compounds: every join of AのBのC
    (AのB and BのC) is found from their positions, so the work is linear in its length."""
    spans = _japanese_compounds(sentence)
    found = {sentence[start:end] for start, end in spans}
    for (start, left_end), (right_start, end) in itertools.pairwise(spans):
        if right_start == left_end + 1 and sentence[left_end] == "の":
            found.add(sentence[start:end])
    return frozenset(found)


def _english_nominal(phrase: str) -> bool:
    words = phrase.split()
    if not words:
        return False
    last, first = words[-1], words[0]
    # A possessive ends no noun phrase ("database of everyone's"); nor does a word no lexicon
    # knows that reads as a participle or an adverb ("footage of uninvolved").
    if last.endswith(("'s", "’s", "s'", "s’")) or _LIGHT_VERBS_IN_S.intersection(
        words[1:] or words
    ):
        return False
    # Led by one before a word that may be an adjective or an adverb, or is no noun, it is the
    # rest of a clause ("means little"; "means test" stays).
    if first in _LIGHT_VERBS_IN_S and len(words) > 1:
        after = word_classes(words[1])
        if "NOUN" not in after or after & {"ADJ", "ADV"}:
            return False
    classes = word_classes(last)
    if not classes and last.endswith(("ed", "ly")):
        return False
    # An adverb or a finite verb inside a phrase makes it a clause ("scale inevitably sweeps",
    # "ahead gives residents"); a participle does not ("recorded footage", "deciding factor").
    if any(_adverb_or_finite_verb(word) for word in words[:-1]):
        return False
    # A word that may be a verb in -s before a gerund is one ("draft bans identifying"); so is
    # one before a word that cannot be a noun ("stops foreign developers": no noun phrase puts
    # a plural before its adjective).
    for word, following in itertools.pairwise(words):
        if _verb_in_s(word) and (following.endswith("ing") or _no_noun(following)):
            return False
        # Before a name, which the lexicon does not know, it is a verb too ("early helps japan").
        if _verb_in_s(word) and not word_classes(following) and following.isalpha():
            return False
    if len(words) > 1 and first in _CATENATIVE and words[1].endswith("ing"):
        return False
    # A word in -ing the lexicon knows as an adjective and not as a noun is one ("searching for
    # missing" of "searching for missing children"), not a gerund ("funding for policing").
    gerund = (
        last.endswith("ing") and "VERB" in classes and ("NOUN" in classes or "ADJ" not in classes)
    )
    # A lone word must be a noun first ("first", "healthy" are not); a phrase's last word need
    # only be able to be one ("bowling green").
    other_class = bool(classes & {"ADJ", "ADV"}) and len(words) == 1
    if classes and not gerund and ("NOUN" not in classes or other_class):
        return False
    first_classes = word_classes(first)
    # A phrase led by a verb is an action ("restore biodiversity"); by a participle, a noun
    # phrase ("recorded footage", "stolen data").
    return not (len(words) > 1 and first_classes == {"VERB"} and not first.endswith(_PARTICIPLE))


def _adverb_or_finite_verb(word: str) -> bool:
    classes = word_classes(word)
    return classes == {"ADV"} or (classes == {"VERB"} and not word.endswith(_PARTICIPLE))


_PARTICIPLE = ("ing", "ed", "en")


def _no_noun(word: str) -> bool:
    """A word the lexicon knows only as an adjective (foreign, new). Adverbs are not read: the
    lexicon counts most prepositions among them (in, by, without)."""
    return word_classes(word) == {"ADJ"}


def _plural_noun(word: str | None) -> bool:
    """A word in -s the lexicon knows as a noun (studies, tests, experts)."""
    return word is not None and word.endswith("s") and "NOUN" in word_classes(word)


def _verb_in_s(word: str) -> bool:
    """A word that may be a verb's third person as well as a plural noun (keeps, doubles)."""
    return word.endswith("s") and not word.endswith("ss") and "VERB" in word_classes(word)


# Words before a phrase that make its first word a verb ("to raise budgets", "it stops foreign
# developers"), and after it that make its last word one ("the plan keeps the footage").
_BEFORE_A_VERB = frozenset(
    {
        "to", "will", "would", "can", "could", "should", "must", "may", "might", "cannot",
        "it", "they", "we", "i", "you", "he", "she", "who", "which", "does", "do", "did",
        "not", "never", "also", "just", "only", "don't", "doesn't", "didn't", "won't",
        "can't", "couldn't", "shouldn't", "wouldn't", "mustn't", "can’t", "don’t",
        "won’t", "i'll", "we'll", "they'll", "let's", "nobody", "everyone", "everybody",
        "someone", "somebody", "anyone", "anybody",
    }
)  # fmt: skip
# Before a lone word, an adverb such as "not" says nothing of its class: "is not consent" is
# the noun, "did not consent" the verb.
_BEFORE_A_LONE = _BEFORE_A_VERB - {"not", "never", "also", "just", "only"}
_AFTER_A_VERB = frozenset(
    {
        "the", "a", "an", "this", "these", "those", "every", "each", "any", "some", "our",
        "their", "its", "his", "her", "my", "your", "it", "them", "us", "him", "me", "that", "up",
        "out", "off", "away", "down", "back", "too", "forever", "again", "ahead", "unchecked",
        "while", "whereas",
    }
)  # fmt: skip
# Verbs that take a gerund ("people will stop going", "kept filming"): before one they are verbs,
# and a phrase of one with its gerund is a clause cut short ("stopped coming").
_CATENATIVE = frozenset(
    {
        "stop", "stops", "stopped", "start", "starts", "started", "keep", "keeps", "kept",
        "continue", "continues", "continued", "avoid", "avoids", "avoided", "begin", "begins",
        "began", "begun", "finish", "finishes", "finished", "quit", "quits", "resume",
        "resumes", "resumed",
    }
)  # fmt: skip
# A singular determiner before a phrase whose last word is in -s makes that word a verb: "a leak
# lasts", "this budget doubles" (a compound noun would be "a budget cut").
_SINGULAR_BEFORE = frozenset({"a", "an", "this", "that", "each", "every", "one", "another"})
_CONJUNCTIONS = frozenset(
    {"yet", "but", "while", "whereas", "because", "when", "if", "since", "although", "though"}
)
# Verbs that report a finding or a view ("studies show face recognition fails"): after a plural
# noun, their subject, they begin a clause.
_REPORTING_VERBS = frozenset(
    {
        "show", "prove", "suggest", "mean", "say", "claim", "find", "think", "believe", "know",
        "argue", "indicate", "confirm", "demonstrate", "reveal", "warn",
    }
)  # fmt: skip
_CONTEXT_SAMPLE = 40  # occurrences read to tell how a phrase is used


def _used_as_clause(phrase: str, lowered: Sequence[str]) -> bool:
    """Whether the comments (lower-cased) mostly use an English ``phrase`` as part of a clause:
    its first word as a verb after "to", a modal or a pronoun ("raise budgets"), or its last
    word (or its only one) as a verb in -s before an object ("plan keeps" of "the plan keeps the
    footage", "lasts" of "a leak lasts a lifetime").
    Only phrases whose words may be verbs are read."""
    words = phrase.split()
    # (A lone word too: "find", "read", "check" are nouns as well, but comments that write "to
    # find", "we read" use them as verbs, and a label should not.)
    first_verb = "VERB" in word_classes(words[0]) and not words[0].endswith(_PARTICIPLE)
    last_verb = _verb_in_s(words[-1])
    # A participle after its noun cut from what follows it: "material known" of "material
    # known to be pirated" ("people affected by" reads whole).
    cut_participle = len(words) > 1 and past_participle(words[-1])
    catenative = len(words) == 1 and words[0] in _CATENATIVE
    if not (first_verb or last_verb or cut_participle or catenative):
        return False
    pattern = re.compile(
        r"([\w'’]+)?\W*(?<![\w'’-])"
        + r"\s+".join(map(re.escape, words))
        + r"(?![\w'’-])(\W*)([\w'’]+)?"
    )
    seen = clause = 0
    for text in lowered:
        if phrase not in text:
            continue
        for match in pattern.finditer(text):
            seen += 1
            before, gap, after = match.group(1), match.group(2), match.group(3)
            ends_clause = after is None or any(mark in gap for mark in ".!?;")
            clause += (
                (first_verb and before in (_BEFORE_A_VERB if len(words) > 1 else _BEFORE_A_LONE))
                or (last_verb and after in _AFTER_A_VERB)
                # Before a name ("helps japan"): the lexicon knows no name.
                or (last_verb and bool(after) and after.isalpha() and not word_classes(after))
                or (last_verb and len(words) > 1 and before in _SINGULAR_BEFORE)
                or (cut_participle and after in {"to", "as"})
                # "yet surveillance spending doubles.": a clause of its own after a conjunction.
                or (last_verb and len(words) > 1 and before in _CONJUNCTIONS and ends_clause)
                # "nearly doubles", "already costs": an adverb before it.
                or (last_verb and len(words) == 1 and word_classes(before or "") == {"ADV"})
                # "stop" of "people will stop going": before a gerund.
                or (catenative and bool(after) and after.endswith("ing") and not gap.strip())
                # "studies show face recognition …": a reporting verb after its plural subject.
                or (first_verb and words[0] in _REPORTING_VERBS and _plural_noun(before))
            )
        if seen >= _CONTEXT_SAMPLE:
            break
    return seen > 0 and clause * 2 > seen


_ADVERBIAL = "副詞可能"
_ADJECTIVAL = ("形状詞可能", "サ変形状詞可能")


def _japanese_nominal(phrase: str) -> bool:
    morphemes = [m for m in japanese_morphemes(phrase) if m.pos[0] != "補助記号"]
    if not morphemes:
        return False
    # Led by a quantity or a time (全ての検索, 一部の企業, 今日の会議), a phrase names less than
    # its noun does alone.
    if len(morphemes) > 2 and morphemes[1].surface == "の" and morphemes[0].pos[2] == _ADVERBIAL:
        return False
    last = morphemes[-1].pos
    # A noun suffix ends a noun (行方不明者); so does a verb stem used as a noun (見守り), which
    # Sudachi reads as the verb when the phrase stands alone.
    suffix = last[0] == "接尾辞" and last[1] == "名詞的"
    stem = last[0] == "動詞" and last[1] != "非自立可能" and last[5] == "連用形-一般"
    if suffix or stem:
        return True
    if last[0] != "名詞" or last[1] == "数詞" or last[2] == _ADVERBIAL:
        return False
    return not (len(morphemes) == 1 and last[2] in _ADJECTIVAL)


@lru_cache(maxsize=100_000)
def nominal(phrase: str, language: str) -> bool:
    """Whether ``phrase`` can name a theme: a noun phrase, not an adjective, adverb or verb
    phrase (see the module's note)."""
    return _japanese_nominal(phrase) if language == "ja" else _english_nominal(phrase)


def extract_phrases(text: str, language: str) -> set[str]:
    """Candidate label phrases of one comment (``language``: "ja", "en" or "other")."""
    normalized = normalize(text)
    if language == "ja":
        return _japanese_phrases(normalized)
    return _english_phrases(normalized)


def _phrase_weight(phrase: str, language: str) -> float:
    if language == "ja":
        return 1.0 + 0.3 * phrase.count("の") + 0.05 * min(len(phrase), 8)
    return 1.0 + 0.3 * (phrase.count(" "))


def _stems(phrase: str) -> set[str]:
    """The first letters of each word, and of its singular where it may be a plural, so that a
    short word and its plural count as one (bus/buses, tax/taxes, law/laws)."""
    stems = set()
    for word in phrase.split():
        stems.add(word[:_STEM])
        if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            stems.add(word[:-1][:_STEM])
            if word.endswith("es"):
                stems.add(word[:-2][:_STEM])
    return stems


def _overlaps(phrase: str, chosen: Sequence[str], language: str) -> bool:
    if language == "ja":
        # One holds the other, or they share a part joined by の (デモの参加者, 参加者の識別).
        parts = set(phrase.split("の"))
        return any(
            phrase in other or other in phrase or parts & set(other.split("の")) for other in chosen
        )
    stems = _stems(phrase)
    return any(stems & _stems(other) for other in chosen)


# The descriptions `_render` writes: a theme found in the comments, named for what they are about.
_TOPIC_DESCRIPTION = re.compile(
    r"^(?:Comments about .+ \(\d+ comments?\)\.|.+に関する意見（\d+件）。)$"
)


def describes_topic(description: str) -> bool:
    """Whether ``description`` is one this module wrote for a discovered theme ("Comments about
    ... (12 comments)."), i.e. the theme names a subject, not a position or an argument."""
    return _TOPIC_DESCRIPTION.match(description.strip()) is not None


_SENTENCE_START = frozenset(".!?:;\"'(\n")


def _display_forms(phrases: Sequence[str], texts: Iterable[str]) -> dict[str, str]:
    """How the comments write each English phrase where that is not lower case: names and
    acronyms ("bowling green" -> "Bowling Green", "ai surveillance" -> "AI surveillance", "nz"
    -> "NZ"). Phrases are found in lower-cased text; a form is kept when most of the phrase's
    occurrences are written so (nearly all, for a lone dictionary word). A capital at the start
    of a sentence tells nothing, so an occurrence there counts only if more than its first
    letter is a capital."""
    wanted = {p for p in phrases if p}
    if not wanted:
        return {}
    alternatives = "|".join(
        r"\s+".join(re.escape(word) for word in phrase.split())
        for phrase in sorted(wanted, key=len, reverse=True)
    )
    pattern = re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", re.IGNORECASE)
    votes: dict[str, Counter[str]] = {}
    for text in texts:
        folded = unicodedata.normalize("NFKC", text)
        for match in pattern.finditer(folded):
            surface = " ".join(match.group(0).split())
            key = surface.lower()
            if key not in wanted:
                continue
            before = match.start() - 1
            while before >= 0 and folded[before].isspace():
                before -= 1
            initial = before < 0 or folded[before] in _SENTENCE_START
            if initial and surface == key.capitalize():
                continue
            votes.setdefault(key, Counter())[surface] += 1
    forms: dict[str, str] = {}
    for key, counter in votes.items():
        surface, count = counter.most_common(1)[0]
        # A common noun is capitalised inside names ("Scottsville Road", "Biodiversity
        # Strategy"): as a word of its own it keeps its capital only when nearly always written so.
        common = " " not in key and bool(word_classes(key))
        if surface != key and count > (0.8 if common else 0.5) * sum(counter.values()):
            forms[key] = surface
    return forms


def _render(phrases: Sequence[str], language: str, size: int) -> tuple[str, str]:
    if not phrases:
        other = other_label(language)
        return other.label, other.description
    head = phrases[:_LABEL_PHRASES]
    if language == "ja":
        label = "・".join(head)
        description = "、".join(phrases[:4]) + f"に関する意見（{size}件）。"
        return label, description
    label = " / ".join(head)
    label = label[0].upper() + label[1:]
    listed = phrases[:4]
    joined = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
    return label, f"Comments about {joined} ({size} comments)."


def _described_in(phrases: Sequence[str], other: str, size: int, *, mostly: bool) -> str:
    """A description in ``other`` of a theme whose comments are all (or, ``mostly``, nearly all)
    in the other language: a sentence of the report's language around their own key phrases."""
    listed = list(phrases[:4])
    if other == "ja":
        kind = "主に英語の意見" if mostly else "英語の意見"
        return "、".join(listed) + f"に関する{kind}（{size}件）。"
    joined = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
    written = ", mostly in Japanese," if mostly else " in Japanese"
    return f"Comments{written} about {joined} ({size} comments)."


def _join_heads(
    chosen: Sequence[str], ranked: Sequence[str], language: str, names: Callable[[str], bool]
) -> list[str]:
    """When the first two phrases are single words that the comments use together as one phrase
    ("ecosystem" and "services": "ecosystem services"), that phrase names the theme: it takes
    their place, and the next phrase chosen becomes the second."""
    if language == "ja" or len(chosen) < 2 or " " in chosen[0] or " " in chosen[1]:
        return list(chosen)
    pair = {chosen[0], chosen[1]}
    for phrase in ranked:
        if " " in phrase and pair <= set(phrase.split()) and names(phrase):
            return [phrase, *(p for p in chosen[2:] if not _overlaps(p, [phrase], language))]
    return list(chosen)


def _too_general(phrase: str, language: str) -> bool:
    if language == "ja":
        return phrase in _TOO_GENERAL_JA
    return phrase in _TOO_GENERAL or _AGE_WORDS.issuperset(phrase.split())


def _holds(phrase: str, word: str, language: str) -> bool:
    """Whether ``phrase`` is longer than ``word`` and holds it as a whole word: in English one
    of its words; in Japanese a part joined by の (防衛の情報) or, for a word of two characters
    or more, the start or end of a compound (情報漏えい; a one-character word such as 人 only
    joined by の, not inside 個人; not データ inside データベース)."""
    if language != "ja":
        return " " in phrase and word in phrase.split()
    if phrase == word:
        return False
    if word in phrase.split("の"):
        return True
    if len(word) < 2:
        return False
    # Katakana running on continues the word (データ in データベース is no word of its own).
    if phrase.startswith(word):
        return not (_is_katakana(word[-1]) and _is_katakana(phrase[len(word)]))
    if phrase.endswith(word):
        return not (_is_katakana(word[0]) and _is_katakana(phrase[-len(word) - 1]))
    return False


def _verbal_noun(word: str) -> bool:
    """Whether a Japanese ``word`` is one verbal noun alone (強化, 説明, 導入): an action
    whose object a longer phrase names (監視の強化, 説明責任)."""
    morphemes = japanese_morphemes(word)
    return len(morphemes) == 1 and morphemes[0].pos[2] == "サ変可能"


def _is_katakana(char: str) -> bool:
    return "\u30a1" <= char <= "\u30ff"


def _expand_heads(
    chosen: Sequence[str], ranked: Sequence[str], language: str, names: Callable[[str], bool]
) -> list[str]:
    """The label's phrases from ``chosen``: a one-word phrase replaced by the best-ranked longer
    phrase containing it that ``names`` something ("ban" -> "complete ban"), so labels read as
    phrases where the comments offer one; a word too general to name anything alone is left out
    unless so replaced."""
    result: list[str] = []
    for n, head in enumerate(chosen):
        if len(result) == _LABEL_PHRASES:
            break
        others = [*result, *chosen[n + 1 : n + 1 + _LABEL_PHRASES - len(result) - 1]]
        better = head
        # Japanese phrases are compounds already: only a word too general to name a theme
        # alone is looked for in a longer one.
        if " " not in head and (
            language != "ja" or _too_general(head, language) or _verbal_noun(head)
        ):
            for phrase in ranked:
                if (
                    _holds(phrase, head, language)
                    and not _overlaps(phrase, others, language)
                    and names(phrase)
                ):
                    better = phrase
                    break
        if not _too_general(better, language) and not _overlaps(better, result, language):
            result.append(better)
    return result


def _topic_phrases(
    t: int,
    readers: np.ndarray,
    total: float,
    language: str,
    context: _Corpus,
    top: int,
) -> tuple[list[str], list[str]]:
    """Key phrases of topic ``t`` read from the comments ``readers`` (all in ``language``),
    as kept and as shown."""
    membership, doc_phrases, document_frequency, texts = context
    n_docs = membership.shape[0]
    support: Counter[str] = Counter()
    strength: dict[str, float] = {}
    for i in readers:
        for phrase in doc_phrases[int(i)]:
            support[phrase] += 1
            strength[phrase] = strength.get(phrase, 0.0) + float(membership[int(i), t])
    minimum = min(_MIN_SUPPORT, max(1, len(readers)))
    scored = []
    for phrase, count in support.items():
        if count < minimum:
            continue
        share = strength[phrase] / total
        lift = share / (document_frequency[phrase] / n_docs)
        if lift >= 1.0:
            weight = share * (math.log(lift) + _BASE) * _phrase_weight(phrase, language)
            scored.append((-weight, phrase))
    scored.sort()
    lowered = [texts[int(i)].lower() for i in readers] if language == "en" else []

    def names(phrase: str) -> bool:
        """Whether ``phrase`` names something, as these comments use it."""
        return nominal(phrase, language) and not (
            language == "en" and _used_as_clause(phrase, lowered)
        )

    chosen: list[str] = []
    for _, phrase in scored:
        if not _overlaps(phrase, chosen, language) and names(phrase):
            chosen.append(phrase)
        if len(chosen) >= top:
            break
    ranked = [p for _, p in scored]
    chosen = _join_heads(chosen, ranked, language, names)
    heads = _expand_heads(chosen, ranked, language, names)
    rest = [
        p
        for p in chosen
        if p not in heads and not _too_general(p, language) and not _overlaps(p, heads, language)
    ]
    phrases = heads + rest
    if language != "en":
        return phrases, phrases
    forms = _display_forms(phrases, (texts[int(i)] for i in readers))
    return phrases, [forms.get(phrase, phrase) for phrase in phrases]


# Comments in the other language make up at least this share of a theme (the English glosses of
# Japanese words let one theme hold both): its description names their phrases too.
_OTHER_LANGUAGE_SHARE = 0.2
_OTHER_LANGUAGE_PHRASES = 3


def _also_in(phrases: Sequence[str], language: str) -> str:
    """The description's sentence naming the phrases of the theme's comments in the other
    language (``language`` is the description's)."""
    if language == "ja":
        return "英語の意見では " + "、".join(phrases) + "。"
    return " In Japanese: " + "、".join(phrases) + "."


def label_topics(
    texts: Sequence[str],
    languages: Sequence[str],
    membership: np.ndarray,
    *,
    sizes: Sequence[int] | None = None,
    top: int = 6,
) -> list[TopicLabel]:
    """Label each column of ``membership`` (docs x topics, 0 = not a member) from ``texts``.

    ``sizes`` are the counts quoted in the descriptions (defaults to member docs per topic). A
    theme is labelled in the language most of its comments are in, from those comments; when at
    least a fifth are in the other language (English or Japanese), the description names their
    key phrases too, and the theme is also named in that language from them
    (`TopicLabel.translations`), for a report in that language.
    """
    n_topics = membership.shape[1]
    doc_phrases = [extract_phrases(text, lang) for text, lang in zip(texts, languages, strict=True)]
    document_frequency: Counter[str] = Counter()
    for found in doc_phrases:
        document_frequency.update(found)
    context: _Corpus = (membership, doc_phrases, document_frequency, texts)
    labels: list[TopicLabel] = []
    drafts: list[tuple[list[str], str, int, str]] = []  # shown phrases, language, size, suffix
    drafts_other: list[tuple[list[str], str, int, str]] = []  # the same in the other language
    mixed: list[bool] = []  # whether some of a theme's comments are in another language
    for t in range(n_topics):
        members = np.flatnonzero(membership[:, t] > 0)
        member_languages = np.array([languages[int(i)] for i in members], dtype=object)
        language_votes = Counter(member_languages.tolist())
        language = language_votes.most_common(1)[0][0] if language_votes else "en"
        language = language if language in ("ja", "en") else "en"
        readers = (
            members
            if language_votes[language] == len(members)
            else members[member_languages == language]
        )
        total = float(membership[members, t].sum()) or 1.0
        phrases, shown = _topic_phrases(t, readers, total, language, context, top)
        size = int(sizes[t]) if sizes is not None else len(members)
        other = "en" if language == "ja" else "ja"
        others = members[member_languages == other]
        suffix = ""
        shown_other: list[str] = []
        if phrases and len(others) >= max(_MIN_SUPPORT, _OTHER_LANGUAGE_SHARE * len(members)):
            total_other = float(membership[others, t].sum()) or 1.0
            _, shown_other = _topic_phrases(t, others, total_other, other, context, top)
            if shown_other:
                suffix = _also_in(shown_other[:_OTHER_LANGUAGE_PHRASES], language)
        drafts.append((list(shown), language, size, suffix))
        # Named in the other language too, its description naming this language's phrases.
        other_suffix = _also_in(shown[:_OTHER_LANGUAGE_PHRASES], other) if shown_other else ""
        drafts_other.append((list(shown_other), other, size, other_suffix))
        mixed.append(len(others) > 0)
        labels.append(TopicLabel("", "", tuple(phrases), language))
    heads_other = _distinct_heads(drafts_other)
    for t, shown in enumerate(_distinct_heads(drafts)):
        _, language, size, suffix = drafts[t]
        label, description = _render(shown, language, size)
        translations: tuple[tuple[str, str, str], ...] = ()
        _, other, _, other_suffix = drafts_other[t]
        if not shown:  # "other", which has its name in both languages
            translations = other_label(language).translations
        elif heads_other[t]:
            other_label_text, other_description = _render(heads_other[t], other, size)
            translations = ((other, other_label_text, other_description + other_suffix),)
        elif language in ("ja", "en"):
            # Too few comments in the other language to name it by: its own phrases keep
            # naming it, in a sentence a report in that language can read.
            framed = _described_in(shown, other, size, mostly=mixed[t])
            translations = ((other, label, framed),)
        labels[t] = TopicLabel(
            label, description + suffix, labels[t].keywords, language, translations
        )
    return labels


def _distinct_heads(drafts: Sequence[tuple[list[str], str, int, str]]) -> list[list[str]]:
    """Each theme's phrases to show, so that no two labels lead with the same phrase: the larger
    theme keeps a phrase both would show, the smaller one shows its next phrases instead (when it
    has others), so two themes do not read "理由の説明・資料" and "理由の説明・相手の動き"."""
    result = [list(shown) for shown, *_ in drafts]
    taken: set[str] = set()
    for t in sorted(range(len(drafts)), key=lambda t: -drafts[t][2]):
        shown = result[t]
        if any(phrase.lower() in taken for phrase in shown[:_LABEL_PHRASES]):
            rest = [phrase for phrase in shown if phrase.lower() not in taken]
            if rest:
                result[t] = rest
        taken.update(phrase.lower() for phrase in result[t][:_LABEL_PHRASES])
    return result
