"""Phrase banks expanded once per topic into flat tables the generator can index cheaply."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cache

from consult.demo.corpus import phrases
from consult.demo.corpus.banks_ai_copyright import BANK as AI_COPYRIGHT
from consult.demo.corpus.banks_defence_ai import BANK as DEFENCE_AI
from consult.demo.corpus.banks_facial_recognition import BANK as FACIAL_RECOGNITION
from consult.demo.corpus.model import LANGUAGES, Pair, TopicBank
from consult.demo.corpus.noise import change_width, swap_words, typo

BANKS: dict[str, TopicBank] = {
    bank.topic: bank for bank in (FACIAL_RECOGNITION, DEFENCE_AI, AI_COPYRIGHT)
}
TEMPLATE_COUNT = 30
_MAX_LETTER_SENTENCES = 8
_SENTENCE_END = re.compile(r"[。？！]")
SUPPORT, OPPOSE = 0, 1
"""Indexes of the two sides of an argument in the per-theme tables."""

Sentences = tuple[str, ...]
BySide = tuple[Sentences, Sentences]
_KEEP_CAPITAL = ("I", "I'm", "I've", "I'd", "I'll", "Japan", "Japan's", "Japanese", "My", "Diet")


@dataclass(frozen=True, slots=True)
class Template:
    """A campaign's form letter in one language, with pre-built edited versions of each sentence.

    ``variants[i][0]`` is sentence ``i`` as written; the rest are the same sentence with a word
    swapped, a typo or a change of character width.
    """

    text: str
    paragraphs: tuple[tuple[int, ...], ...]
    variants: tuple[Sentences, ...]
    stance: str
    themes: tuple[str, ...]
    theme_indexes: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class LanguageTables:
    """Every sentence list the generator draws from, for one topic and one language."""

    language: str
    separator: str
    paragraph_separator: str
    lead: tuple[BySide, ...]
    follow: tuple[BySide, ...]
    contrast: tuple[BySide, ...]
    lowered: tuple[BySide, ...]
    plain: tuple[BySide, ...]
    questions: tuple[Sentences, ...]
    general: dict[str, Sentences]
    closings: dict[str, Sentences]
    personas: Sentences
    persona_prefixes: Sentences
    section_references: dict[str, Sentences]
    templates: tuple[Template, ...]


@dataclass(frozen=True, slots=True)
class CompiledTopic:
    """A topic's phrase bank expanded for both languages."""

    bank: TopicBank
    theme_keys: tuple[str, ...]
    all_themes: tuple[int, ...]
    section_themes: dict[str, tuple[int, ...]]
    tables: dict[str, LanguageTables]


def lower_first(sentence: str) -> str:
    """Lower-case an English sentence's first letter unless it starts with ``I`` or a name."""
    first = sentence.split(" ", 1)[0].rstrip(",:")
    if (
        not first
        or not first[0].isalpha()
        or first in _KEEP_CAPITAL
        or (len(first) > 1 and first[1].isupper())
    ):
        return sentence
    return sentence[0].lower() + sentence[1:]


def _join_prefix(prefix: str, sentence: str, language: str) -> str:
    if not prefix or language == "ja":
        return prefix + sentence
    return prefix + lower_first(sentence)


def _expand(prefixes: Sentences, cores: Sentences, language: str) -> Sentences:
    return tuple(_join_prefix(prefix, core, language) for core in cores for prefix in prefixes)


def _side_tables(bank: TopicBank, language: str, index: int) -> dict[str, tuple[BySide, ...]]:
    openers = phrases.OPENERS[language]
    connectors = phrases.CONNECTORS[language]
    contrasts = phrases.CONTRASTS[language]
    tables: dict[str, list[BySide]] = {
        "lead": [],
        "follow": [],
        "contrast": [],
        "lowered": [],
        "plain": [],
    }
    for entry in bank.themes:
        sides = (
            tuple(pair[index] for pair in entry.support),
            tuple(pair[index] for pair in entry.oppose),
        )
        tables["lead"].append(
            (_expand(openers, sides[0], language), _expand(openers, sides[1], language))
        )
        tables["follow"].append(
            (_expand(connectors, sides[0], language), _expand(connectors, sides[1], language))
        )
        tables["contrast"].append(
            (_expand(contrasts, sides[0], language), _expand(contrasts, sides[1], language))
        )
        lowered = tuple(
            tuple(s if language == "ja" else lower_first(s) for s in side) for side in sides
        )
        tables["lowered"].append((lowered[0], lowered[1]))
        tables["plain"].append(sides)
    return {name: tuple(rows) for name, rows in tables.items()}


def _language_tables(bank: TopicBank, language: str) -> LanguageTables:
    index = LANGUAGES.index(language)
    subject = bank.subject[index]
    sides = _side_tables(bank, language, index)
    general = {
        stance: tuple(pair[index].format(subject=subject) for pair in rows)
        for stance, rows in phrases.GENERAL.items()
    }
    closings = {
        stance: tuple(pair[index] for pair in phrases.CLOSINGS.get(stance, ()))
        + tuple(pair[index] for pair in phrases.CLOSINGS["any"])
        for stance in ("support", "oppose", "mixed", "unclear")
    }
    questions = tuple(
        tuple(pair[index].format(noun=entry.noun[index]) for pair in phrases.QUESTIONS)
        for entry in bank.themes
    )
    references = {
        number: tuple(
            pair[index].format(number=number, title=title[index])
            for pair in phrases.SECTION_REFERENCES
        )
        for number, title in bank.sections.items()
    }
    return LanguageTables(
        language=language,
        separator="" if language == "ja" else " ",
        paragraph_separator="\n" if language == "ja" else "\n\n",
        lead=sides["lead"],
        follow=sides["follow"],
        contrast=sides["contrast"],
        lowered=sides["lowered"],
        plain=sides["plain"],
        questions=questions,
        general=general,
        closings=closings,
        personas=tuple(pair[index] for pair in phrases.PERSONAS + bank.framings),
        persona_prefixes=phrases.PERSONA_PREFIXES[language],
        section_references=references,
        templates=_templates(bank, language),
    )


