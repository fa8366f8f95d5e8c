"""Personal-data detection and redaction for Japanese and English comments.

Detectors are regular expressions run over a same-length folded copy of the text (full-width
ASCII to ASCII, dash variants to "-"), so every span is an offset into the ORIGINAL text, plus
Sudachi's 人名 (personal name) tags for Japanese names. Where detectors overlap, the more
specific kind wins (email > url_id > handle > my_number > phone > postal_code > address >
person_name).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from consult.analysis.text import detect_language
from consult.analysis.text.english import word_classes
from consult.analysis.text.japanese import Morpheme, japanese_morphemes

__all__ = [
    "DETECTOR_VERSION",
    "LABELS",
    "PII_KINDS",
    "PiiSpan",
    "find_pii",
    "my_number_is_valid",
    "redact",
]

# Stored with each moderation scan (`ModerationItem.pii_version`): a report trusts a scan that
# found nothing only when this detector made it. Change it whenever what `find_pii` finds changes.
DETECTOR_VERSION = "2026-12.9"

PII_KINDS = (
    "email",
    "url_id",
    "handle",
    "my_number",
    "id_number",
    "phone",
    "postal_code",
    "address",
    "person_name",
)

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "email": "[email]",
        "url_id": "[url]",
        "handle": "[handle]",
        "my_number": "[my number]",
        "id_number": "[id number]",
        "phone": "[phone]",
        "postal_code": "[postcode]",
        "address": "[address]",
        "person_name": "[name]",
    },
    "ja": {
        "email": "［メール］",
        "url_id": "［URL］",
        "handle": "［アカウント］",
        "my_number": "［マイナンバー］",
        "id_number": "［番号］",
        "phone": "［電話番号］",
        "postal_code": "［郵便番号］",
        "address": "［住所］",
        "person_name": "［氏名］",
    },
}


@dataclass(frozen=True, slots=True)
class PiiSpan:
    """Personal data found at ``text[start:end]`` of the original text."""

    start: int
    end: int
    kind: str
    text: str


# One character to one character, so offsets in the folded copy are offsets in the original.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD.update({ord(char): ord("-") for char in "‐‑‒–—―−ーｰ"})
_FOLD[0x3000] = ord(" ")
# Numbers written in kanji numerals, as in vertical text or a hand-written form typed up:
# 〇九〇‐一二三四‐五六七八, 〒一〇〇‐〇〇〇一. A second folded copy maps each numeral to its digit
# (still one character for one), read only by the phone and postcode patterns.
_KANJI_DIGITS = {
    ord(char): ord(str(value))
    for value, chars in enumerate(("〇○零", "一", "二", "三", "四", "五", "六", "七", "八", "九"))
    for char in chars
}
_HAS_KANJI_DIGIT = re.compile("[〇○零一二三四五六七八九]")

_D = r"(?<![\d])"  # not preceded by a digit
_END = r"(?![\d])"  # not followed by a digit
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)
# An address written so that harvesters miss it: taro[at]example.com, taro (at) example dot com,
# taro★example.co.jp, taro あっと example.jp (full-width ＠ is folded to "@" and read above).
_AT_WORD = r"(?:\s?[\[({<](?:at|AT|@|a|アット|あっと)[\])}>]\s?|\s?[★☆]\s?|\s?(?:あっと|アット)\s?)"
_DOT_WORD = r"(?:\.|\s?[\[({<](?:dot|DOT|\.)[\])}>]\s?|\s(?:dot|DOT)\s)"
_AT_MARK = re.compile(r"[\[({<](?:at|AT|@|a|アット|あっと)[\])}>]|[★☆]|あっと|アット")
_DISGUISED_EMAIL = re.compile(
    rf"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+{_AT_WORD}[A-Za-z0-9\-]+"
    rf"(?:{_DOT_WORD}[A-Za-z0-9\-]+)*{_DOT_WORD}[A-Za-z]{{2,}}(?![A-Za-z])"
)
# Spelt out in words: john at example dot com (" at " alone is everyday English, so only with a
# spelt-out " dot " before the domain's last part).
_SPOKEN_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])(?P<user>[A-Za-z0-9._%+\-]+) (?:at|AT) (?P<host>[A-Za-z0-9\-]+)"
    r"(?:(?:\.| (?:dot|DOT) )[A-Za-z0-9\-]+)* (?:dot|DOT) [A-Za-z]{2,}(?![A-Za-z])"
)
# An identity, account or card number given with what it is: "passport number TK1234567",
# "NHS number: 943 476 5919", 運転免許証番号は123456789012. The number must hold digits.
_ID_LABELS_EN = (
    r"passport|driv(?:ing|er'?s) licen[cs]e|licen[cs]e|NHS|national insurance|NI|social security"
    r"|SSN|bank account|account|credit card|debit card|card|customer|membership|member|student"
    r"|employee|staff|patient|health insurance|insurance policy|policy|pension|tax|residence card"
)
_ID_NUMBER = re.compile(
    rf"(?<![A-Za-z])(?:(?i:{_ID_LABELS_EN})) ?(?i:number|no\.?|num|#|id)"
    r"(?: ?(?:is|:|=|-))? ?(?P<id>[A-Za-z0-9](?:[A-Za-z0-9]|[ \-](?=[A-Za-z0-9])){4,24})"
    r"(?![A-Za-z0-9])"
    r"|(?:旅券|パスポート|運転免許証?|免許証|保険証|被保険者|基礎年金|年金|口座|カード|会員|学籍|社員"
    r"|職員|受給者|患者|診察券|住民票コード|在留カード|納税者)(?:の)?(?:番号|記号番号|ID|ＩＤ|コード)"
    r"(?:は|:|：|＝|=)?\s?(?P<id_ja>[A-Za-z0-9](?:[A-Za-z0-9]|[ \-](?=[A-Za-z0-9])){4,24})"
    r"(?![A-Za-z0-9])"
)
# Written in their own form without a label: a US Social Security number (123-45-6789), a UK
# National Insurance number (QQ 12 34 56 C) and a payment card number (13 to 19 digits in groups,
# with a valid Luhn check digit).
_SSN = re.compile(_D + r"\d{3}-\d{2}-\d{4}" + _END)
_NI = re.compile(
    r"(?<![A-Za-z0-9])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])"
)
_CARD = re.compile(_D + r"\d{4}(?:[ \-]?\d{4}){2}[ \-]?\d{1,7}" + _END)


def _luhn(digits: str) -> bool:
    total = 0
    for n, char in enumerate(reversed(digits)):
        value = int(char) * (2 if n % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


# A social-media handle (@taro_yamada, not the "@" inside an email address or a URL) and an ID
# given for a messaging service (LINEのIDは taro_123, Skype: jsmith.uk).
_HANDLE = re.compile(r"(?<![A-Za-z0-9._%+\-@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
_MESSAGING_ID = re.compile(
    r"(?:LINE|Line|ライン|Skype|Discord|Telegram|WeChat|Kakao(?:Talk)?|Signal)\s?(?:の)?\s?"
    r"(?:ID|Id|id|アカウント|username|name)?\s?(?:[:=]|は|is)\s?"
    r"(?P<id>[A-Za-z0-9_][A-Za-z0-9_.\-]{2,29})(?![A-Za-z0-9_.\-])"
)
_URL = re.compile(
    r"(?:https?://|www\.|(?<![\w.@/])(?:twitter|x|facebook|instagram|tiktok|linkedin|youtube)\.com/)"
    r"[^\s<>\"'、。「」）)]+",
    re.IGNORECASE,
)
_URL_ID = re.compile(
    r"[?&][^=\s]+=|/(?:users?|u|profiles?|members?|accounts?|people|id)/[^/\s]+|/[~@][\w.\-]+"
    r"|(?:twitter|x|facebook|instagram|tiktok|linkedin|youtube)\.com/(?!home|search)[\w.\-@]+"
    r"|/\d{5,}(?:/|$)|/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-",
    re.IGNORECASE,
)
# Twelve digits, never part of a longer group of numbers (a payment card's).
_MY_NUMBER = re.compile(r"(?<!\d)(?<!\d[ \-])\d{4}[ \-]?\d{4}[ \-]?\d{4}(?!\d|[ \-]\d)")
_PHONES = [
    # Japanese landline, mobile and free-dial with separators: 03-1234-5678, 090-1234-5678,
    # 0120-123-456, 03(1234)5678.
    re.compile(_D + r"0\d{1,4}(?: ?- ?| )\d{1,4}(?: ?- ?| )\d{3,4}" + _END),
    re.compile(_D + r"0\d{1,4}\(\d{1,4}\)\d{3,4}" + _END),
    # The area code in brackets: (03) 1234-5678, (0466) 12-3456.
    re.compile(r"\(0\d{1,4}\) ?\d{1,4}-\d{3,4}" + _END),
    # With full stops: 080.1234.5678 (the same on both sides, so no date or version reads so).
    re.compile(_D + r"0\d{1,4}\.\d{1,4}\.\d{3,4}" + _END),
    # Without separators: mobiles and IP phones (11 digits), free-dial, landlines (10 digits).
    re.compile(_D + r"0[5789]0\d{8}" + _END),
    re.compile(_D + r"0(?:120\d{6}|800\d{7}|[1-9]\d{8})" + _END),
    # UK mobiles written nationally: 07700 900123, 07700900123.
    re.compile(_D + r"07\d{3} ?\d{6}" + _END),
    # International: +81 3-1234-5678, +44 20 7946 0958, +1 (555) 123-4567.
    re.compile(r"\+\d{1,3}(?:[ \-.]?\(?\d{1,5}\)?){2,5}" + _END),
    # The same dialled from abroad with 00 for the +: 0044 20 7946 0958.
    re.compile(_D + r"00[1-9]\d{0,2}(?:[ \-.]?\(?\d{1,5}\)?){2,5}" + _END),
    # North American: (555) 123-4567, 555-123-4567.
    re.compile(_D + r"(?:\(\d{3}\) ?|\d{3}[\-.])\d{3}[\-.]\d{4}" + _END),
]
_PREFECTURE = (
    "北海道|東京都|京都府|大阪府|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県"
    "|埼玉県|千葉県|神奈川県|新潟県|富山県|石川県|福井県|山梨県|長野県|岐阜県|静岡県|愛知県|三重県"
    "|滋賀県|兵庫県|奈良県|和歌山県|鳥取県|島根県|岡山県|広島県|山口県|徳島県|香川県|愛媛県|高知県"
    "|福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|鹿児島県|沖縄県"
)
_POSTAL = [
    re.compile(r"〒 ?\d{3}-?\d{4}" + _END),
    re.compile(
        r"(?:郵便番号|postcode|post code|zip(?: code)?)(?: is)?[:： ]*"
        r"(?P<code>\d{3}-?\d{4}|\d{5}(?:-\d{4})?)" + _END,
        re.IGNORECASE,
    ),
    re.compile(_D + r"\d{3}-\d{4}(?= ?(?:" + _PREFECTURE + "))"),
    re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}(?![A-Za-z0-9])"),  # SW1A 1AA
]
_NAME_CHARS = "一-龥々〆ヶぁ-んァ-ヴ\\-"
_KANJI_NUMBER = "[一二三四五六七八九十〇]{1,4}"
_N = r"\d{1,5}"
# What may follow 丁目: 1番2号, 1番地の2, 1-2, or a lone number.
_LOT = rf"{_N}(?:番地?(?:[-の]?{_N}号?)?|号|(?:-{_N}){{0,2}})"
# A block number is written in a form prose does not use: with 丁目 or 番地, as 番 followed by a
# number (1番2号), or as two to four numbers joined by hyphens (1-2-3). "1番" or "3号" alone is
# an ordinal (この都市の1番の問題), and a hyphenated range followed by a counter is a range
# (3-4割, 2020-2021年). The number must end where the digits and hyphens end, so a longer
# number is never redacted in part.
_BLOCK_NUMBER = (
    rf"(?:(?:{_N}|{_KANJI_NUMBER})丁目(?:{_LOT})?"
    # Sapporo and other Hokkaido towns number their streets: 北1条西2丁目, 4条通8丁目.
    rf"|(?:{_N}|{_KANJI_NUMBER})条通?[東西南北]?(?:{_N}|{_KANJI_NUMBER})丁目(?:{_LOT})?"
    rf"|(?:{_N}|{_KANJI_NUMBER})番地(?:[-の]?{_N}号?)?"
    rf"|{_N}番{_N}号?"
    rf"|{_N}(?:-{_N}){{1,3}}(?:号|(?![年月日時分秒割人件円歳回倍位点%]))"
    r")(?![\d\-])"
)
# Every repetition is bounded and none is nested, so no input can make the search backtrack
# more than a few hundred steps per position. Without a prefecture, the place name before the
# city / ward / town / village must be kanji or katakana, so a sentence's opening words
# (私は, 住所は) are not swallowed into the address.
_ADDRESS_JA = re.compile(
    f"(?:{_PREFECTURE})[{_NAME_CHARS}]{{1,24}}?{_BLOCK_NUMBER}"
    f"|[一-龥々ヶケァ-ヴー]{{1,10}}?[市区町村郡][{_NAME_CHARS}]{{0,14}}?{_BLOCK_NUMBER}"
)
_STREET_TYPES = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Place|Pl|Court|Ct|Crescent"
    "|Terrace|Boulevard|Blvd|Square|Sq|Gardens|Hill|Row|Mews|Parade|Grove|Highway|Hwy"
)
_ADDRESS_EN = re.compile(
    r"(?<![A-Za-z0-9.,])(?:(?:Flat|Apt|Apartment|Unit) \d+[A-Za-z]?,? )?"
    r"\d{1,5}[A-Za-z]?,? (?:(?:Flat|Apt|Unit) \d+,? )?(?:[A-Z][a-z]+(?:'s)? ){1,3}"
    rf"(?:{_STREET_TYPES})\b\.?(?:,? (?:[A-Z][a-z]+ ?){{1,2}}(?=[,.\n]|$))?"
)
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
# A capitalised word, with an inner capital (McDonald, MacArthur, DeVito), an O' or D' prefix
# (O'Brien) or a hyphen (Smith-Jones); it must end where the word ends, so a name is never
# redacted in part.
_NAME_PART = f"[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?"
_NAME_WORD = f"(?:[{_UPPER}]')?{_NAME_PART}(?:-{_NAME_PART})?(?![{_UPPER}{_LOWER}])"
_NOT_NAMES = frozenset(
    re.findall(
        r"\S+",
        "I The A An And Not Very So Just Also Japanese English British American Japan Tokyo Sorry "
        "Writing Concerned Worried Against Opposed Happy Glad Here Strongly Deeply Of From In "
        "Council Department Office Team Service Services Ministry Committee Agency Authority "
        "Please Dear Thanks Regards Wishes Sincerely Faithfully Truly Cheers Best Kind Warm",
    )
)
# Latin-script boundaries written out: "\b" sees no boundary between Japanese and Latin letters.
_B = r"(?<![A-Za-z])"
_NAMES_EN = [
    re.compile(rf"{_B}(?:[Mm]y name is|[Nn]ame:)\s+(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{0,2}})"),
    re.compile(rf"{_B}(?:I'm|I am|This is)\s+(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{1,2}})"),
    re.compile(rf"{_B}[Cc]ontact(?: person)?:\s*(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{1,2}})"),
    re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.? (?P<name>{_NAME_WORD}(?: {_NAME_WORD})?)"),
    re.compile(
        r"(?:Regards|Best regards|Kind regards|Warm regards|Sincerely|Yours sincerely|"
        r"Yours faithfully|Yours truly|Best wishes|Best|Thanks|Thank you|Cheers),?\s*"
        rf"(?:-\s*)?(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{0,2}})\s*(?:\.\s*)?$"
    ),
    re.compile(rf"(?:^|(?<=\n))[ \t]*--? ?(?P<name>{_NAME_WORD} {_NAME_WORD})\s*\Z"),
]
# Someone the writer names by their relation to them: "my son Jack", "our neighbour, Sarah
# Thompson". A capitalised word there is a name whatever else it may mean ("my son Will").
_RELATIONS_EN = (
    "son|daughter|child|kid|baby|boy|girl|stepson|stepdaughter|wife|husband|partner|boyfriend"
    "|girlfriend|fiancée?|mum|mom|mother|dad|father|brother|sister|grandson|granddaughter"
    "|grandchild|grandmother|grandfather|grandma|grandpa|nan|gran|uncle|aunt|auntie|niece"
    "|nephew|cousin|friend|neighbour|neighbor|colleague|classmate|flatmate|roommate|carer|teacher"
)
_RELATIVE_EN = re.compile(
    rf"{_B}(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir) (?:[a-z]+(?:-[a-z]+)* )?(?:{_RELATIONS_EN}),? "
    rf"(?P<name>{_NAME_WORD}(?: {_NAME_WORD})?)"
)
# Runs of capitalised words, in which a given name followed by a family name is a person's name
# ("I spoke to Priya Patel at the council"); see `_full_names_en`.
_CAPITALISED_RUN = re.compile(rf"{_B}{_NAME_WORD}(?: {_NAME_WORD})+")
# Words that make a run of capitalised words a place or a body, not a person, wherever they
# stand in it: "Victoria Station", "Lincoln Park", "Jordan Valley", "Grace Church".
_PLACES_AND_BODIES = frozenset(
    re.findall(
        r"\S+",
        _STREET_TYPES.replace("|", " ")
        + " Station Park Valley Beach Bay Island Islands River Lake Mountain Mount Hills Heights "
        "City Town Village County State States Province District Borough Centre Center Mall "
        "Airport Port Harbour Harbor Bridge Tower Hall House Palace Castle Abbey Cathedral Church "
        "Chapel Mosque Temple School College University Academy Institute Hospital Clinic "
        "Surgery Library Museum Gallery Theatre Theater Stadium Arena Club Society Foundation "
        "Trust Fund Association Union Party Group Council Committee Commission Department Office "
        "Ministry Agency Authority Police Constabulary Force Army Navy Court Tribunal Parliament "
        "Government Company Corporation Ltd Limited Inc Bank Post Times News Herald Journal "
        "Act Bill Law Report Review Plan Strategy Programme Program Project Scheme Day Award "
        "Golf Course Field Fields Ground Grounds Pool Market Shop Store Restaurant Cafe Hotel Inn "
        "Pub Farm Forest Wood Woods Reserve Trail "
        "Co Corp Govt Gov Dept Uni "
        "North South East West Northern Southern Eastern Western Central Upper Lower Greater "
        "Los Las San Santa Saint Fort New Old "
        # States and nations, which follow a town's name ("Fort Worth Texas").
        "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida "
        "Georgia Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland "
        "Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Hampshire "
        "Jersey Mexico York Carolina Dakota Ohio Oklahoma Oregon Pennsylvania Rhode Tennessee "
        "Texas Utah Vermont Virginia Washington Wisconsin Wyoming England Scotland Wales Ireland "
        "Britain Zealand Australia Canada America Japan China Taiwan Korea "
        # Places of China whose romanised syllables are also names' ("Hong Kong").
        "Kong Beijing Shanghai Taipei Macau Macao Shenzhen Guangzhou Wuhan Tianjin Chengdu "
        "Chongqing Nanjing Hangzhou Xinjiang Tibet Seoul Busan",
    )
)


@cache
def _name_list(which: str) -> frozenset[str]:
    """Given or family names in Latin script (``data/<which>_names.txt``, built from Faker's
    person providers by ``scripts/build_name_lists.py``), shipped with the package."""
    path = files("consult.analysis").joinpath(f"data/{which}_names.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def _family_name(word: str) -> bool:
    """Whether ``word``, the word after a given name, can be a family name: a known one, or a
    word no English dictionary knows ("Okafor", "Ngata"); not a place or a body."""
    if word in _PLACES_AND_BODIES or word in _NOT_NAMES:
        return False
    return word in _name_list("family") or not word_classes(word.lower())


# Japanese names written in Latin letters (Yuki Tanaka, Tanaka Yuki) are made of Hepburn
# syllables only: ka, shi, tsu, kyo, a syllabic n, a doubled consonant (Hattori, Kitta).
_HEPBURN = re.compile(
    r"(?:(?:(?:kk|ss|tt|pp|[kgsztdnhbpmr])y?|ssh|sh|tch|ch|tts|ts|j|f|w|y)?[aiueo]|n)+"
)
# Places of Japan a pair of such words may name: prefectures, cities, districts, and the words
# that follow a place's name.
_JAPANESE_PLACES = frozenset(
    re.findall(
        r"\S+",
        "Hokkaido Aomori Iwate Miyagi Akita Yamagata Fukushima Ibaraki Tochigi Gunma Saitama Chiba "
        "Tokyo Kanagawa Niigata Toyama Ishikawa Fukui Yamanashi Nagano Gifu Shizuoka Aichi Mie "
        "Shiga Kyoto Osaka Hyogo Nara Wakayama Tottori Shimane Okayama Hiroshima Yamaguchi "
        "Tokushima Kagawa Ehime Kochi Fukuoka Saga Nagasaki Kumamoto Oita Miyazaki Kagoshima "
        "Okinawa Yokohama Nagoya Sapporo Kobe Sendai Kawasaki Kitakyushu Sakai Hamamatsu Naha "
        "Shinjuku Shibuya Ginza Akihabara Roppongi Ikebukuro Harajuku Asakusa Ueno Shinagawa "
        "Minato Chiyoda Chuo Setagaya Nerima Kanda Umeda Namba Tenjin Odaiba Kanazawa Nikko "
        "Hakone Kamakura Kyushu Shikoku Honshu Kansai Kanto Tohoku Hokuriku Chubu Chugoku Kinki "
        "Ken Shi Ku Machi Cho Mura Gun Eki Dori Koen Jinja Daiichi Daini Shinkansen",
    )
)


def _romanised_japanese(first: str, second: str) -> bool:
    """Whether ``first second`` could be a Japanese name in Latin letters: Hepburn syllables
    only, at least three letters a word, no place of Japan, and at most one English word
    ("Taro Yamada", not "Sushi Zen")."""
    words = (first, second)
    if any(len(w) < 3 or w in _JAPANESE_PLACES or not _HEPBURN.fullmatch(w.lower()) for w in words):
        return False
    return sum(bool(word_classes(w.lower())) for w in words) <= 1


def _person(first: str, second: str, *, starts_sentence: bool, alone: bool = False) -> bool:
    """Whether ``first second``, two capitalised words, name a person:
    - a known given name and a family name (`_family_name`): "Priya Patel", "Aroha Ngata";
      a given name that is a dictionary word ("Will", "Grace") needs a family name no
      dictionary knows ("Grace Okafor"; not "Sad Owensboro" starting a sentence), unless the
      two stand alone (``alone``: no other capitalised word beside them but one that starts
      the sentence), the family name a known one and the given name no adjective or auxiliary
      ("I spoke to Jack Smith", "Sue White wrote"; not "Golden Corral", "Will Councils", nor
      in a run of title-case words);
    - an unknown word no dictionary knows followed by a known family name that no dictionary
      knows either ("asked Rajesh Kumar", "Olumide Adeyemi wrote");
    - two words that could be a Japanese name in Latin letters (`_romanised_japanese`): "Yuki
      Tanaka", "Takahashi Daisuke"."""
    if first in _NOT_NAMES or first in _PLACES_AND_BODIES or not _family_name(second):
        return False
    if _romanised_japanese(first, second):
        return True
    first_is_word = bool(word_classes(first.lower()))
    second_is_word = bool(word_classes(second.lower()))
    known_family = second in _name_list("family")
    if first in _name_list("given"):
        if not first_is_word:
            return True
        if not second_is_word:
            return known_family or not starts_sentence
        return alone and known_family and not {"ADJ", "AUX"} & word_classes(first.lower())
    return not first_is_word and known_family and not second_is_word


