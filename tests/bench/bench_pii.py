"""Benchmark: personal-data detection (``consult.analysis.pii.find_pii``) on planted data.

Base texts: the real Polis comments in ``shared/data/polis`` (English; Polis open data, CC BY
4.0, The Computational Democracy Project) and generated Japanese comments
(``consult.demo.corpus``, less those in which the generator planted personal data itself). Half of them get one planted
item of personal data, in a sentence inserted between two of the text's own sentences: an email
address (also disguised from address harvesters: "taro[at]example.com", "taro★example.com"), a
phone number, a postcode, a My Number, a street address, a URL that identifies someone, a
social-media handle or LINE ID, or a person's name in one of several settings, from the writer naming themselves to a
comment naming a neighbour or a child. Names come from a list of people of many origins written
for this benchmark alone (``_EN_PEOPLE``, ``_JA_PEOPLE``), not from any list the detector reads.

Printed, per language: recall per kind and per setting (a planted item counts as found when
detected spans cover every character of it, whatever kind they call it: that is what keeps it
out of a quote), how often the kind was named right, and what was found where nothing was
planted: spans per 1,000 unplanted texts, by kind, with a sample to read (some of the Polis
comments name people themselves). Also texts per second, after a first call that loads the
name lists and the dictionary once a process (timed apart). Then, as ``pii_clean``, what is found
in comments that hold no personal data (`clean_case`).
"""

from __future__ import annotations

import csv
import json
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.bench.harness import measure

SIZES = (2_000,)
QUICK_SIZES = (300,)
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
POLIS = SHARED / "polis"

# People of many origins, as comments to a consultation in Britain, New Zealand, the United
# States or Japan name them; written for this benchmark only.
_EN_PEOPLE = (
    ("Sarah", "Thompson"),
    ("James", "O'Connor"),
    ("Priya", "Patel"),
    ("Mohammed", "Al-Hassan"),
    ("Aroha", "Ngata"),
    ("Wei", "Zhang"),
    ("Chloe", "Martin"),
    ("Daniel", "Kim"),
    ("Olumide", "Adeyemi"),
    ("Fiona", "MacLeod"),
    ("Tom", "Hughes"),
    ("Ana", "Sousa"),
    ("Liam", "Walsh"),
    ("Hannah", "Becker"),
    ("Rajesh", "Kumar"),
    ("Grace", "Okafor"),
    ("Ethan", "Rivera"),
    ("Sophie", "Dubois"),
    ("Kenji", "Watanabe"),
    ("Marta", "Nowak"),
    ("Jack", "Robinson"),
    ("Amelia", "Clarke"),
    ("Tane", "Parata"),
    ("Ruth", "Goldberg"),
    ("Carlos", "Mendoza"),
    ("Emily", "Carter"),
    ("Ben", "Taylor"),
    ("Nadia", "Rahman"),
    ("Isla", "Fraser"),
    ("Oscar", "Lindqvist"),
    ("Siobhan", "Byrne"),
    ("Kwame", "Mensah"),
    ("Lucy", "Green"),
    ("Harry", "Baker"),
    ("Mia", "Wong"),
    ("Dylan", "Evans"),
)
_JA_PEOPLE = (
    ("佐藤", "健一"),
    ("鈴木", "美咲"),
    ("高橋", "大輔"),
    ("田中", "陽子"),
    ("伊藤", "翔太"),
    ("渡辺", "真由美"),
    ("山本", "浩二"),
    ("中村", "あゆみ"),
    ("小林", "誠"),
    ("加藤", "由紀"),
    ("吉田", "拓也"),
    ("山口", "恵"),
    ("松本", "隆"),
    ("井上", "さくら"),
    ("木村", "達也"),
    ("林", "美穂"),
    ("斎藤", "学"),
    ("清水", "千尋"),
    ("山崎", "亮"),
    ("森", "彩花"),
    ("池田", "直樹"),
    ("橋本", "舞"),
    ("阿部", "悠斗"),
    ("石川", "奈々"),
    ("前田", "剛"),
)