@dataclass(frozen=True, slots=True)
class _Plan:
    stance: str
    themes: tuple[int, ...]
    sentences: tuple[Pair, ...]
    paragraphs: tuple[tuple[int, ...], ...]


def _least_used(rng: random.Random, options: range, used: dict[object, int], key: object) -> int:
    best = min(used.get((key, option), 0) for option in options)
    choice = rng.choice([o for o in options if used.get((key, o), 0) == best])
    used[(key, choice)] = best + 1
    return choice


def _sentence_count(pair: Pair) -> int:
    return len(_SENTENCE_END.findall(pair[0]))


def _arguments(
    bank: TopicBank, rng: random.Random, used: dict[object, int], side: int, budget: int
) -> tuple[list[Pair], list[int]]:
    """Pick two to five argument sentences (at most ``budget`` sentences) on one to three themes."""
    focus = rng.sample(range(len(bank.themes)), 1 + rng.randrange(3))
    wanted = rng.randint(2, 5)
    arguments: list[Pair] = []
    themes: list[int] = []
    for position in range(3 * wanted):
        if len(arguments) == wanted:
            break
        theme_index = focus[position % len(focus)]
        entry = bank.themes[theme_index]
        cores = entry.support if side == SUPPORT else entry.oppose
        core = cores[_least_used(rng, range(len(cores)), used, (entry.key, side))]
        if core in arguments or _sentence_count(core) > budget:
            continue
        arguments.append(core)
        budget -= _sentence_count(core)
        if theme_index not in themes:
            themes.append(theme_index)
    return arguments, themes


def _plans(bank: TopicBank) -> tuple[_Plan, ...]:
    """Compose the topic's campaign letters; the same plan yields the Japanese and English text.

    Each letter has an opening, two to five arguments, a demand and sometimes a closing line:
    three to eight sentences in all.
    """
    rng = random.Random(f"consult-demo-form-letters:{bank.topic}")  # fixed: templates never change
    used: dict[object, int] = {}
    plans = []
    for number in range(TEMPLATE_COUNT):
        stance = "support" if number % 4 == 3 else "oppose"
        openings, demands = bank.openings[stance], bank.demands[stance]
        opening = openings[_least_used(rng, range(len(openings)), used, ("opening", stance))]
        tail = [demands[_least_used(rng, range(len(demands)), used, ("demand", stance))]]
        if rng.random() < 0.5:
            closings = phrases.TEMPLATE_CLOSINGS
            tail.append(closings[_least_used(rng, range(len(closings)), used, "closing")])
        side = SUPPORT if stance == "support" else OPPOSE
        budget = _MAX_LETTER_SENTENCES - sum(_sentence_count(pair) for pair in (opening, *tail))
        arguments, themes = _arguments(bank, rng, used, side, budget)
        sentences = (opening, *arguments, *tail)
        middle = tuple(range(1, 1 + len(arguments)))
        last = tuple(range(1 + len(arguments), len(sentences)))
        plans.append(_Plan(stance, tuple(themes), sentences, ((0,), middle, last)))
    return tuple(plans)


def _variants(sentence: str, language: str, rng: random.Random) -> Sentences:
    bits = rng.getrandbits
    candidates = [
        sentence,
        swap_words(sentence, language, bits),
        swap_words(sentence, language, bits),
        typo(sentence, language, bits),
        typo(sentence, language, bits),
        change_width(sentence, language),
    ]
    return tuple(dict.fromkeys(candidates))


def _templates(bank: TopicBank, language: str) -> tuple[Template, ...]:
    index = LANGUAGES.index(language)
    rng = random.Random(f"consult-demo-variants:{bank.topic}:{language}")
    separator = "" if language == "ja" else " "
    paragraph_separator = "\n" if language == "ja" else "\n\n"
    templates = []
    for plan in _plans(bank):
        sentences = [pair[index] for pair in plan.sentences]
        text = paragraph_separator.join(
            separator.join(sentences[i] for i in paragraph) for paragraph in plan.paragraphs
        )
        templates.append(
            Template(
                text=text,
                paragraphs=plan.paragraphs,
                variants=tuple(_variants(s, language, rng) for s in sentences),
                stance=plan.stance,
                themes=tuple(bank.themes[i].key for i in plan.themes),
                theme_indexes=plan.themes,
            )
        )
    return tuple(templates)


@cache
def compiled(topic: str) -> CompiledTopic:
    """Expand (once) and return the tables for ``topic``; raises ``KeyError`` if unknown."""
    bank = BANKS[topic]
    section_themes = {
        number: tuple(i for i, entry in enumerate(bank.themes) if number in entry.sections)
        for number in bank.sections
    }
    return CompiledTopic(
        bank=bank,
        theme_keys=tuple(entry.key for entry in bank.themes),
        all_themes=tuple(range(len(bank.themes))),
        section_themes=section_themes,
        tables={language: _language_tables(bank, language) for language in LANGUAGES},
    )