def _sentence_start(text: str, at: int) -> bool:
    """Whether ``text[at]`` starts the text or a sentence (looking back a few characters only,
    so that a long text costs no more per name)."""
    before = text[max(0, at - 16) : at].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n:;"


def _full_names_en(text: str) -> Iterator[tuple[int, int]]:
    """Persons' names (`_person`), with a middle name or a second family name when one
    follows ("Mary Ann Smith"), inside runs of capitalised words that name no place or body."""
    for run in _CAPITALISED_RUN.finditer(text):
        words = run.group().split(" ")
        if any(word in _PLACES_AND_BODIES for word in words):
            continue
        starts = [run.start()]
        for word in words[:-1]:
            starts.append(starts[-1] + len(word) + 1)
        index = 0
        while index < len(words) - 1:
            first, second = words[index], words[index + 1]
            at_start = _sentence_start(text, starts[index])
            # The pair alone: the whole run, or the run after a word that only starts the
            # sentence ("Yesterday Harry Baker called").
            alone = len(words) == 2 or (
                len(words) == 3
                and index == 1
                and _sentence_start(text, starts[0])
                and words[0] not in _name_list("given")
            )
            if _person(first, second, starts_sentence=at_start, alone=alone):
                end = index + 2
                if end < len(words) and _family_name(words[end]):
                    end += 1
                yield starts[index], starts[end - 1] + len(words[end - 1])
                index = end
            else:
                index += 1