# Japanese people as English comments write them, in Latin letters, given name first.
_ROMANISED_JA_PEOPLE = (
    ("Haruka", "Nishimura"),
    ("Ryota", "Matsuda"),
    ("Kaori", "Inoue"),
    ("Shinji", "Ogawa"),
    ("Emi", "Fujita"),
    ("Kazuki", "Mori"),
    ("Natsumi", "Hayashi"),
    ("Takumi", "Endo"),
    ("Megumi", "Aoki"),
    ("Yusuke", "Kondo"),
    ("Chihiro", "Sasaki"),
    ("Kenta", "Murakami"),
)

# Residents of Japan from abroad, as they write their names in katakana.
_KATAKANA_PEOPLE = (
    "ジョン・スミス",
    "マリア・サントス",
    "グエン・ヴァン・アン",
    "アフマド・カーン",
    "エミリー・ブラウン",
    "ラジェシュ・クマール",
    "アナ・ゴメス",
    "オリビア・マルティン",
    "ホセ・ガルシア",
    "チャン・ティ・マイ",
    "ダニエル・キム",
    "ソフィア・ロッシ",
)

# Settings: (kind, setting, template). In a template, {full}, {first}, {last} are a person's
# names and {value} another kind's value; the planted span is the one in double braces.
_EN_SETTINGS = (
    ("person_name", "self", "My name is [[{full}]] and I live near the station."),
    ("person_name", "self", "I'm [[{full}]], a parent of two."),
    ("person_name", "sign_off", "Kind regards,\n[[{full}]]"),
    ("person_name", "title", "Dr [[{last}]] at our surgery has the same worry."),
    ("person_name", "third_party", "I spoke to [[{full}]] at the council about this last week."),
    ("person_name", "third_party", "My neighbour [[{full}]] was stopped twice in one month."),
    ("person_name", "third_party", "[[{full}]] from our street runs the youth club."),
    (
        "person_name",
        "third_party",
        "According to [[{full}]], who chairs the residents' group, it failed.",
    ),
    ("person_name", "third_party", "Ask [[{full}]] what happened to her son."),
    ("person_name", "japanese", "[[{ja_full}]], who runs the shop by the station, agrees."),
    ("person_name", "japanese", "I asked [[{ja_full}]] at the ward office about the cameras."),
    ("person_name", "family", "My son [[{first}]] is fourteen and he was misidentified."),
    ("person_name", "family", "My wife, [[{first}]], feels the same."),
    ("email", "contact", "You can reach me at [[{value}]]."),
    ("phone", "contact", "Call me on [[{value}]] if you need more."),
    ("postal_code", "contact", "We live at postcode [[{value}]]."),
    ("address", "contact", "I live at [[{value}]] and the camera faces my window."),
    ("url_id", "contact", "My profile is at [[{value}]]."),
    ("email", "disguised", "Write to [[{disguised_email}]] for the survey results."),
    ("handle", "contact", "I post about this as [[{handle}]] on most platforms."),
)
_JA_SETTINGS = (
    ("person_name", "self", "[[{full}]]と申します。"),
    ("person_name", "self", "私は[[{full}]]です。"),
    ("person_name", "sign_off", "以上、[[{full}]]"),
    ("person_name", "third_party", "隣に住む[[{full}]]さんもカメラに誤認されました。"),
    ("person_name", "third_party", "町内会の[[{last}]]さんに相談しました。"),
    ("person_name", "third_party", "[[{full}]]氏の意見に賛成です。"),
    ("person_name", "third_party", "友人の[[{full}]]も同じ考えです。"),
    ("person_name", "family", "息子の[[{first}]]は中学生です。"),
    ("person_name", "family", "娘の[[{first}]]ちゃんも駅を使います。"),
    ("email", "contact", "連絡先：[[{value}]]"),
    ("phone", "contact", "[[{value}]]までご連絡ください。"),
    ("postal_code", "contact", "[[{value}]]に住んでいます。"),
    ("address", "contact", "自宅は[[{value}]]です。"),
    ("my_number", "contact", "マイナンバーは[[{value}]]です。"),
    ("url_id", "contact", "詳しくは[[{value}]]をご覧ください。"),
    ("person_name", "self", "[[{last}]]と申します。"),
    ("person_name", "foreign_self", "[[{katakana}]]と申します。"),
    ("person_name", "foreign_third_party", "同僚の[[{katakana}]]さんは駅で止められました。"),
    ("person_name", "foreign_sign_off", "以上、[[{katakana}]]"),
    ("email", "disguised", "ご意見は[[{disguised_email}]]までお寄せください。"),
    ("handle", "contact", "Xでは[[{handle}]]で発信しています。"),
    ("handle", "line_id", "LINEのIDは[[{line_id}]]です。"),
)


