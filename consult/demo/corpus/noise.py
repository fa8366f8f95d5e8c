"""Cheap text perturbations: typos, word swaps, full-/half-width changes and planted PII.

Every function takes a ``getrandbits``-style callable so that the caller's random stream (and
with it the generator's determinism) is the only source of randomness.
"""

from __future__ import annotations

from collections.abc import Callable

Bits = Callable[[int], int]

_FULLWIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}
_FULLWIDTH[0x20] = 0x3000
_HALFWIDTH = {code + 0xFEE0: code for code in range(0x21, 0x7F)}
_HALFWIDTH[0x3000] = 0x20
_TO_FULL = str.maketrans(_FULLWIDTH)
_TO_HALF = str.maketrans(_HALFWIDTH)
# Japanese writers mostly switch digits, Latin letters and a few symbols, not punctuation.
_JA_TO_FULL = str.maketrans(
    {code: code + 0xFEE0 for code in range(0x21, 0x7F) if chr(code).isalnum() or chr(code) in "%."}
)

TYPOS: dict[str, tuple[tuple[str, str], ...]] = {
    "ja": (
        ("正確", "性格"),
        ("機会", "機械"),
        ("検討", "健闘"),
        ("保障", "保証"),
        ("関心", "感心"),
        ("必要", "必用"),
        ("以外", "意外"),
        ("公開", "後悔"),
        ("意思", "意志"),
        ("ください", "くださいい"),
        ("思います", "おもいます"),
        ("、", ","),
        ("。", "．"),
        ("ない", "なぃ"),
        ("です", "ですう"),
        ("という", "とうい"),
    ),
    "en": (
        ("the ", "teh "),
        ("their", "there"),
        ("it's", "its"),
        ("don't", "dont"),
        ("I'm", "Im"),
        ("government", "goverment"),
        ("privacy", "privacey"),
        ("because", "becuase"),
        ("should", "shuold"),
        ("which", "wich"),
        ("people", "poeple"),
        ("would", "woud"),
        ("really", "realy"),
        (". ", ".  "),
        (", ", " ,"),
        ("I ", "i "),
    ),
}

SWAPS: dict[str, tuple[tuple[str, str], ...]] = {
    "ja": (
        ("強く", "断固として"),
        ("反対します", "反対いたします"),
        ("賛成します", "賛成いたします"),
        ("求めます", "要望します"),
        ("思います", "考えます"),
        ("考えます", "思います"),
        ("非常に", "とても"),
        ("速やかに", "早急に"),
        ("十分に", "しっかりと"),
        ("私は、", "わたしは、"),
        ("私たちは", "わたしたちは"),
        ("ください", "下さい"),
        ("すべき", "するべき"),
        ("市民", "国民"),
        ("本方針案", "この方針案"),
        ("本計画案", "この計画案"),
        ("本案", "この案"),
        ("撤回", "白紙撤回"),
        ("ではないでしょうか", "ではないか"),
        ("分かりません", "わかりません"),
    ),
    "en": (
        ("strongly", "firmly"),
        ("I call on", "I urge"),
        ("I ask", "I request"),
        ("withdraw", "scrap"),
        ("This draft", "The draft"),
        ("I oppose", "I am opposed to"),
        ("I support", "I am in favour of"),
        ("must", "should"),
        ("I am ", "I'm "),
        ("do not", "don't"),
        ("cannot", "can't"),
        ("Government", "government"),
        ("the public", "the people"),
        ("serious", "grave"),
        ("Please", "Kindly"),
        ("properly", "fully"),
        ("huge", "enormous"),
        ("far too", "much too"),
    ),
}


def typo(text: str, language: str, bits: Bits) -> str:
    """Introduce one realistic slip: a known mis-conversion or misspelling, else a keystroke."""
    table = TYPOS[language]
    start = bits(8) % len(table)
    for step in range(4):
        wrong, replacement = table[(start + step) % len(table)]
        if wrong in text:
            return text.replace(wrong, replacement, 1)
    if len(text) < 4:
        return text
    position = 1 + bits(16) % (len(text) - 2)
    if bits(1):
        return text[:position] + text[position] + text[position:]  # a doubled key
    return text[:position] + text[position + 1] + text[position] + text[position + 2 :]


def swap_words(text: str, language: str, bits: Bits) -> str:
    """Replace one word or phrase with a near-synonym, as people editing a template do."""
    table = SWAPS[language]
    start = bits(8) % len(table)
    for step in range(len(table)):
        original, replacement = table[(start + step) % len(table)]
        if original in text:
            return text.replace(original, replacement, 1)
    return text