_HONORIFICS = ("さん", "様", "さま", "氏", "殿", "君", "くん", "ちゃん", "先生")
_FAMILIAR_HONORIFICS = ("ちゃん", "くん", "君")
_INTRODUCE = ("申し", "いい", "言い")
_FIRST_PERSON = ("私", "わたし", "わたくし", "僕", "ぼく", "俺")
_NAME_WORDS = ("名前", "氏名")
_WITHHELD = ("匿名", "非公開", "無記名", "不明", "秘密", "省略", "伏せ", "控え", "非表示")
# Relations after which (with の) a name is a person's: 息子の健一, 友人の佐藤.
_RELATIONS_JA = frozenset(
    re.findall(
        r"\S+",
        "息子 娘 子 子ども 子供 長男 長女 次男 次女 三男 三女 孫 妻 夫 主人 家内 嫁 婿 母 父 母親 父親 "
        "兄 姉 弟 妹 祖母 祖父 叔父 伯父 叔母 伯母 甥 姪 いとこ 従兄弟 従姉妹 友人 友達 親友 知人 "
        "同僚 上司 部下 隣人 近所 先輩 後輩 恋人 彼氏 彼女 婚約者 義母 義父 同級生 担当 担当者",
    )
)
# What a parent says of a child, or anyone of a relative, named just before: 息子の亮は中学生です,
# 娘の舞も３歳で. A clause ends after it, so "息子の学校は中学生が多い" does not read so.
_PERSON_PREDICATE = re.compile(
    r"[はもが]、?(?:今年|今は?|現在|まだ|もう)?、?"
    r"(?:(?:\d{1,3}|[一二三四五六七八九十]{1,3})(?:歳|才|か月|ヶ月)"
    r"|(?:小学|中学|高校|大学|大学院|専門学校)?(?:\d|[一二三四五六])?年?生"
    r"|園児|社会人|会社員|公務員|看護師|保育士|教員|浪人生|赤ちゃん)"
    r"(?=です|でした|だ|で[、,]|。|、|になり|になっ|になる)"
)
# Nouns after a relation that are people but not names: 息子の友達は中学生です.
_NOT_A_NAME_AFTER_RELATION = _RELATIONS_JA | {"先生", "担任", "子", "方", "人", "クラス", "学校"}
# Variant kanji common in family names (髙橋, 山﨑, 𠮷田) that Sudachi's dictionary does not
# know as names, each mapped to its standard form for the analysis only: one code point for one,
# so offsets into the folded copy are offsets into the original. (Compatibility ideographs that
# NFKC folds are already read by Sudachi as their standard forms.)
_NAME_VARIANTS = str.maketrans("髙﨑𠮷𡈽濵槗栁德黑逹", "高崎吉土濱橋柳徳黒達")
_SPACES = (" ", "\u3000")
_HAS_KANJI_OR_KANA = re.compile("[一-龥ァ-ヴ]")