def _my_number(rng: random.Random) -> str:
    from consult.analysis.pii import my_number_is_valid

    while True:
        digits = "".join(str(rng.randrange(10)) for _ in range(12))
        if my_number_is_valid(digits):
            return f"{digits[:4]} {digits[4:8]} {digits[8:]}"


def _value(kind: str, language: str, rng: random.Random) -> str:
    n = rng.randrange
    if kind == "email":
        user = rng.choice(("taro", "k.sato", "jsmith", "aroha.n", "mw", "parent"))
        return f"{user}{n(100)}@{rng.choice(('example.com', 'mail.example.jp', 'ex.co.uk'))}"
    if kind == "phone":
        if language == "ja":
            return rng.choice(
                (
                    f"090-{n(10000):04}-{n(10000):04}",
                    f"03-{n(10000):04}-{n(10000):04}",
                    f"０８０－{n(10000):04}－{n(10000):04}".translate(_WIDE),
                    # In kanji numerals, as vertical writing has them.
                    f"090‐{n(10000):04}‐{n(10000):04}".translate(_KANJI),
                )
            )
        return rng.choice(
            (
                f"07700 {n(1000000):06}",
                f"+44 20 7946 {n(10000):04}",
                f"(555) {n(1000):03}-{n(10000):04}",
            )
        )
    if kind == "postal_code":
        if language == "ja":
            return f"〒{n(1000):03}-{n(10000):04}"
        return rng.choice(("SW1A 1AA", "M1 1AE", "EH1 2NG", "B33 8TH"))
    if kind == "address":
        if language == "ja":
            return rng.choice(
                (
                    "東京都千代田区永田町1-7-1",
                    "大阪府大阪市北区梅田3丁目1番1号",
                    "神奈川県横浜市中区本町6-50-10",
                )
            )
        return f"{n(1, 200)} {rng.choice(('Baker', 'Station', 'Elm', 'Victoria'))} " + rng.choice(
            ("Street", "Road", "Avenue", "Lane")
        )
    if kind == "my_number":
        return _my_number(rng)
    if kind == "url_id":
        return rng.choice(
            (
                f"https://twitter.com/user{n(10000)}",
                f"https://example.com/profile?id={n(10**6)}",
                f"https://www.facebook.com/people/p{n(10**8)}",
            )
        )
    raise ValueError(kind)


_KANJI = str.maketrans("0123456789", "〇一二三四五六七八九")
_WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


def _sentences(text: str, language: str) -> list[str]:
    """``text`` cut after each full stop (kept), so a sentence can go between two."""
    stops = "。！？" if language == "ja" else ".!?"
    pieces, start = [], 0
    for index, char in enumerate(text):
        if char in stops and (language == "ja" or index + 1 == len(text) or text[index + 1] == " "):
            pieces.append(text[start : index + 1])
            start = index + 1
    if start < len(text):
        pieces.append(text[start:])
    return pieces or [text]