def change_width(text: str, language: str) -> str:
    """Switch character widths the way IME settings do: full width in Japanese, half in English."""
    if language == "ja":
        converted = text.translate(_JA_TO_FULL)
        return converted if converted != text else text.translate(_TO_HALF)
    return text.translate(_TO_HALF).replace(". ", ".  ")


def to_fullwidth(text: str) -> str:
    """Convert every printable ASCII character (and the space) to its full-width form."""
    return text.translate(_TO_FULL)


_JA_SURNAMES = (
    ("佐藤", "Sato"),
    ("鈴木", "Suzuki"),
    ("高橋", "Takahashi"),
    ("田中", "Tanaka"),
    ("伊藤", "Ito"),
    ("渡辺", "Watanabe"),
    ("山本", "Yamamoto"),
    ("中村", "Nakamura"),
    ("小林", "Kobayashi"),
    ("加藤", "Kato"),
    ("吉田", "Yoshida"),
    ("山田", "Yamada"),
)
_JA_GIVEN = (
    ("花子", "hanako"),
    ("太郎", "taro"),
    ("健一", "kenichi"),
    ("美咲", "misaki"),
    ("翔太", "shota"),
    ("陽子", "yoko"),
    ("大輔", "daisuke"),
    ("由美", "yumi"),
)
_EN_SURNAMES = ("Smith", "Johnson", "Brown", "Taylor", "Wilson", "Evans", "Walker", "Clarke")
_EN_GIVEN = ("John", "Mary", "David", "Sarah", "James", "Emma", "Michael", "Laura")
_DOMAINS = ("example.com", "example.jp", "example.net", "example.org", "mail.example.co.jp")
_JA_FRAMES = (
    "連絡先：{email}",
    "ご質問があれば{email}までご連絡ください。",
    "電話：{phone}",
    "詳しくは{phone}（{surname}）までお電話ください。",
    "隣に住む{surname}{given}さんも同じ意見です。",
    "{surname}です。連絡は{phone}にお願いします。",
    "町内会長の{surname}さんにも確認しました。",
)
_EN_FRAMES = (
    "You can reach me at {email}.",
    "My phone number is {phone}.",
    "Contact: {given} {surname}, {email}",
    "My neighbour Mr {surname} feels the same.",
    "Please call me on {phone} if you need details.",
    "Ms {surname} from our residents' association agrees with this.",
)


def _phone(bits: Bits) -> str:
    kind = bits(3)
    a, b = bits(14) % 10000, bits(14) % 10000
    if kind < 3:
        return f"0{(9, 8, 7)[kind]}0-{a:04d}-{b:04d}"
    if kind < 5:
        return f"0{(3, 6)[kind - 3]}-{a:04d}-{b:04d}"
    if kind == 5:
        return f"+81 90 {a:04d} {b:04d}"
    if kind == 6:
        return f"+1 202 555 {b % 100 + 100:04d}"
    return f"+44 20 7946 {b % 1000:04d}"


def pii_sentence(language: str, bits: Bits) -> str:
    """Return a sentence carrying a made-up email address, phone number or personal name."""
    surname_ja, surname_romaji = _JA_SURNAMES[bits(8) % len(_JA_SURNAMES)]
    given_ja, given_romaji = _JA_GIVEN[bits(8) % len(_JA_GIVEN)]
    if bits(1):
        surname_ascii, given_ascii = surname_romaji, given_romaji.capitalize()
    else:
        surname_ascii = _EN_SURNAMES[bits(8) % len(_EN_SURNAMES)]
        given_ascii = _EN_GIVEN[bits(8) % len(_EN_GIVEN)]
    if language == "ja":
        frame = _JA_FRAMES[bits(8) % len(_JA_FRAMES)]
        surname, given = surname_ja, given_ja
        local = f"{given_romaji}.{surname_romaji.lower()}{bits(7)}"
    else:
        frame = _EN_FRAMES[bits(8) % len(_EN_FRAMES)]
        surname, given = surname_ascii, given_ascii
        local = f"{given_ascii.lower()}.{surname_ascii.lower()}{bits(7)}"
    email = f"{local}@{_DOMAINS[bits(8) % len(_DOMAINS)]}"
    return frame.format(email=email, phone=_phone(bits), surname=surname, given=given)