def my_number_is_valid(digits: str) -> bool:
    """Whether ``digits`` (12 ASCII digits) is an Individual Number with a valid check digit."""
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        return False
    body = digits[:11]
    total = sum(int(body[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    remainder = total % 11
    check = 0 if remainder <= 1 else 11 - remainder
    return check == int(digits[11])


def _regex_spans(folded: str) -> Iterator[tuple[int, int, str]]:
    for match in _EMAIL.finditer(folded):
        yield match.start(), match.end(), "email"
    if _AT_MARK.search(folded):  # the full pattern tries every word: only where it can match
        for match in _DISGUISED_EMAIL.finditer(folded):
            yield match.start(), match.end(), "email"
    if " dot " in folded or " DOT " in folded:
        for match in _SPOKEN_EMAIL.finditer(folded):
            # "look at the dot com bubble": a host is no article.
            if match.group("host").lower() not in {"the", "a", "an", "this", "that"}:
                yield match.start(), match.end(), "email"
    for match in _URL.finditer(folded):
        if _URL_ID.search(match.group()):
            yield match.start(), match.end(), "url_id"
    for match in _HANDLE.finditer(folded):
        body = match.group()[1:]
        # "@work", "@home": the sign written for "at", before a word.
        at_a_word = body.isalpha() and body.islower() and bool(word_classes(body))
        if len(body) >= 3 and not body.isdigit() and not at_a_word:
            yield match.start(), match.end(), "handle"
    for match in _MESSAGING_ID.finditer(folded):
        if not match.group("id").isdigit() or len(match.group("id")) < 9:
            yield match.start("id"), match.end("id"), "handle"
    for match in _MY_NUMBER.finditer(folded):
        if my_number_is_valid(re.sub(r"[ \-]", "", match.group())):
            yield match.start(), match.end(), "my_number"
    for match in _ID_NUMBER.finditer(folded):
        labelled = "id" if match.group("id") else "id_ja"
        if sum(char.isdigit() for char in match.group(labelled)) >= 4:
            yield match.start(labelled), match.end(labelled), "id_number"
    for match in _SSN.finditer(folded):
        yield match.start(), match.end(), "id_number"
    for match in _NI.finditer(folded):
        yield match.start(), match.end(), "id_number"
    for match in _CARD.finditer(folded):
        card = re.sub(r"[ \-]", "", match.group())
        if 13 <= len(card) <= 19 and _luhn(card):
            yield match.start(), match.end(), "id_number"
    yield from _number_spans(folded)
    if _HAS_KANJI_DIGIT.search(folded):
        numerals = folded.translate(_KANJI_DIGITS)
        for start, end, kind in _number_spans(numerals):
            if _HAS_KANJI_DIGIT.search(folded, start, end):
                yield start, end, kind
    for match in _ADDRESS_JA.finditer(folded):
        yield match.start(), match.end(), "address"
    for match in _ADDRESS_EN.finditer(folded):
        yield match.start(), match.end(), "address"
    for pattern in (*_NAMES_EN, _RELATIVE_EN):
        for match in pattern.finditer(folded):
            name = match.group("name")
            if name.split()[0] not in _NOT_NAMES and name.split()[-1] not in _NOT_NAMES:
                yield match.start("name"), match.end("name"), "person_name"
    for start, end in _full_names_en(folded):
        yield start, end, "person_name"


def _number_spans(folded: str) -> Iterator[tuple[int, int, str]]:
    """Phone numbers and postcodes in ``folded``; a number of zeros only is a placeholder
    (○○○-○○○○-○○○○), not a number."""
    for pattern in _PHONES:
        for match in pattern.finditer(folded):
            digits = [char for char in match.group() if char.isdigit()]
            if 9 <= len(digits) <= 15 and set(digits) != {"0"}:
                yield match.start(), match.end(), "phone"
    for pattern in _POSTAL:
        for match in pattern.finditer(folded):
            group = "code" if "code" in pattern.groupindex else 0
            if set(re.sub(r"\D", "", match.group(group))) != {"0"}:
                yield match.start(group), match.end(group), "postal_code"


def _name_continues(morphemes: Sequence[Morpheme], end: int) -> int:
    """How many morphemes after ``morphemes[end]`` lead to the next part of the same name: 1
    when the next one is a 人名 morpheme, 2 when a 姓 is followed by one space and a 名
    (山田 太郎), else 0."""
    if end + 1 < len(morphemes) and morphemes[end + 1].pos[2] == "人名":
        return 1
    if (
        end + 2 < len(morphemes)
        and morphemes[end].pos[3] == "姓"
        and morphemes[end + 1].surface in _SPACES
        and morphemes[end + 2].pos[2:4] == ("人名", "名")
    ):
        return 2
    return 0


# A name from abroad written in katakana, its parts joined by ・ or ＝ (ジョン・スミス), is a name
# only with a cue, since policy writing joins loanwords the same way (ビッグ・データ): an
# honorific after it, a relation before it, a self-introduction or a sign-off.
# At most four parts of at most twelve letters, standing alone: a long run of katakana and dots
# costs one pass, not one per position.
_KATAKANA_CHAIN = (
    "(?<![ァ-ヴー・=＝])[ァ-ヴー]{1,12}(?:[・=＝][ァ-ヴー]{1,12}){1,3}(?![ァ-ヴー・=＝])"
)
_KATAKANA_NAMES = [
    re.compile(rf"(?P<name>{_KATAKANA_CHAIN})(?={'|'.join(_HONORIFICS)})"),
    re.compile(rf"(?P<name>{_KATAKANA_CHAIN})(?=と(?:{'|'.join(_INTRODUCE)})ます)"),
    re.compile(
        rf"(?:{'|'.join(sorted(_RELATIONS_JA, key=len, reverse=True))})の"
        rf"(?P<name>{_KATAKANA_CHAIN})"
    ),
    re.compile(rf"(?:{'|'.join(_FIRST_PERSON)})は(?P<name>{_KATAKANA_CHAIN})(?=です)"),
    re.compile(rf"以上[、,]\s*(?P<name>{_KATAKANA_CHAIN})(?=[ \t　]*(?:\n|\Z))"),
]


def _katakana_name_spans(text: str) -> Iterator[tuple[int, int, str]]:
    if "・" not in text and "=" not in text and "＝" not in text:
        return
    for pattern in _KATAKANA_NAMES:
        for match in pattern.finditer(text):
            yield match.start("name"), match.end("name"), "person_name"


def _after_relation(morphemes: Sequence[Morpheme], index: int) -> bool:
    """Whether ``morphemes[index]`` follows a relation and の: 息子の, 妻の, 隣人の."""
    return (
        index >= 2
        and morphemes[index - 1].surface == "の"
        and morphemes[index - 2].surface in _RELATIONS_JA
    )


def _own_name(morphemes: Sequence[Morpheme], topic: int) -> bool:
    """Whether ``morphemes[topic]`` (名前, 氏名) is the writer's own name: it starts a sentence
    or follows 私の; not この制度の名前, and not a name withheld (名前は匿名です)."""
    after = morphemes[topic + 2].surface if topic + 2 < len(morphemes) else ""
    if after in _WITHHELD:
        return False
    if topic == 0 or morphemes[topic - 1].pos[0] in ("補助記号", "空白"):
        return True
    return (
        topic >= 2
        and morphemes[topic - 1].surface == "の"
        and morphemes[topic - 2].surface in _FIRST_PERSON
    )


def _self_introductions(morphemes: Sequence[Morpheme]) -> Iterator[tuple[int, int, str]]:
    """Whatever noun, of up to three morphemes, a writer introduces themselves by: with
    と申します or といいます at the start of a sentence (松本と申します, 林といいます, 私は森と申します),
    or after 名前は / 氏名は (名前は森です). Sudachi reads many family names as places or common
    words (松本, 林, 森)."""
    for index in range(1, len(morphemes)):
        introduces = (
            index + 2 < len(morphemes)
            and morphemes[index].surface == "と"
            and morphemes[index + 1].surface in _INTRODUCE
            and morphemes[index + 2].surface == "ます"
        )
        named = morphemes[index].surface in ("です", "と")
        if not (introduces or named):
            continue
        start = index
        while start > max(0, index - 3) and morphemes[start - 1].pos[0] == "名詞":
            start -= 1
        if start == index:
            continue
        before = morphemes[start - 1] if start else None
        topic = (
            morphemes[start - 2].surface
            if start >= 2 and before is not None and before.surface == "は"
            else ""
        )
        if (topic in _NAME_WORDS and _own_name(morphemes, start - 2)) or (
            introduces
            and (before is None or before.pos[0] in ("補助記号", "空白") or topic in _FIRST_PERSON)
        ):
            yield morphemes[start].start, morphemes[index - 1].end, "person_name"


def _japanese_name_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Runs of Sudachi 人名 morphemes that are a full name (姓 + 名, also written with a space
    between them), carry an honorific, or follow a relation (息子の健一); and, after a relation,
    any noun with ちゃん or くん (娘のさくらちゃん) or said to be a pupil, of an age or in work
    (息子の亮は中学生です), since Sudachi reads many given names as common words."""
    morphemes = japanese_morphemes(text.translate(_NAME_VARIANTS))
    index = 0
    while index < len(morphemes):
        morpheme = morphemes[index]
        if morpheme.pos[2] != "人名":
            if (
                morpheme.pos[0] == "名詞"
                and index + 1 < len(morphemes)
                and _after_relation(morphemes, index)
                and (
                    morphemes[index + 1].surface in _FAMILIAR_HONORIFICS
                    or (
                        morpheme.surface not in _NOT_A_NAME_AFTER_RELATION
                        and _PERSON_PREDICATE.match(text, morpheme.end) is not None
                    )
                )
            ):
                yield morpheme.start, morpheme.end, "person_name"
            index += 1
            continue
        end = index
        while step := _name_continues(morphemes, end):
            end += step
        parts = {morpheme.pos[3] for morpheme in morphemes[index : end + 1]}
        honorific = end + 1 < len(morphemes) and morphemes[end + 1].surface in _HONORIFICS
        if honorific or {"姓", "名"} <= parts or _after_relation(morphemes, index):
            yield morphemes[index].start, morphemes[end].end, "person_name"
        index = end + 1
    if "ます" in text or "名" in text:
        yield from _self_introductions(morphemes)


def find_pii(text: str) -> list[PiiSpan]:
    """Personal data in ``text``: spans (offsets into ``text``) sorted by start, not overlapping.

    Kinds: "email" (also disguised: taro[at]example.com, taro★example.co.jp, taro at example
    dot com); "handle"
    (@taro_yamada; an ID given for LINE, Skype and the like); "phone" (Japanese landline,
    mobile and free-dial numbers in half- or full-width digits or kanji numerals, with hyphens, spaces, brackets
    or full stops, +81 and other international forms, North American forms); "postal_code"
    (〒 codes, also in kanji numerals, codes labelled as such or followed by a prefecture, UK postcodes); "my_number"
    (12 digits with a valid Individual Number check digit); "address" (Japanese prefecture /
    city / ward with block numbers, English street addresses); "url_id" (URLs carrying a query
    string, a user or profile path, a social-media handle or a long id); "person_name"
    (Japanese full names, also with a space between family and given name, names with an
    honorific or after a relation, by Sudachi's 人名 tags; whatever a writer introduces
    themselves by with と申します; names from abroad in katakana with such a cue; English names
    after "my name is", "I'm", "Contact:", titles such as "Dr", in sign-offs, after a relation,
    and a known given name followed by a family name anywhere). Never raises.
    """
    folded = text.translate(_FOLD)
    found = list(_regex_spans(folded))
    if _HAS_KANJI_OR_KANA.search(text):
        found.extend(_japanese_name_spans(text))
        found.extend(_katakana_name_spans(text))
    priority = {kind: rank for rank, kind in enumerate(PII_KINDS)}
    found.sort(key=lambda span: (priority[span[2]], span[0], -span[1]))
    starts: list[int] = []
    accepted: list[tuple[int, int, str]] = []
    for start, end, kind in found:
        at = bisect.bisect_right(starts, start)
        clashes_before = at > 0 and accepted[at - 1][1] > start
        clashes_after = at < len(starts) and starts[at] < end
        if start < end and not clashes_before and not clashes_after:
            starts.insert(at, start)
            accepted.insert(at, (start, end, kind))
    return [PiiSpan(start, end, kind, text[start:end]) for start, end, kind in accepted]


def redact(text: str, spans: Sequence[PiiSpan] | None = None) -> str:
    """``text`` with each personal-data span replaced by a label such as "[email]" or
    "［メール］" (Japanese labels when the text is Japanese). ``spans`` defaults to
    ``find_pii(text)``; overlapping spans are merged into the first."""
    if spans is None:
        spans = find_pii(text)
    kept: list[str] = []
    kinds: list[str] = []
    position = 0
    for span in sorted(spans, key=lambda span: (span.start, -span.end)):
        start, end = max(0, min(span.start, len(text))), max(0, min(span.end, len(text)))
        if start < position:
            position = max(position, end)
            continue
        kept.append(text[position:start])
        kinds.append(span.kind)
        position = end
    kept.append(text[position:])
    # The language of what remains: an email address or a romanised name must not make a
    # Japanese comment look English.
    # When nothing but punctuation remains (a name and an address in brackets), the whole text.
    language = detect_language("".join(kept))
    if language == "other":
        language = detect_language(text)
    labels = LABELS["ja" if language == "ja" else "en"]
    pieces = [kept[0]]
    for kind, piece in zip(kinds, kept[1:], strict=True):
        pieces.append(labels.get(kind, f"[{kind}]"))
        pieces.append(piece)
    return "".join(pieces)