def plant(text: str, language: str, rng: random.Random) -> tuple[str, dict[str, Any]]:
    """``text`` with one planted sentence, and what was planted where."""
    kind, setting, template = rng.choice(_EN_SETTINGS if language == "en" else _JA_SETTINGS)
    last, first = rng.choice(_JA_PEOPLE) if language == "ja" else rng.choice(_EN_PEOPLE)[::-1]
    full = f"{last}{first}" if language == "ja" else f"{first} {last}"
    value = _value(kind, language, rng) if "{value}" in template else ""
    user = rng.choice(("taro", "k.sato", "jsmith", "aroha.n", "hanako_y", "parent"))
    domain = rng.choice(("example.com", "mail.example.jp", "ex.co.uk"))
    at = rng.choice(("[at]", "(at)", " [at] ", "＠", "★", "☆", " あっと ", "(a)"))
    sentence = template.format(
        full=full,
        first=first,
        last=last,
        value=value,
        disguised_email=f"{user}{rng.randrange(100)}{at}{domain}",
        handle=f"@{user.replace('.', '_')}{rng.randrange(1000)}",
        line_id=f"{user.replace('.', '_')}{rng.randrange(1000)}",
        katakana=rng.choice(_KATAKANA_PEOPLE),
        ja_full=" ".join(rng.choice(_ROMANISED_JA_PEOPLE)),
    )
    pieces = _sentences(text, language)
    at = rng.randrange(len(pieces) + 1)
    if setting.endswith("sign_off"):
        at = len(pieces)
    joiner = "" if language == "ja" else " "
    before = joiner.join(p.strip() for p in pieces[:at])
    after = joiner.join(p.strip() for p in pieces[at:])
    if setting.endswith("sign_off") and before:
        before += "\n\n"
    elif before:
        before += joiner
    if after:
        sentence += joiner
    planted_start = len(before) + sentence.index("[[")
    clean = sentence.replace("[[", "").replace("]]", "")
    planted_end = planted_start + len(sentence[sentence.index("[[") + 2 : sentence.index("]]")])
    return before + clean + after, {
        "kind": kind,
        "setting": setting,
        "start": planted_start,
        "end": planted_end,
    }


def base_texts(language: str, n: int, seed: int) -> list[str]:
    if language == "en":
        texts = []
        for path in sorted(POLIS.glob("*/comments.csv")):
            with path.open(encoding="utf-8") as handle:
                texts += [r["comment-body"] for r in csv.DictReader(handle) if r["comment-body"]]
        return texts[:n]  # every comment once, at most
    from consult.demo.corpus import TOPICS, generate_comments

    generated = generate_comments(
        topic=TOPICS[0], n=2 * n, seed=seed, form_letter_share=0.0, ja_share=1.0
    )
    return [c.text for c in generated if not c.has_pii][:n]  # the generator plants some itself


def clean_case(*, n: int, language: str) -> tuple[Callable[[], Any], Callable[[Any], dict]]:
    """Personal data found in comments that hold none: generated English comments on every demo
    topic (less those the generator planted some in), the gambling set's 100 responses and the
    labelled stance sets of this folder (English and Japanese)."""

    def setup() -> list[str]:
        from consult.demo.corpus import TOPICS, generate_comments

        texts = []
        for topic in TOPICS:
            generated = generate_comments(
                topic=topic, n=n, seed=9, form_letter_share=0.0, ja_share=0.0
            )
            texts += [c.text for c in generated if not c.has_pii]
        gambling = SHARED / "themefinder-gambling-xs" / "inputs" / "question_part_1"
        rows = (gambling / "responses.jsonl").read_text(encoding="utf-8").splitlines()
        texts += [json.loads(row)["response"] for row in rows if row]
        for path in sorted(Path(__file__).parent.glob("data/*_stance.jsonl")):
            lines = path.read_text(encoding="utf-8").splitlines()
            texts += [json.loads(line)["text"] for line in lines if line]
        return texts

    def run(texts: list[str]) -> dict[str, Any]:
        from consult.analysis.pii import find_pii

        found = Counter(f"{span.kind}: {span.text}" for text in texts for span in find_pii(text))
        return {
            "texts": len(texts),
            "found": sum(found.values()),
            "found_sample": found.most_common(25),
        }

    return setup, run


def pii_case(*, n: int, language: str) -> tuple[Callable[[], Any], Callable[[Any], dict]]:
    first_call: list[float] = []

    def setup() -> list[tuple[str, dict[str, Any] | None]]:
        from consult.analysis.pii import find_pii

        started = time.perf_counter()
        find_pii("Loading the name lists and the dictionary, once a process: Sarah Thompson.")
        first_call.append(time.perf_counter() - started)
        rng = random.Random(11)
        cases: list[tuple[str, dict[str, Any] | None]] = []
        for index, text in enumerate(base_texts(language, n, seed=5)):
            if index % 2:
                cases.append(plant(text, language, rng))
            else:
                cases.append((text, None))
        return cases

    def run(cases: list[tuple[str, dict[str, Any] | None]]) -> dict[str, Any]:
        from consult.analysis.pii import find_pii

        started = time.perf_counter()
        found = [find_pii(text) for text, _ in cases]
        wall = time.perf_counter() - started
        planted: Counter[str] = Counter()
        covered: Counter[str] = Counter()
        kind_right: Counter[str] = Counter()
        by_setting: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        stray: Counter[str] = Counter()
        stray_sample: list[str] = []
        misses: list[str] = []
        unplanted = 0
        for (text, item), spans in zip(cases, found, strict=True):
            if item is None:
                unplanted += 1
            for span in spans:
                if item is None or span.end <= item["start"] or span.start >= item["end"]:
                    stray[span.kind] += 1
                    if len(stray_sample) < 25:
                        stray_sample.append(f"{span.kind}: {span.text}")
            if item is None:
                continue
            chars = set(range(item["start"], item["end"]))
            hit = [s for s in spans if s.start < item["end"] and s.end > item["start"]]
            for span in hit:
                chars -= set(range(span.start, span.end))
            key = item["kind"]
            planted[key] += 1
            by_setting[f"{key}/{item['setting']}"][1] += 1
            if not chars:
                covered[key] += 1
                by_setting[f"{key}/{item['setting']}"][0] += 1
                kind_right[key] += any(s.kind == key for s in hit)
            elif len(misses) < 15:
                misses.append(text[item["start"] : item["end"]])
        total_planted, total_covered = sum(planted.values()), sum(covered.values())
        return {
            "texts": len(cases),
            "texts_per_s": round(len(cases) / wall),
            "first_call_s": round(first_call[0], 3),
            "recall": round(total_covered / max(total_planted, 1), 3),
            "recall_by_kind": {k: round(covered[k] / planted[k], 3) for k in sorted(planted)},
            "recall_by_setting": {
                k: f"{hit}/{total}" for k, (hit, total) in sorted(by_setting.items())
            },
            "kind_named_right": round(sum(kind_right.values()) / max(total_covered, 1), 3),
            "stray_per_1000_texts": round(1000 * sum(stray.values()) / len(cases), 1),
            "stray_by_kind": dict(sorted(stray.items())),
            "stray_sample": stray_sample,
            "missed_sample": misses,
        }

    return setup, run


def main(sizes: tuple[int, ...] | None = None) -> None:
    for n in sizes or SIZES:
        for language in ("en", "ja"):
            measure("tests.bench.bench_pii:pii_case", bench="pii", n=n, language=language)
        measure("tests.bench.bench_pii:clean_case", bench="pii_clean", n=2 * n, language="en")
