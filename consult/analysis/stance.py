"""Stance toward the proposal: support / oppose / mixed / unclear.

Per comment, in order of trust:
1. the questionnaire's agree/disagree answer (Likert 1-5): 4-5 support, 1-2 oppose, 3 unclear;
2. otherwise the text, read with a bilingual lexicon of support and opposition cues with negation
   handling: an English cue is negated by a negator up to three words before it in the same
   clause ("not a good idea", "I don't think this is acceptable"), a Japanese one by a negative
   ending after it (賛成できません, 良いとは思いません); a negated cue counts for the other side,
   so a negated objection leans towards support ("no problem with it", 問題ないと思います,
   反対ではない). Cues on both sides make the comment mixed. Given the proposal's own words
   (the question or clause commented on), the lexicon also reads what comments say about its
   action: "ban them", "should be banned", "we need a legal ban" support a proposal to ban;
   "a ban would devastate communities", "banning ads won't stop it", "should not be banned"
   oppose it; "rather than a ban" offers an alternative (mixed). `proposal_cues` finds the
   action (ban, restrict, introduce, deploy, 禁止, 導入 ...) in the proposal's text;
3. where the lexicon finds no stated position, the arguments the comment makes
   (`argument_stance`). For a proposal that bans or restricts something: the harm of what it
   would stop ("predatory", "addiction", 依存症) supports it, the case against restricting it
   (freedom of choice, what would be lost without it, that it would move elsewhere, that it is
   not the real problem) opposes it. For one that introduces, deploys or allows a technology:
   what it puts at risk ("mass surveillance", "invasion of privacy", 冤罪, 無断で) opposes it,
   what it would achieve ("catch offenders", "find missing children", 防犯につながる) supports
   it; a ban of the technology reads the same risks and gains the other way round. Only in a
   comment of one or two sentences: a longer one weighing a draft mentions risks it finds
   answered ("privacy is protected by deletion after 72 hours") as often as risks it argues
   (measured on generated comments on a detailed draft: read in every comment, these arguments
   were right for half of those they decided);
4. a classifier trained on this consultation's own Likert-labelled comments (a free,
   consultation-specific training set) decides where it is confident, over the arguments of
   step 3 too; without enough Likert answers, one trained on the comments the lexicon decided
   (distant supervision: the consultation's own words for each side, learnt from its explicit
   comments) does, with a stricter confidence.
A near-duplicate group is read once, through its letter (canonical text), except the edited
copies whose own words take the other side (`contradicting_copies`).
Codes are indices into `consult.analysis.types.STANCES`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from consult.analysis.text import normalize
from consult.analysis.themes.labels import describes_topic
from consult.analysis.types import STANCES

__all__ = [
    "MIXED",
    "OPPOSE",
    "POSITION_CONFIDENCE",
    "SOURCE_ARGUMENT",
    "SOURCE_CLASSIFIER",
    "SOURCE_LEXICON",
    "SOURCE_LIKERT",
    "SOURCE_NONE",
    "SUPPORT",
    "UNCLEAR",
    "ProposalCues",
    "apply_position_themes",
    "argument_stance",
    "classifier_fill",
    "contradicting_copies",
    "leaning_exclusions",
    "lexicon_stance",
    "likert_stance",
    "proposal_cues",
    "read_stances",
    "stance_many",
    "theme_leaning",
    "theme_position",
    "train_stance_classifier",
]

SUPPORT, OPPOSE, MIXED, UNCLEAR = (STANCES.index(s) for s in STANCES)
SOURCE_LIKERT, SOURCE_LEXICON, SOURCE_CLASSIFIER, SOURCE_NONE, SOURCE_ARGUMENT = 0, 1, 2, 3, 4
_CLASSIFIER_CONFIDENCE = 0.65

_EN_SUPPORT = (
    r"\bi (?:fully |strongly |wholeheartedly )?(?:support|agree|welcome|endorse|approve)\b",
    r"\b(?:support|welcome|endorse|applaud)s? (?:the|this|these|your) "
    r"(?:proposal|plan|policy|change|measure|rule)s?",
    r"\bin (?:favour|favor)\b",
    r"\b(?:good|great|excellent|sensible) (?:idea|proposal|plan|step|move)\b",
    r"\bacceptable\b",
    r"\b(?:yes|absolutely|definitely)\b(?! not\b)[,.! ]",
    r"\bplease (?:go ahead|implement|introduce|proceed|adopt)\b",
    r"\b(?:long )?overdue\b",
    r"\bshould (?:be )?(?:go ahead|implemented|adopted|introduced|approved)\b",
)
_EN_OPPOSE = (
    r"\bi (?:strongly |firmly |completely )?(?:oppose|object|disagree|reject)\b",
    r"\bi (?:do not|don't|cannot|can't|could not|couldn't) (?:support|agree|endorse|accept)\b",
    r"\b(?:oppose|reject|object to)s? (?:the|this|these|any) ",
    r"\b(?:i am|i'm|we are|we're) against\b",
    r"\b(?:against|opposed to) (?:it|this|that|these|them|"
    r"the (?:proposal|plan|policy|scheme|measure|change)s?)\b",
    r"\bshould(?: not|n't) (?:be )?(?:go ahead|implement|adopt|introduce|proceed|happen)",
    r"\b(?:excessive|unnecessary|overreach|disproportionate|too extreme|too far|heavy-handed)\b",
    r"\b(?:scrap|withdraw|abandon|drop) (?:the|this|it)\b",
    r"\bbad (?:idea|proposal|policy)\b",
    r"\b(?:it|this|that|the (?:proposal|plan|policy|scheme|system|measure|rule|law)s?) "
    r"(?:won't|will not|doesn't|does not|wouldn't|would not) work\b",
    r"\bnanny state\b",
    r"\bno need (?:for|to)\b",
    r"\b(?:absolutely|definitely|certainly) not\b",
    r"\bunacceptable\b",
    r"\bproblems? with (?:it|this|that|these|the (?:proposal|plan|policy|scheme|system|measure|"
    r"rule|law)s?)\b",
)
# A cue is negated by a negator a few words before it in the same clause: "not a good idea",
# "I don't think this is acceptable", "no problem with it" (a negated objection leans towards
# support). Up to three words may come between; "think", "believe" and the like (which carry the
# negation over to what follows) do not count, and punctuation or a conjunction ends the clause.
# "Not only", "not just" and "no doubt" strengthen rather than negate.
_EN_NEGATOR = r"(?:not|never|no|cannot|hardly|\w+n't)"
_EN_NEGATION_WINDOW = 80
_EN_NEGATION = re.compile(
    rf"\b{_EN_NEGATOR}\b(?! (?:only|just|merely|simply|least|doubt|question)\b)"
    r"(?: (?:think|thought|believe|feel|find|consider|say|suppose|expect)(?: that)?)?"
    r"(?: (?!(?:and|but|yet|though|although|however|while|whereas|because|since|so)\b)[\w'-]+)"
    r"{0,3} $"
)

# A cue said to be dealt with, after it: "mass surveillance is ruled out", "wrongful arrests
# would be prevented", "the risk of abuse seems unlikely".
_EN_ANSWERED = re.compile(
    r"(?: [\w'-]+){0,3}? (?:is|are|was|were|would be|will be|has been|have been|seems?|looks?|"
    r"becomes?|remains?) (?:(?!not\b|never\b|hardly\b|barely\b)\w+ )?(?:ruled out|prevented|impossible|unlikely|limited|addressed|"
    r"prohibited|banned|forbidden|not (?:possible|allowed|permitted)|avoided|minimi[sz]ed|"
    r"dealt with|taken care of|covered|excluded|kept in check)\b"
)

# The same in Japanese, after the cue: 偏見が減る, 漏えいの心配は小さい, 誤判定を防げる.
_JA_ANSWERED = re.compile(
    r"(?:の(?:心配|おそれ|恐れ|危険|リスク|可能性))?(?:は|が|も|を)?"
    r"(?:減|防|防げ|防止|なくな|なくせ|解消|抑え|抑制|小さ|少な|低)"
    # Limited should it happen: 漏えいした場合の被害も限定される.
    r"|(?:した|する|された|される)?場合(?:の|でも|も|に)?[^。、]{0,10}?"
    r"(?:限定|限られ|小さ|最小|防げ|抑え)"
)

_JA_SUPPORT = (
    r"賛成",
    r"支持(?=し|す|でき)",
    # 同意 as a predicate (同意します, 同意できない), not the noun "consent" (同意なく, 同意を得る).
    r"同意(?=し|す|でき|です|だ|いた|。|!|$)",
    r"歓迎",
    # "This is needed", not a demand for something else (説明が必要だ, チェックが必要です).
    r"(?<!が)必要(?:だ|です|である)",
    r"(?:導入|推進|実施|進め)(?:る|す)べき",
    r"期待し",
    r"良い(?:取り組み|施策|制度|案)",
    # An evaluation given as the writer's opinion: 良いと思います, 望ましいと考える.
    r"(?:良い|よい|望ましい|妥当|適切)(?=(?:だ|である)?と(?:は|も)?(?:思|考え))",
)
# Worry about something: opposes what a proposal introduces; about a proposal to ban or restrict
# it tells no side (the worry may be about the thing restricted or about the restriction).
_JA_WORRY = (r"懸念", r"不安", r"危険")
_JA_OPPOSE = (
    r"反対",
    r"(?:必要|意味)(?:は|が|では|じゃ)?(?:ない|ありません|無い)",
    r"不要",
    r"(?:中止|撤回|廃止)(?:す|し|を|して|すべき)",
    r"見直(?:す|し)",
    r"(?:べきでは|べきで)(?:ない|ありません)",
    r"(?:認め|容認|受け入れ)られ(?:ない|ません)",
    r"(?:許さ|許せ)(?:ない|ません|れない)",
    # A problem that exists opposes; 問題ない, 問題はありません negate it (read by _JA_NEGATION).
    r"問題(?:(?:が|は|も)?(?:ある|あります|多い)|(?=(?:が|は|も)?(?:ない|無い|ありません|なし)))",
    r"(?:良|よ)くない(?:と(?:思|考え)|です|。|$)",
)
# Japanese negates after the word: a cue followed by a negative ending, directly or through a
# copula and a particle (反対ではない, 懸念はありません, 賛成できません, 同意しかねます), a
# quoted opinion (良いとは思いません, 賛成とは言えない, 必要だとは考えない) or "no reason / need
# to" (反対する理由はない).
_JA_NEGATION = re.compile(
    r"(?:だ|です|である)?"
    r"(?:と(?:は|も)?(?:思わ|思い|思え|考え|考えられ|言え|言い|感じ)"
    r"|(?:する|しすぎる|の)(?:理由|必要)(?:は|が|も)?"
    r"|では|じゃ|で|は|が|も)?"
    r"(?:ない|無い|ありません|ません|なし|ず|せず|できない|できません|しない|しません"
    r"|(?:し|でき)かね(?:る|ます)|(?:難|がた)い)"
)


def _compile(patterns: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_LATIN = re.compile("[a-z]")
_EN_SUPPORT_RE = _compile(_EN_SUPPORT)
_EN_OPPOSE_RE = _compile(_EN_OPPOSE)
_JA_SUPPORT_RE = _compile(_JA_SUPPORT)
_JA_OPPOSE_RE = _compile((*_JA_OPPOSE, *_JA_WORRY))
_JA_OPPOSE_RESTRICTIVE_RE = _compile(_JA_OPPOSE)


# Policy actions a proposal may take, by their English forms: (verb forms, participles, nouns and
# gerunds). A proposal's action is the one of these its text uses; comments are then read for what
# they say about that action.
_EN_RESTRICTIVE: tuple[tuple[str, str, str], ...] = (
    # (base verb forms, past participle, noun and gerund forms)
    ("ban|bans", "banned", "ban|bans|banning"),
    ("prohibit|prohibits", "prohibited", "prohibition|prohibiting"),
    ("restrict|restricts", "restricted", "restrictions?|restricting"),
    ("regulate|regulates", "regulated", "regulation|regulating"),
    ("outlaw|outlaws", "outlawed", "outlawing"),
    ("abolish|abolishes", "abolished", "abolition|abolishing"),
    ("tax|taxes", "taxed", "tax|taxes|taxing|levy"),
)
_EN_ACTIONS: tuple[tuple[str, str, str], ...] = (
    *_EN_RESTRICTIVE,
    ("introduce|introduces", "introduced", "introduction|introducing"),
    ("deploy|deploys", "deployed", "deployment|deploying"),
    ("install|installs", "installed", "installation|installing"),
    ("allow|allows", "allowed", "allowing"),
    ("permit|permits", "permitted", "permitting"),
    ("require|requires", "required", "requirements?|requiring"),
    ("exempt|exempts", "exempted", "exemptions?|exempting"),
    ("expand|expands", "expanded", "expansion|expanding"),
    ("extend|extends", "extended", "extension|extending"),
    ("legali[sz]e|legali[sz]es", "legali[sz]ed", "legali[sz]ation|legali[sz]ing"),
)
# "This has to stop": a comment condemning what is happening now supports a proposal that stops
# or restricts it, and opposes one that introduces or extends something.
_EN_STOP = r"\b(?:this|it|that|these|they) (?:has to|have to|must|needs to|need to|should) (?:stop|end|be stopped)\b|\benough is enough\b"
_JA_STOP = r"(?:やめさせ|止めさせ|なくす)(?:べき|てほしい|て欲しい)"
# A comment's verdict on the action: what it would do (harm or help), whether it works.
_HARMS = (
    r"(?:harm|hurt|kill|damage|destroy|devastate|cripple|cost|punish|penali[sz]e|ruin|"
    r"undermine|drive|wipe out|bankrupt|threaten|jeopardi[sz]e|backfire|infringe|violate)s?"
    r"|reduce (?!(?:the )?(?:harm|risk|exposure|addiction|crime|problem|number))"
    r"|be (?:excessive|disproportionate|unfair|wrong|a mistake|pointless|counterproductive|"
    r"unworkable|too \w+|overkill|heavy-handed|an overreach)"
)
_HELPS = (
    r"(?:protect|help|save|prevent|safeguard|benefit|reduce (?:the )?(?:harm|risk|exposure|"
    r"addiction|crime|problem))s?"
    r"|be (?:a good|the right|welcome|long overdue|sensible|effective|a step)"
)
_STRONG = r"(?:(?:complete|total|full|outright|blanket|legal|statutory|strict|proper|national) )*"
_DETERMINER = r"(?:an? |the |this |that |any |such )?"


def _en_action_patterns(verbs: str, participle: str, nouns: str) -> tuple[str, str, str]:
    """(support, oppose, alternative) regular expressions for one action."""
    support = (
        # Imperative at the start of a sentence, or after a modal: "Ban them", "just ban it".
        rf"(?:^|[.!?;:]\s*|\b(?:please|just|simply|so|must|should|need to|needs to|have to|"
        rf"has to|let's|lets) )(?:{verbs}) (?:them|it|these|those|this|that|all|the|every)\b",
        rf"\b(?:should|must|needs? to|ought to|has to|have to)"
        rf"(?: (?:definitely|absolutely|really|all|also|simply|just|clearly|finally|now))? be "
        rf"(?:{participle})\b",
        rf"\b(?:support|want|need|favour|favor|back|call for|calls for|welcome|endorse)s? "
        rf"{_DETERMINER}{_STRONG}(?:{nouns})\b",
        # A sentence of its own: "Complete ban."
        rf"(?:^|[.!?;:]\s*)(?:an? )?(?:complete|total|full|outright|blanket) (?:{nouns})"
        rf"(?: now| immediately)?\s*(?:[.!]|$)",
        rf"\b(?:{nouns}|{verbs}) (?:\w+ )?(?:would|will|could|can) (?:\w+ )?(?:{_HELPS})\b",
        rf"\b(?:{nouns}) (?:is|are|would be) (?:long overdue|needed|necessary|essential|"
        rf"the (?:right|only|best) (?:answer|solution|way|approach))",
    )
    oppose = (
        rf"\b(?:{nouns}|{verbs}) (?:\w+ )?(?:would|will|could|is going to|are going to) "
        rf"(?:only |just |also |simply |literally |\w+ly )?(?:{_HARMS})\b",
        rf"\b(?:{nouns}|{verbs}) (?:\w+ )?(?:won't|will not|wouldn't|would not|doesn't|does not|"
        rf"can't|cannot|isn't going to) (?:\w+ )?(?:work|stop|solve|help|fix|change|prevent|address|"
        rf"reduce|end)\b",
        rf"\b(?:should(?: not|n't)|must(?: not|n't)|need not|ought not to) be (?:{participle})\b",
        rf"\b(?:don't|do not|never) (?:{verbs})\b",
        rf"\b(?:against|opposed? to|object to|reject) {_DETERMINER}{_STRONG}(?:{nouns})\b",
        rf"\b(?:{nouns}) (?:is|are|seems|would be) (?:too \w+|excessive|unnecessary|"
        rf"disproportionate|overkill|heavy-handed|unfair|wrong|a mistake|pointless|"
        rf"counterproductive|unworkable)",
    )
    alternative = (
        rf"\b(?:rather than|instead of|better than|short of|alternative to) {_DETERMINER}{_STRONG}"
        rf"(?:\w+ )?(?:{nouns}|{verbs})\b",
    )
    return "|".join(support), "|".join(oppose), "|".join(alternative)


def _en_position_patterns(verbs: str, participle: str, nouns: str) -> tuple[str, str]:
    """How a theme's label or description names a position on the action: "Ban support",
    "Support for a complete ban", "Opposition to banning" (support, oppose)."""
    support = (
        rf"\b(?:{nouns}) (?:support|supporters|advocates?)\b",
        rf"\b(?:support|calls?|demands?|backing) for (?:\w+ ){{0,3}}(?:{nouns}|{verbs})\b",
    )
    oppose = (
        rf"\b(?:{nouns}) (?:opposition|opponents|objections?)\b",
        rf"\b(?:opposition|objections?|resistance) to (?:\w+ ){{0,3}}(?:{nouns}|{verbs})\b",
    )
    return "|".join(support), "|".join(oppose)


# Japanese actions (the noun that takes する) and what comments say of them.
_JA_RESTRICTIVE = ("禁止", "規制", "制限", "廃止")
_JA_ACTIONS = (
    "禁止",
    "規制",
    "制限",
    "導入",
    "利用",
    "活用",
    "義務化",
    "義務付け",
    "廃止",
    "許可",
    "解禁",
    "拡大",
    "設置",
    "免除",
    "運用",
)


def _ja_position_patterns(action: str) -> tuple[str, str]:
    """A theme named for a position on the action: 禁止への賛成, 全面禁止を支持, 導入反対."""
    return (
        rf"{action}(?:への|に|を)?(?:賛成|支持|を求める)",
        rf"{action}(?:への|に|を)?(?:反対|慎重|撤回を求める)",
    )


def _ja_action_patterns(action: str) -> tuple[str, str, str]:
    support = (
        rf"{action}(?:を|に)?(?:すべき(?!で)|して(?:ほしい|欲しい|ください)|を求め|を急|"
        rf"は(?:当然|必要|不可欠)|が(?:必要|不可欠)|に賛成|を支持)",
        rf"(?:全面|完全|早急な|早期の?)(?:的な)?{action}(?:を|に|が|は)?(?:すべき(?!で)|を求め|"
        rf"が必要|に賛成)",
    )
    oppose = (
        rf"{action}(?:は|には|まで|する(?:のは|こと(?:は|に)))?(?:行き過ぎ|やりすぎ|過剰|不要|"
        rf"必要(?:は|が)?(?:ない|ありません)|反対|すべきで(?:は)?(?:ない|ありません)|"
        rf"しないで|やめ|見送|撤回)",
        rf"{action}(?:して|した|する)(?:も|ところで)(?:意味が?(?:ない|ありません)|効果(?:は|が)?"
        rf"(?:ない|ありません|薄い))",
    )
    alternative = (rf"{action}(?:ではなく|より(?:も)?|の代わりに|までは(?:せず|しなくて))",)
    return "|".join(support), "|".join(oppose), "|".join(alternative)


_ENABLING_JA = "|".join(a for a in _JA_ACTIONS if a not in _JA_RESTRICTIVE)
_RESTRICTED_OBJECT = re.compile(
    rf"(?:{_ENABLING_JA})(?:を|の)(?:全面的に|一律に|全面|一律|原則)?(?=(?:{'|'.join(_JA_RESTRICTIVE)}))"
)
_ENABLING_EN_NOUNS = "|".join(
    nouns
    for verbs, participle, nouns in _EN_ACTIONS
    if (verbs, participle, nouns) not in _EN_RESTRICTIVE
)
_RESTRICTIVE_EN_WORDS = "|".join(
    f"{verbs}|{participle}|{nouns}" for verbs, participle, nouns in _EN_RESTRICTIVE
)
# "ban the deployment of ...": the restriction's object, dropped before actions are looked for.
_RESTRICTED_OBJECT_EN = re.compile(
    rf"\b((?:{_RESTRICTIVE_EN_WORDS}) (?:on |of )?(?:the |any |all )?)(?:{_ENABLING_EN_NOUNS})\b"
)


class ProposalCues:
    """Support, opposition and alternative cues about the action of one proposal; empty when
    the proposal's text names no known action."""

    __slots__ = (
        "actions",
        "alternative",
        "enables",
        "mentions",
        "oppose",
        "position_oppose",
        "position_support",
        "restricts",
        "support",
    )

    def __init__(self, proposal: str = "") -> None:
        text = normalize(proposal).lower()
        support: list[str] = []
        oppose: list[str] = []
        alternative: list[str] = []
        actions: list[str] = []
        position_support: list[str] = []
        position_oppose: list[str] = []
        restrictive = enabling = False
        # Every form of the actions found: a text with none of them is not read further.
        words: list[str] = []
        words_ja: list[str] = []
        text = _RESTRICTED_OBJECT_EN.sub(r"\1", text)
        for verbs, participle, nouns in _EN_ACTIONS:
            if re.search(rf"\b(?:{verbs}|{participle}|{nouns})\b", text):
                actions.append(verbs.split("|")[0])
                words += [verbs, participle, nouns]
                pro, con, alt = _en_action_patterns(verbs, participle, nouns)
                support.append(pro)
                oppose.append(con)
                alternative.append(alt)
                pro, con = _en_position_patterns(verbs, participle, nouns)
                position_support.append(pro)
                position_oppose.append(con)
                if (verbs, participle, nouns) in _EN_RESTRICTIVE:
                    restrictive = True
                else:
                    enabling = True
        # What a restriction acts on is not itself the proposal's action: 利用を禁止 bans a use,
        # "ban the deployment of" stops a deployment.
        text = _RESTRICTED_OBJECT.sub(" ", text)
        for action in _JA_ACTIONS:
            if action in text:
                actions.append(action)
                words_ja.append(action)
                pro, con, alt = _ja_action_patterns(action)
                support.append(pro)
                oppose.append(con)
                alternative.append(alt)
                pro, con = _ja_position_patterns(action)
                position_support.append(pro)
                position_oppose.append(con)
                if action in _JA_RESTRICTIVE:
                    restrictive = True
                else:
                    enabling = True
        # Only a proposal that plainly stops or plainly starts something tells which side a
        # call to stop what is happening takes.
        if restrictive != enabling:
            (support if restrictive else oppose).append(f"{_EN_STOP}|{_JA_STOP}")
            words.append("stop|stopped|end|enough")
            words_ja.append("やめさせ|止めさせ|なくす")
        self.actions = tuple(actions)
        # The proposal plainly stops or limits something (ban, restrict, 禁止, 規制): what a
        # comment says of that thing, and of restricting it, tells its side (`argument_stance`).
        self.restricts = restrictive and not enabling
        # It plainly introduces, deploys or allows something (導入, deploy): what a comment says
        # that thing risks or achieves tells its side.
        self.enables = enabling and not restrictive
        mentions = ([rf"\b(?:{'|'.join(words)})\b"] if words else []) + words_ja
        self.mentions = re.compile("|".join(mentions)) if mentions else None
        self.support = _compile(support) if support else None
        self.oppose = _compile(oppose) if oppose else None
        self.alternative = _compile(alternative) if alternative else None
        self.position_support = _compile(position_support) if position_support else None
        self.position_oppose = _compile(position_oppose) if position_oppose else None

    def counts(self, normalized: str) -> tuple[int, int, int]:
        """(support, oppose, alternative) cue counts in a normalised, lower-cased text."""
        if (
            self.mentions is None
            or self.support is None
            or self.oppose is None
            or self.alternative is None
            or not self.mentions.search(normalized)
        ):
            return 0, 0, 0
        return (
            sum(1 for _ in self.support.finditer(normalized)),
            sum(1 for _ in self.oppose.finditer(normalized)),
            sum(1 for _ in self.alternative.finditer(normalized)),
        )


_NO_PROPOSAL = ProposalCues()


# A theme named for a position on the proposal as a whole, whatever its action.
_PROPOSAL_WORDS = r"(?:proposals?|plan|policy|draft|scheme|measures?)"
_JA_PROPOSAL_WORDS = r"(?:本案|本方針案|本計画案|本考え方|原案|提案|方針案|計画案)"
_POSITION_SUPPORT_RE = re.compile(
    rf"\b(?:support|backing) for (?:the |this )?{_PROPOSAL_WORDS}\b"
    rf"|\bsupports? (?:the |this )?{_PROPOSAL_WORDS}\b"
    rf"|\b(?:in favou?r of) (?:the |this )?{_PROPOSAL_WORDS}\b"
    rf"|{_JA_PROPOSAL_WORDS}(?:への|に|を)?(?:賛成|支持)"
)
_POSITION_OPPOSE_RE = re.compile(
    rf"\b(?:opposition|objections?) to (?:the |this )?{_PROPOSAL_WORDS}\b"
    rf"|\boppos(?:es?|ing) (?:the |this )?{_PROPOSAL_WORDS}\b"
    rf"|\bagainst (?:the |this )?{_PROPOSAL_WORDS}\b"
    rf"|{_JA_PROPOSAL_WORDS}(?:への|に)?反対"
)


def theme_position(label: str, description: str, cues: ProposalCues) -> int:
    """SUPPORT or OPPOSE when a codebook theme is itself a position on the proposal ("Supports
    the proposal", 本案に反対) or on its action ("Complete Ban Support", "Opposition to the
    ban"), else UNCLEAR. Read from the theme's label and description; a theme that also names
    the other side, or an alternative, is not a position."""
    text = normalize(f"{label}. {description}").lower()
    support = _POSITION_SUPPORT_RE.search(text) is not None or (
        cues.position_support is not None and cues.position_support.search(text) is not None
    )
    oppose = _POSITION_OPPOSE_RE.search(text) is not None or (
        cues.position_oppose is not None and cues.position_oppose.search(text) is not None
    )
    _, _, alternative = cues.counts(text)
    if support == oppose or alternative:
        return UNCLEAR
    return SUPPORT if support else OPPOSE


def proposal_cues(proposal: str) -> ProposalCues:
    """The cues for a proposal's action, read from its text (the question asked, or the clause
    commented on, in either language)."""
    return ProposalCues(proposal) if proposal.strip() else _NO_PROPOSAL


def likert_stance(likert: int | None) -> int | None:
    """Stance code of a Likert answer (5 = strongly agree), None when there is no valid answer."""
    if likert is None or not 1 <= likert <= 5:
        return None
    return SUPPORT if likert >= 4 else OPPOSE if likert <= 2 else UNCLEAR


def _cue_events(
    pattern: re.Pattern[str],
    text: str,
    *,
    japanese: bool,
    denied: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, bool]]:
    """Matches of ``pattern`` in ``text``: (start, negated). A match inside one of the
    ``denied`` spans (a claim said to lack evidence) counts as negated."""
    events: list[tuple[int, bool]] = []
    position = 0
    while (match := pattern.search(text, position)) is not None:
        position = max(match.end(), match.start() + 1)
        if any(start <= match.start() < end for start, end in denied):
            events.append((match.start(), True))
            continue
        if japanese:
            # The negative ending belongs to the cue it negates: a cue inside it (必要はない in
            # 懸念する必要はない) is not read again.
            negation = _JA_NEGATION.match(text, match.end())
            is_negated = negation is not None or bool(_JA_ANSWERED.match(text, match.end()))
            if negation is not None:
                position = max(position, negation.end())
        else:
            start = match.start()
            window = text[max(0, start - _EN_NEGATION_WINDOW) : start]
            is_negated = bool(_EN_NEGATION.search(window)) or bool(
                _EN_ANSWERED.match(text, match.end())
            )
        events.append((match.start(), is_negated))
    return events


def _count(
    pattern: re.Pattern[str],
    text: str,
    *,
    japanese: bool,
    denied: Sequence[tuple[int, int]] = (),
) -> tuple[int, int]:
    """Matches of ``pattern`` in ``text``: (plain, negated); see `_cue_events`."""
    events = _cue_events(pattern, text, japanese=japanese, denied=denied)
    negated = sum(1 for _, is_negated in events if is_negated)
    return len(events) - negated, negated


def lexicon_stance(text: str, cues: ProposalCues = _NO_PROPOSAL) -> int:
    """Stance code read from the text alone (unclear when no cue is found); ``cues`` adds what
    the text says about the proposal's own action (`proposal_cues`)."""
    return _stance_of_counts(*_cue_counts(text, cues))


def _lexicon_form(text: str) -> str:
    """``text`` as the lexicons read it: normalised, lower-cased, typographic apostrophes
    (don’t) as the plain one the lexicon is written with."""
    return normalize(text).lower().replace("\u2019", "'")


def _cue_counts(text: str, cues: ProposalCues, *, normalized: str | None = None) -> tuple[int, int]:
    """(support, oppose) cues in ``text`` (or its `_lexicon_form`, ``normalized``, when the
    caller has it), negated cues counted for the other side."""
    if normalized is None:
        normalized = _lexicon_form(text)
    support, oppose, alternative = cues.counts(normalized)
    if alternative:
        # An alternative offered instead of the proposal: neither for nor against it as it stands.
        support += alternative
        oppose += alternative
    lexicons = []
    if _LATIN.search(normalized):
        lexicons.append((False, _EN_SUPPORT_RE, _EN_OPPOSE_RE))
    if not normalized.isascii():
        ja_oppose = _JA_OPPOSE_RESTRICTIVE_RE if cues.restricts else _JA_OPPOSE_RE
        lexicons.append((True, _JA_SUPPORT_RE, ja_oppose))
    for japanese, pro, con in lexicons:
        pro_plain, pro_negated = _count(pro, normalized, japanese=japanese)
        con_plain, con_negated = _count(con, normalized, japanese=japanese)
        # "not in favour" opposes; "not against" leans toward support.
        support += pro_plain + con_negated
        oppose += con_plain + pro_negated
    return support, oppose


def _stance_of_counts(support: int, oppose: int) -> int:
    """One side when it has at least twice the other's cues, mixed when neither has."""
    if support and oppose:
        if support >= 2 * oppose:
            return SUPPORT
        if oppose >= 2 * support:
            return OPPOSE
        return MIXED
    if support:
        return SUPPORT
    if oppose:
        return OPPOSE
    return UNCLEAR


# The arguments of a debate about banning or restricting something, for a comment that states
# no position in so many words. For the restriction: the harm of the thing it would stop
# ("predatory", "addiction", "normalises", 依存症, 悪影響), read only in sentences that do not
# speak of the restriction itself ("a ban would devastate communities" is about the ban), and
# rebuttals of the case against ("sports survived before that money", "it can be done").
# Against: freedom and personal responsibility, what would be lost without the thing ("without
# their money", "a lifeline", 財源), that it would not work or move elsewhere, that the thing
# is not the real problem, and consistency ("why single out", "where does it end").
_EN_HARM = (
    r"\b(?:predatory|manipulative|insidious|exploitative|harmful|dangerous|toxic|corrosive|"
    r"sinister|grotesque|disgusting|shameful|appalling|deceptive|misleading|complicit)\b",
    r"\bprey(?:s|ed|ing)? (?:on|upon)\b",
    r"\bexploit(?:s|ed|ing|ation)?\b",
    r"\btarget(?:s|ed|ing)? (?:[\w'-]+ ){0,2}(?:vulnerable|children|kids|young|teenagers|minors|"
    r"desperate|addicts?|the poor)\b",
    r"\baddict(?:ion|ions|ed|s|ive)?\b",
    r"\b(?:destroy(?:s|ed)?|ruin(?:s|ed)?|wreck(?:s|ed)?|devastat(?:es|ed)) (?:my|his|her|their|"
    r"our|lives|families|marriages?)\b",
    r"\blost (?:my|his|her|their|our|everything)\b",
    r"\bnormali[sz](?:e|es|ed|ing|ation)\b",
    r"\b(?:vulnerable|at-risk) (?:people|men|women|children|adults|groups|viewers|families)\b",
    r"\b(?:particularly|especially|most|so) vulnerable\b",
    r"\bsuicides?\b",
    r"\b(?:hooked|trapped)\b",
    r"\bgateway\b",
    r"\b(?:is|are) (?:the |even )?worst\b|\bworse than\b|\bmakes? (?:it|things|this) worse\b",
    r"\bcorrupt(?:s|ed|ing|ion)?\b",
    r"\binfect(?:s|ed|ing)\b|\bwarp(?:s|ed|ing)\b",
    r"\b(?:it's|that's|it is|that is) not right\b",
    r"\bpsychological (?:tricks|manipulation)\b",
    r"\bcauses? (?:[\w'-]+ ){0,3}harm\b|\bcosts? (?:[\w'-]+ ){0,3}(?:millions|billions|lives)\b",
    r"\b(?:needs?|deserves?) (?:\w+ )?protection\b|\bsafeguarding\b",
    r"\bprotect(?:s|ing)? (?:\w+ )?(?:children|kids|the vulnerable|vulnerable|young people|minors)\b",
)
_EN_REBUTTAL = (
    r"\b(?:survived|thrived|managed|coped|did fine|were fine)(?: \w+){0,3} (?:before|without)\b",
    r"\b(?:manage|managed|cope|coped|do|did) (?:fine|well|perfectly well) without\b",
    r"\bcan be done\b",
    r"\b(?:will|they'll|would|can) adapt\b",
    r"\b(?:argument|case|claim) is (?:overstated|exaggerated|weak|overblown)\b",
    r"\bshould (?:override|outweigh|come before|trump)\b",
    # What would be lost can be found elsewhere: "find other revenue sources", "alternative
    # funding to replace gambling sponsorship".
    r"\b(?:alternative|other|new|different|ethical|replacement) (?:sources? of |revenue |funding "
    r"|income )?(?:funding|revenue|income|sponsors?(?:hip)?|sources?|backers|investors)\b",
    r"\breplace (?:the |their |that |this |its |lost )?(?:[\w'-]+ ){0,2}(?:funding|revenue|income|"
    r"sponsorship|money)\b",
)
_NOT_REBUTTED = "".join(
    f"(?<!{w} without)" for w in ("fine", "well", "okay", "survived", "thrived", "managed")
)
_EN_CASE_AGAINST = (
    r"\b(?:their|your|our|his|her|my) own (?:choices?|decisions?|minds?)\b",
    r"\b(?:personal|individual) (?:responsibility|choice|freedom|liberty)\b",
    r"\bfreedom (?:of (?:\w+ )?(?:choice|speech|expression)|to choose)\b",
    r"\bfree (?:market|choice)\b",
    r"\b(?:let|allow) (?:people|adults|consumers|individuals|viewers|the market|them) "
    r"(?:\w+ )?(?:choose|decide)\b",
    r"\b(?:choose|decide) for themselves\b",
    r"\b(?:that's|it's|that is|it is) (?:their|your|my) (?:choice|business|decision)\b",
    r"\b(?:don't|do not|shouldn't|should not) punish\b",
    r"\bresponsible (?:gamblers|drinkers|users|adults|majority|customers|players|owners)\b",
    r"\bgovernment (?:intervention|interference|overreach)\b",
    # (not "managed fine without it", a rebuttal)
    rf"\bwithout{_NOT_REBUTTED} (?:[\w'-]+ ){{0,3}}(?:money|revenue|funding|sponsors?(?:hip)?|"
    r"income|investment)\b",
    rf"\bwithout{_NOT_REBUTTED} (?:it|them)\b",
    r"\bbecause of (?:[\w'-]+ ){0,3}(?:money|revenue|funding|sponsorship|income)\b",
    r"\b(?:lifeline|livelihoods?)\b",
    r"\b(?:funds?|funded|funding|finances?|keeps?) (?:[\w'-]+ ){0,3}(?:sports?|clubs?|coverage|"
    r"teams?|events?|athletes|jobs|(?:costs?|prices?) down)\b",
    r"\bemploys? (?:[\w'-]+ ){0,2}(?:thousands|hundreds|millions)\b",
    r"\b(?:would|will|could) (?:[\w'-]+ ){0,2}(?:fold|disappear|collapse|go under|go bust|"
    r"shut down|close down|die)\b",
    r"\b(?:will|would|they'll|they'd|people'll) (?:just |simply |still )?(?:find (?:a|another|"
    r"other) ways?|go (?:elsewhere|online|offshore|underground|abroad)|"
    r"see (?:[\w'-]+ ){0,3}elsewhere)\b",
    r"\bdrive (?:[\w'-]+ ){0,2}(?:offshore|underground|elsewhere|abroad)\b",
    r"\b(?:isn't|is not|aren't|are not) the (?:real |main |actual |root )?(?:problem|issue|cause)\b",
    r"\bthe (?:real|actual|root) (?:problem|issue|cause)\b",
    r"\bthe (?:problem|issue) (?:isn't|is not)\b",
    r"\bnot the cause\b",
    r"\b(?:don't|do not|can't|cannot) see (?:the|what the|a|any) problem\b",
    r"\bharmless\b",
    r"\balready (?:face|faces|facing|under|subject to) (?:\w+ )?(?:regulation|rules|restrictions)\b"
    r"|\balready (?:heavily |strictly |tightly |well )?regulated\b",
    r"\bsingle(?:d|s)? out\b|\bwhere does it (?:end|stop)\b|\bslippery slope\b",
    r"\b(?:bad|dangerous|worrying) precedent\b",
    r"\bpart of (?:the |our )?(?:culture|tradition|heritage)\b",
)
# Worry, danger and damage (懸念, 危険, 被害) are left out: a comment as often fears them from
# the restriction as from what it restricts. So is freedom of expression, which surveillance and
# a ban on advertising both touch.
_JA_HARM = (
    r"依存",
    r"有害",
    r"悪影響",
    r"搾取",
    r"助長",
    r"蔓延",
    r"破産|破綻|自殺",
    r"(?:子ども|子供|こども|若者|未成年|弱者)(?:たち)?(?:を|が)(?:守|狙|標的)",
    r"(?:食い物|餌食)に",
)
_JA_ALTERNATIVE = r"(?:代わりの|代わりとなる|代替の?|別の|他の|ほかの|新たな|新しい)"
_JA_REBUTTAL = (
    r"(?:なくても|なしでも)(?:成り立|やって(?:いけ|こられ)|存続)",
    r"実現(?:でき|可能)",
    # What would be lost can be found elsewhere: 代わりの財源, 別のスポンサー.
    rf"{_JA_ALTERNATIVE}(?:財源|収入源|資金源|スポンサー|協賛)",
)
_JA_CASE_AGAINST = (
    r"自己責任",
    r"(?:選択|個人|営業|経済活動)の自由",
    r"自由(?:を|が)(?:奪|侵|制限)",
    r"雇用(?:が|を)?(?:失|奪|守)",
    "".join(
        f"(?<!{w})"
        for w in (
            "代わりの",
            "代わりとなる",
            "代替",
            "代替の",
            "別の",
            "他の",
            "ほかの",
            "新たな",
            "新しい",
        )
    )
    + r"(?:財源|収入源|資金源)",
    # What would be lost: 収入がなければ, スポンサーなしでは.
    r"(?:収入|収益|資金|財源|売上|スポンサー|協賛|税収|雇用)(?:が|も)?(?:なければ|なくなれば|なしでは|ないと)",
    r"(?:既に|すでに)(?:十分(?:に)?)?(?:規制|ルール)",
    r"(?:本当|根本|真)の(?:問題|原因)",
    r"問題(?:は|の本質は)(?:\w{1,12}?)ではな",
)
# The arguments of a debate about introducing, deploying or allowing a technology (cameras that
# recognise faces, an AI system, a new use of data): what it puts at risk opposes it, what it
# would achieve supports it. The risks and the gains that belong to the technology itself (privacy,
# wrong matches, bias, breaches, misuse, consent; catching offenders, finding missing people,
# keeping up with other countries) count the other way round for a proposal to ban or restrict
# it. Feeling safe and being protected (`_EN_SAFETY`, `_JA_SAFETY`) count only for introducing
# something: of a restriction they are said as often for it ("children would be safer").
_EN_TECH_RISK = (
    r"\b(?:invasion|invasions|violation|violations|intrusion|breach|breaches|erosion|end) of "
    r"(?:our |my |their |people's |personal )?privacy\b"
    r"|\b(?:invade|invades|invading|violate|violates|violating|erode|erodes|eroding|destroy|"
    r"destroys) (?:our |my |their |people's |personal )?privacy\b",
    r"\b(?:mass|state|constant|blanket|permanent|total|ubiquitous|indiscriminate) surveillance\b"
    r"|\bsurveillance (?:state|society)\b|\bbig brother\b|\borwellian\b|\bpolice state\b",
    r"\b(?:wrongly|wrongfully|falsely) (?:\w+ )?(?:identified|accused|arrested|flagged|stopped|"
    r"targeted|matched)\b|\binnocent (?:people|person|commuters|citizens|residents|families|"
    r"bystanders) (?:will|would|could|get|are|being)\b",
    r"\b(?:racist|discriminatory)\b|\bbakes? in (?:the )?bias\b",
    r"\bchill(?:s|ing)? (?:free speech|speech|protest|dissent)\b|\bchilling effect\b",
    r"\b(?:a )?(?:gift|goldmine|honeypot|target) (?:to|for) (?:hackers|criminals|thieves)\b",
    r"\b(?:function|mission) creep\b",
    r"\bno (?:evidence|proof)\b|\bunproven\b",
    r"\bunaccountable\b|\bblack box\b",
    r"\bwithout (?:our |my |their |anyone's |people's )(?:consent|permission|knowledge)\b"
    r"|\bnever (?:agreed|consented)\b",
    r"\bpresumption of innocence\b|\b(?:treat|treats|treated|treating) (?:\w+ ){0,2}as "
    r"(?:suspects|criminals|guilty)\b",
    r"\b(?:money|budget|funds?|funding|resources) (?:would|could) be better spent\b"
    r"|\bbetter spent\b|\bwaste of (?:\w+ )?(?:money|resources)\b"
    r"|\b(?:spend|put|invest) (?:the|that|this) (?:money|budget|funding) (?:on|in|into)\b",
    r"\b(?:steal|steals|stealing|stolen|theft|plagiari[sz]\w*)\b",
    # Being watched, tracked and profiled.
    r"\bbeing watched\b|\b(?:spy|spies|spying|snoop|snooping) on\b|\bspying\b"
    r"|\b(?:tracked|profiled|catalogued|cataloged)\b|\b(?:track|tracking|profile|profiling) "
    r"(?:people|citizens|children|pupils|everyone|us|them|our)\b|\bbuild(?:s|ing)? (?:up )?"
    r"(?:a )?profiles? of\b",
    # Deterring people from what they have every right to do.
    r"\bself-censor\w*|\bthink twice\b|\bafraid to (?:speak|protest|search|say|ask|apply|"
    r"go)\b|\bdeter(?:s|red)? (?:people |anyone |them |us )?from (?:protesting|speaking|"
    r"searching|applying|seeking|asking|going)\b",
    # Errors and false alarms.
    # A count of them published is a safeguard, not a claim: "the number of false matches".
    r"\b(?=f)(?<!number of )(?<!rate of )(?<!share of )(?<!count of )(?<!figures on )"
    r"false (?:positives|alarms|matches|flags|accusations)\b|\bmisidentif\w+"
    r"|\bwrongly (?:flag|accus|suspect|label|target)\w*|\binaccurate\b|\bunreliable\b",
    r"\bdiscriminat\w+|\bdisproportionately (?:target|affect|flag|hit)\w*",
    # No one to answer for it, no way to challenge it.
    r"\bno (?:oversight|accountability|transparency|(?:right|way) to (?:appeal|challenge)|"
    r"redress)\b|\b(?:cannot|can't|no one can|nobody can) (?:appeal|challenge|explain)\b"
    r"|\bopaque\b|\bunexplain\w+",
    r"\bdata breach\w*|\b(?:will|would|could|can) be (?:hacked|leaked|sold|misused|abused)\b",
    r"\bstigma\w*|\b(?:break|breaks|breaking|erode|erodes|undermine|undermines) (?:the )?trust\b",
    r"\bright to privacy\b|\bcivil liberties\b|\bhuman rights\b|\bauthoritarian\b"
    r"|\bdystopi\w+|\bline (?:we|a democracy|society) (?:should|must) (?:not|never) cross\b",
    r"\bmoney (?:should|would be better|could) (?:go|be spent) (?:on|to|towards)\b",
    r"\bslippery slope\b|\bonce (?:the system|it|the cameras|the software|the data) "
    r"(?:exists?|is in place|are in place|is installed|are installed|is collected)\b",
)
_EN_TECH_GAIN = (
    r"\b(?:prevent|reduce|cut|deter|tackle|fight|solve|stop|combat)(?:s|ed|ing)? "
    r"(?:[\w'-]+ ){0,2}(?:crimes?|offending|burglar(?:y|ies)|thefts?|violence|terrorism|"
    r"terror attacks?|attacks|assaults|shoplifting)\b",
    r"\b(?:crime|crime rates?|burglar(?:y|ies)|thefts?) (?:[\w'-]+ ){0,3}(?:has |have |had )?"
    r"(?:fallen|fell|dropped|gone down|went down|decreased)\b|\bfewer (?:crimes|burglaries|thefts|"
    r"attacks|assaults|victims)\b",
    r"\b(?:catch|catches|caught|catching|track down|pick out|picked out|arrest|arresting) "
    r"(?:\w+ ){0,2}(?:offenders|criminals|suspects|terrorists|thieves|attackers)\b",
    r"\b(?:find|finding|found|locate|locating|spot|spotting) (?:\w+ ){0,2}missing (?:children|child|"
    r"people|persons?|kids|relatives)\b",
    r"\bsave(?:s|d)? (?:\w+ )?lives\b",
    # Falling behind as something to avoid is the case for it ("we must not fall behind", "so
    # as not to fall behind"); a forecast that a country "will be left behind" may be behind
    # the trend to protect people as well as the technology, and tells no side.
    r"\b(?:not|never|don't|cannot|can't|mustn't|avoid|afford to) (?:\w+ )?"
    r"(?:fall|falling|fell|be left|lag|lagging|lags) behind\b",
    # Protection, early warning, time given back to the people who help.
    r"\bprotect(?:s|ing)? (?:\w+ )?(?:children|pupils|kids|the vulnerable|vulnerable (?:people|"
    r"children|adults)|the public|victims|families)\b",
    r"\bearly warning\b|\b(?:flag|flags|flagged|spot|spots|spotting|pick up|picks up|detect|"
    r"detects|detecting) (?:\w+ ){0,3}(?:early|warning signs|the signs|risks|abuse|grooming|"
    r"fraud)\b|\bmight have warned\b|\bcould have (?:warned|saved|prevented)\b",
    r"\bfree(?:s|ing)? up (?:\w+ )?(?:staff|time|officers|workers|caseworkers)\b"
    r"|\b(?:saves?|saving) (?:\w+ )?time\b|\bmore efficient\w*",
    r"\bproportionate\b|\b(?:reasonable|sensible|strong|adequate|clear) safeguards\b",
)
_EN_SAFETY = (
    r"\b(?:feel|feels|felt|be|are|is|much|far) safer\b|\bkeep(?:s|ing)? (?:us|people|everyone|"
    r"the public|passengers|residents) safe\b",
    r"\bnothing to (?:hide|fear)\b",
    r"\b(?:needs?|deserves?) (?:\w+ )?protection\b",
)
_JA_TECH_RISK = (
    r"プライバシー(?:の|を|が)?(?:侵害|侵|脅か)",
    r"監視(?:社会|国家)|(?:常時|常に|四六時中)監視され",
    r"冤罪|(?:無実|無関係)の(?:人|市民|者)(?:が|を)",
    r"萎縮(?:させ|して|し|する(?!理由))",
    r"取り返しが(?:つか|付か)",
    r"無断で|許諾なく|断りなく|承諾なく",
    r"(?:悪用|乱用|濫用|目的外(?:の)?(?:利用|使用))(?:される|の)(?:おそれ|恐れ|危険|懸念)",
    r"効果(?:が|は)?(?:疑問|不明|未知数)|(?:のか|か)疑問|根拠(?:が|は)?(?:ない|乏し|不明)",
    r"(?:収入|仕事|雇用|生計|権利)(?:が|を)(?:奪|脅か)",
    r"不公平|不公正",
    # 見張られ、追跡され、ためらわされる。
    r"監視され|見張られ|のぞき見|覗き見|追跡され|行動(?:が|を)(?:把握|監視)|監視の(?:対象|目)",
    r"ためら(?:う|い|わ)|躊躇|(?:自由に|安心して)(?:発言|検索|相談|申請)でき(?:な|ま)",
    # Not a count of them reported, which is a safeguard: 誤検知の事例まで報告する.
    r"誤って(?:判定|検知|認定|疑|判断)|誤った(?:判定|判断|検知)"
    r"|誤(?:判定|検知|作動)(?!の(?:事例|件数|数|率|割合|記録))",
    r"差別|偏見|レッテル|肩身の狭",
    r"(?:理由|根拠)(?:を|が)[^。]{0,8}(?:説明|知る)(?:こと)?(?:が|も)?でき(?:ない|ません|ず)"
    r"|説明責任(?:が|を)(?:果たされ|果たさ)(?:ない|ず)|不透明|ブラックボックス",
    r"漏えい|漏洩|流出|ハッキング|不正アクセス",
    r"人権|プライバシー(?:が|は)?守られ(?:ない|ません|ず)|民主主義|表現の自由",
    r"税金の無駄|無駄遣い|費用対効果(?:が|は)?(?:低|悪|疑|見合)",
    r"より(?:も)?、?[^。]{0,30}(?:を|に)(?:充実|強化|増や|回)(?:させ|し|す)?(?:る)?べき",
    r"なし崩し|他の目的(?:に|にも)(?:使|利用)|歯止め(?:が|は)(?:ない|かから|利か)",
)
_JA_TECH_GAIN = (
    r"防犯(?:に(?:つなが|役立|効果)|効果(?:が|は)?(?:期待|大き|高))",
    r"犯罪(?:の)?(?:抑止|防止|減少|予防)(?:に|が|の効果)|犯罪が減",
    r"(?:行方不明|迷子)(?:の)?(?:\w{0,6}?)(?:を|が)(?:早く|すぐに?)?(?:見つけ|見つか|発見)",
    r"テロ(?:対策|防止|の未然防止)(?:として|に|は)",
    r"命を(?:守|救)|命が(?:救|守)",
    # Negated or not, falling behind is the case for it (遅れを取らないために).
    r"遅れを(?:取|と)ら(?:ない|ず|ぬ)?|乗り遅れ(?:ない|ず|ぬ)?|国際競争力",
    r"(?:子ども|子供|児童|生徒|弱者|被害者|市民|利用者)を(?:守|保護)",
    r"早期(?:に)?(?:発見|把握|対応|介入)|早く気づ|見逃さ(?:ない|ず)|兆候を(?:とらえ|捉え|把握)",
    r"効率(?:化|よく|的に)|負担(?:を|が)(?:減|軽)|(?:向き合う|支援の|相談の)時間(?:が|を)(?:増|確保)",
    r"制度への信頼(?:を|が)?(?:守|保|高|回復)|本当に(?:困って|支援が必要|必要として)[^。]{0,6}人に",
    r"不正(?:の)?(?:防止|抑止)|不正を(?:防|見つけ|発見|減)",
)
_JA_SAFETY = (
    r"安心して(?:利用|暮ら|生活|歩|通)",
    r"心強い",
)
# A position stated plainly, for a proposal to introduce something: 前向き, ぜひ進めてほしい.
_JA_FORWARD = r"(?:導入|実施|推進)?に(?:は)?前向き|(?:ぜひ|是非|早く|早急に)(?:進め|導入|実施)"
_EN_TECH_RISK_RE = _compile(_EN_TECH_RISK)
_EN_TECH_GAIN_RE = _compile(_EN_TECH_GAIN)
_EN_SAFETY_RE = _compile(_EN_SAFETY)
_JA_TECH_RISK_RE = _compile(_JA_TECH_RISK)
_JA_TECH_GAIN_RE = _compile(_JA_TECH_GAIN)
_JA_SAFETY_RE = _compile((*_JA_SAFETY, _JA_FORWARD))
_EN_HARM_RE = _compile(_EN_HARM)
_EN_FOR_RE = _compile(_EN_REBUTTAL)
_EN_AGAINST_RE = _compile(_EN_CASE_AGAINST)
_JA_HARM_RE = _compile(_JA_HARM)
_JA_FOR_RE = _compile(_JA_REBUTTAL)
_JA_AGAINST_RE = _compile(_JA_CASE_AGAINST)
_SENTENCE_END = re.compile(r"[.!?。！？\n]")


# Words quoted from others ("'Nothing to hide' is not an argument", 「必要な措置」) are not the
# writer's own arguments.
_QUOTED = re.compile(r"“[^”]{0,300}”|\"[^\"\n]{0,300}\"|「[^」]{0,300}」|『[^』]{0,300}』")
# A gain or a risk said to lack evidence is denied: "little solid evidence that cameras reduce
# crime", 犯罪が減ったという確かな証拠は乏しい. What the denial covers is read as negated.
_EN_DENIAL = re.compile(
    r"\b(?:no|little|scant|limited|weak|insufficient|not much|not enough|no real)"
    r" (?:[\w-]+ )?(?:evidence|proof|data|sign|signs) (?:that|of) [^.;:!?\n]{0,120}"
)
# Japanese puts the denial after the claim: the claim is the clause before it.
_JA_DENIAL_AFTER = re.compile(
    r"(?:という|との)(?:確かな|十分な|明確な|科学的な)?(?:証拠|根拠|データ)"
    r"(?:は|が|も)?(?:乏し|な(?:い|く)|ありません|少な|不十分)"
)
# A gain claimed for spending the same money otherwise ("spent on healthcare, the same money
# would save more lives", 同じ額を医療に使えば命が守れる) is no gain of the proposal: gains and
# safety in such a sentence are read as denied (its risks are not).
_EN_OTHERWISE = re.compile(
    r"\b(?:the same|that|this|the) (?:money|amount|budget|sum|funding) (?:would|could|might)\b"
)
_JA_OTHERWISE = re.compile(
    r"(?:同じ(?:額|予算|お金|金額)|その(?:予算|お金|費用|財源))を[^。！？\n]{0,40}?(?:使え|回せ|充て|使っ)"
)
_EN_STOPS = ".!?\n"
_JA_STOPS = "。！？\n"


def _evidence_denied(text: str, *, japanese: bool) -> list[tuple[int, int]]:
    """Spans of ``text`` whose claims are said to lack evidence."""
    if not japanese:
        return [m.span() for m in _EN_DENIAL.finditer(text)]
    spans = []
    for match in _JA_DENIAL_AFTER.finditer(text):
        start = match.start()
        while start > max(0, match.start() - 60) and text[start - 1] not in _JA_STOPS + "、":
            start -= 1
        spans.append((start, match.start()))
    return spans


def _spent_otherwise(text: str, *, japanese: bool) -> list[tuple[int, int]]:
    """The sentences of ``text`` that claim a gain for spending the money another way."""
    stops = _JA_STOPS if japanese else _EN_STOPS
    spans = []
    for match in (_JA_OTHERWISE if japanese else _EN_OTHERWISE).finditer(text):
        start, end = match.start(), match.end()
        while start > 0 and text[start - 1] not in stops:
            start -= 1
        while end < len(text) and text[end] not in stops:
            end += 1
        spans.append((start, end))
    return spans


# A sentence that turns to the other side: "Still, …", "On the other hand, …", とはいえ、….
# ("Still," and "Yet," with their comma: "Yet another camera" turns nowhere; ただ、 not ただちに.)
_EN_TURN = re.compile(
    r"(?:but|however|that said|on the other hand|even so|then again|at the same time)\b"
    r"|(?:still|yet),"
)
_JA_TURN = re.compile(
    r"しかし|とはいえ|ただし|それでも|けれど|だが|ですが|(?:ただ|でも|一方(?:で)?)(?=[、,，])"
)
_EN_IF_RESTRICTED = re.compile(
    r"\b(?:if|once|when|should) (?:we |you |they |the government |the law |it )?"
    r"(?:bans?|restricts?|regulates?|limits?|prohibits?|requires? (?:permission|consent|a licen[cs]e))"
    r"|\b(?:banning|restricting|regulating|prohibiting|licensing) (?:it|them|this|training|ai)\b"
    r"|\b(?:a ban|restrictions|strict rules|regulation) would\b"
)
_JA_IF_RESTRICTED = re.compile(
    r"(?:規制|禁止|制限|許諾を義務)(?:すれば|したら|すると|されれば|されたら|を(?:かけ|強化し|設け)(?:れば|たら|ると))"
)
# A sentence granting the other side its point before the turn: "I understand the need for
# safety. However, …", 確かに…。しかし、…: the writer's own view is what follows.
_EN_CONCESSION = re.compile(
    r"\b(?:i|we) (?:fully |do |can )?(?:understand|appreciate|accept|see|know|recognise|recognize"
    r"|get)\b|\bof course\b|\badmittedly\b|\bgranted\b|\bit is true\b|\bit's true\b"
)
_JA_CONCESSION = re.compile(
    r"確かに|たしかに|もちろん|理解でき|わかります|分かります|もっとも(?:だ|です)"
)
_SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？\n]*")


def _argument_events(text: str, cues: ProposalCues) -> tuple[list[tuple[int, int]], list[int]]:
    """The arguments in ``text`` (lexicon form, quotations blanked), see `argument_stance`:
    (position, +1 for the proposal or -1 against it) for each, and the positions of harms of
    what a restriction would stop (counted for it where they are not said of the restriction)."""
    events: list[tuple[int, int]] = []
    harms: list[int] = []
    for japanese, used in (
        (False, _LATIN.search(text) is not None),
        (True, not text.isascii()),
    ):
        if not used:
            continue
        harm, rebuttal, against, risk, gain, safety = (
            (
                _JA_HARM_RE,
                _JA_FOR_RE,
                _JA_AGAINST_RE,
                _JA_TECH_RISK_RE,
                _JA_TECH_GAIN_RE,
                _JA_SAFETY_RE,
            )
            if japanese
            else (
                _EN_HARM_RE,
                _EN_FOR_RE,
                _EN_AGAINST_RE,
                _EN_TECH_RISK_RE,
                _EN_TECH_GAIN_RE,
                _EN_SAFETY_RE,
            )
        )
        denied = _evidence_denied(text, japanese=japanese)
        otherwise = denied + _spent_otherwise(text, japanese=japanese)
        risks = _cue_events(risk, text, japanese=japanese, denied=denied)
        gains = _cue_events(gain, text, japanese=japanese, denied=otherwise)
        if cues.enables:
            # A risk of restricting instead ("regulate it and creativity is chilled",
            # 規制すれば創作活動まで萎縮する) is the case for what the proposal allows.
            if_restricted = _JA_IF_RESTRICTED if japanese else _EN_IF_RESTRICTED
            restricting = [m.start() for m in if_restricted.finditer(text)]
            ends: list[int] = []
            if restricting:
                ends = [m.end() for m in _SENTENCE.finditer(text)]
            of_restricting = {bisect.bisect_right(ends, at) for at in restricting}
            for at, negated in risks:
                flipped = bool(of_restricting) and bisect.bisect_right(ends, at) in of_restricting
                events.append((at, 1 if negated or flipped else -1))
            events += [(at, -1 if negated else 1) for at, negated in gains]
            safeties = _cue_events(safety, text, japanese=japanese, denied=otherwise)
            events += [(at, -1 if negated else 1) for at, negated in safeties]
            continue
        harms += [m.start() for m in harm.finditer(text)]
        events += [(m.start(), 1) for m in rebuttal.finditer(text)]
        events += [(m.start(), -1) for m in against.finditer(text)]
        events += [(at, -1 if negated else 1) for at, negated in risks]
        events += [(at, 1 if negated else -1) for at, negated in gains]
    return events, harms


def argument_stance(text: str, cues: ProposalCues, *, normalized: str | None = None) -> int:
    """Stance code read from the arguments a comment makes, for a proposal that plainly restricts
    something (`ProposalCues.restricts`) or plainly introduces it (`ProposalCues.enables`);
    unclear for any other proposal, or with no argument.

    Of a restriction: the harm of what it would stop supports it, the case against restricting
    opposes it, and so do the gains of the technology it would stop, while the risks of that
    technology support it. Of an introduction: the risks of what it brings oppose it, its gains
    and the safety it gives support it. Each cue is read with its negation as the lexicon reads it
    ("no evidence it reduces crime" counts against); what the writer quotes is not read. Weaker
    evidence than a stated position: `stance_many` asks only when the lexicon found none.
    ``normalized``: the text's `_lexicon_form`, when the caller has it."""
    if not (cues.restricts or cues.enables):
        return UNCLEAR
    if normalized is None:
        normalized = _lexicon_form(text)
    normalized = _QUOTED.sub(lambda m: " " * len(m.group()), normalized)
    if cues.enables and _SENTENCE_END.search(normalized.rstrip(".!?。！？ \n")):
        # More than one sentence about an introduction: weighed sentence by sentence.
        return _weighed_stance(normalized, cues)
    events, harms = _argument_events(normalized, cues)
    support = sum(1 for _, side in events if side > 0)
    oppose = len(events) - support
    if harms and cues.mentions is not None:
        # Harm said in a sentence that speaks of the restriction itself is not counted.
        said_of_action = [m.start() for m in cues.mentions.finditer(normalized)]
        if said_of_action:
            ends = [m.start() for m in _SENTENCE_END.finditer(normalized)]
            sentences = {bisect.bisect_right(ends, at) for at in said_of_action}
            harms = [at for at in harms if bisect.bisect_right(ends, at) not in sentences]
    return _stance_of_counts(support + len(harms), oppose)


def _weighed_stance(normalized: str, cues: ProposalCues) -> int:
    """The stance of a comment of more than one sentence on a proposal to introduce something,
    read from its arguments sentence by sentence. Such comments weigh a draft: one that turns to
    the other side ("Still, …", とはいえ、…) with arguments on one side of the turn only, or on
    both sides against each other, is mixed, unless the sentence before the turn grants the
    other side its point, when what follows decides; otherwise the arguments decide as in a
    short comment."""
    events, _ = _argument_events(normalized, cues)
    if not events:
        return UNCLEAR
    turn_at = len(normalized)
    conceded = False
    previous = ""
    for index, match in enumerate(_SENTENCE.finditer(normalized)):
        sentence = match.group().strip()
        if index and (_EN_TURN.match(sentence) or _JA_TURN.match(sentence)):
            turn_at = match.start()
            conceded = bool(_EN_CONCESSION.search(previous) or _JA_CONCESSION.search(previous))
            break
        previous = sentence
    before = [0, 0]
    after = [0, 0]
    for at, side in events:
        counts = after if at >= turn_at else before
        counts[0 if side > 0 else 1] += 1
    if conceded:
        return _stance_of_counts(*after)
    turned = turn_at < len(normalized)
    if turned and any(before) != any(after):
        return MIXED
    if (
        turned
        and any(before)
        and any(after)
        and _stance_of_counts(*before) != _stance_of_counts(*after)
    ):
        return MIXED
    return _stance_of_counts(before[0] + after[0], before[1] + after[1])


def contradicting_copies(
    texts: Sequence[str],
    *,
    group_of: np.ndarray,
    canonical_indices: np.ndarray,
    wording_of: np.ndarray,
    cues: ProposalCues = _NO_PROPOSAL,
) -> np.ndarray:
    """The near-duplicates whose own words take the other side from their group's letter.

    ``group_of[i]``: comment ``i``'s near-duplicate group; ``canonical_indices[g]``: the
    comment whose text speaks for group ``g`` (its letter); ``wording_of[i]``: the first comment
    with the same normalised text as comment ``i``. A copy contradicts its letter when the
    letter reads as support or opposition (`lexicon_stance`) and the copy reads as the other
    side ("I support the plan because …" in a group of "I oppose the plan because …"), or reads
    as mixed because of what its sender changed: it has more cues for the other side than the
    letter and no more for the letter's ("I oppose the plan …" with "However, I support the
    plan." added). Each wording that differs from its letter is read once, and only in groups
    whose letter takes a side; exact copies of the letter are not read at all. Returns the
    first comment of each contradicting wording (ascending int64).
    """
    n = len(texts)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    group_of = np.asarray(group_of, dtype=np.int64)
    canonical = np.asarray(canonical_indices, dtype=np.int64)
    wording_of = np.asarray(wording_of, dtype=np.int64)
    shared = np.bincount(group_of, minlength=len(canonical))[group_of] >= 2
    first_of_wording = wording_of == np.arange(n)
    own_wording = wording_of != wording_of[canonical[group_of]]
    letters: dict[int, tuple[int, int]] = {}  # per group, its letter's (support, oppose) cues
    found: list[int] = []
    for i in np.flatnonzero(shared & first_of_wording & own_wording).tolist():
        group = int(group_of[i])
        letter = letters.get(group)
        if letter is None:
            letter = letters[group] = _cue_counts(texts[int(canonical[group])], cues)
        side = _stance_of_counts(*letter)
        if side not in (SUPPORT, OPPOSE):
            continue
        support, oppose = _cue_counts(texts[i], cues)
        own = _stance_of_counts(support, oppose)
        if side == SUPPORT:
            other, gained, kept = OPPOSE, oppose - letter[1], support - letter[0]
        else:
            other, gained, kept = SUPPORT, support - letter[0], oppose - letter[1]
        if own == other or (own == MIXED and gained > 0 and kept <= 0):
            found.append(i)
    return np.asarray(found, dtype=np.int64)


def train_stance_classifier(
    features: sp.csr_matrix, codes: np.ndarray, *, min_per_side: int, seed: int = 0
) -> LogisticRegression | None:
    """A support-vs-oppose classifier on the rows whose code is SUPPORT or OPPOSE, or None when
    either side has fewer than ``min_per_side`` examples."""
    mask = (codes == SUPPORT) | (codes == OPPOSE)
    y = codes[mask] == SUPPORT
    if y.sum() < min_per_side or (~y).sum() < min_per_side:
        return None
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000, random_state=seed)
    model.fit(features[mask], y)
    return model


def stance_many(
    texts: Sequence[str],
    *,
    likert: np.ndarray | None = None,
    features: sp.csr_matrix | None = None,
    classifier: LogisticRegression | None = None,
    cues: ProposalCues = _NO_PROPOSAL,
) -> tuple[np.ndarray, np.ndarray]:
    """Stance codes and their sources (int8 arrays) for ``texts``.

    ``likert`` (int array, 0 = no answer) takes precedence; the lexicon reads the rest (with the
    proposal's ``cues``); where it finds nothing, the arguments are read (`argument_stance`),
    and a ``classifier`` with row ``features``, if given, outranks them where it is confident
    (probability at least 0.65 either way).
    """
    codes, sources, forms = _stated_stances(texts, likert=likert, cues=cues)
    _fill_from_arguments(
        codes, sources, texts, forms, cues, features, classifier, _CLASSIFIER_CONFIDENCE
    )
    return codes, sources


def _stated_stances(
    texts: Sequence[str], *, likert: np.ndarray | None, cues: ProposalCues
) -> tuple[np.ndarray, np.ndarray, dict[int, str]]:
    """Codes and sources from Likert answers and stated positions (the lexicon), and the
    lexicon form of each text still undecided."""
    n = len(texts)
    codes = np.full(n, UNCLEAR, dtype=np.int8)
    sources = np.full(n, SOURCE_NONE, dtype=np.int8)
    forms: dict[int, str] = {}
    for i, text in enumerate(texts):
        answer = likert_stance(int(likert[i])) if likert is not None and likert[i] else None
        if answer is not None:
            codes[i], sources[i] = answer, SOURCE_LIKERT
            continue
        normalized = _lexicon_form(text)
        code = _stance_of_counts(*_cue_counts(text, cues, normalized=normalized))
        if code != UNCLEAR:
            codes[i], sources[i] = code, SOURCE_LEXICON
        else:
            forms[i] = normalized
    return codes, sources, forms


def _fill_from_arguments(
    codes: np.ndarray,
    sources: np.ndarray,
    texts: Sequence[str],
    forms: dict[int, str],
    cues: ProposalCues,
    features: sp.csr_matrix | None,
    classifier: LogisticRegression | None,
    confidence: float,
) -> None:
    """Decide the texts in ``forms`` (undecided so far) by their arguments, then let the
    ``classifier`` outrank them where it is confident. Texts it is confident about are not read
    for arguments at all: its answer would replace theirs (the result is the same, sooner)."""
    rows = np.array(sorted(forms), dtype=np.int64)
    to_read = rows
    if classifier is not None and features is not None and len(rows):
        probability = classifier.predict_proba(features[rows])[:, 1]
        confident = (probability >= confidence) | (probability <= 1 - confidence)
        to_read = rows[~confident]
    for i in to_read.tolist():
        if (code := argument_stance(texts[i], cues, normalized=forms[i])) != UNCLEAR:
            codes[i], sources[i] = code, SOURCE_ARGUMENT
    if classifier is not None and features is not None:
        classifier_fill(codes, sources, features, classifier, confidence=confidence)


def classifier_fill(
    codes: np.ndarray,
    sources: np.ndarray,
    features: sp.csr_matrix,
    classifier: LogisticRegression,
    *,
    confidence: float,
) -> None:
    """Give the rows no other source decided (``SOURCE_NONE``) the classifier's stance where its
    probability is at least ``confidence`` either way; ``codes`` and ``sources`` change in place."""
    # A classifier learnt from this consultation's own answers outranks the generic reading of
    # arguments (measured on generated comments with half their Likert answers hidden, when
    # arguments were still read in comments of any length: accuracy 0.77 with the arguments
    # first, 0.79 with the classifier first).
    undecided = np.flatnonzero((sources == SOURCE_NONE) | (sources == SOURCE_ARGUMENT))
    if len(undecided):  # a classifier cannot be asked about no rows
        probability = classifier.predict_proba(features[undecided])[:, 1]
        confident = (probability >= confidence) | (probability <= 1 - confidence)
        chosen = undecided[confident]
        codes[chosen] = np.where(probability[confident] >= 0.5, SUPPORT, OPPOSE)
        sources[chosen] = SOURCE_CLASSIFIER


def read_stances(
    texts: Sequence[str],
    *,
    features: sp.csr_matrix | None,
    classifier: LogisticRegression | None,
    cues: ProposalCues,
    learn: bool,
    min_seeds: int,
    seed_confidence: float,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Stance codes and sources of ``texts`` read from their words (`stance_many`); when no
    ``classifier`` is given (too few Likert answers to train one) and ``learn`` is set, one is
    trained on the texts the lexicon decided (at least ``min_seeds`` a side) and decides the
    rest at probability ``seed_confidence`` either way."""
    codes, sources, forms = _stated_stances(texts, likert=None, cues=cues)
    confidence = _CLASSIFIER_CONFIDENCE
    if classifier is None and learn and features is not None and len(texts):
        lexicon_codes = np.where(sources == SOURCE_LEXICON, codes, UNCLEAR)
        classifier = train_stance_classifier(
            features, lexicon_codes, min_per_side=min_seeds, seed=seed
        )
        confidence = seed_confidence
    _fill_from_arguments(codes, sources, texts, forms, cues, features, classifier, confidence)
    return codes, sources


# Confidence of a position theme given from a text's stated position (0.5 is the threshold).
POSITION_CONFIDENCE = 0.75


def apply_position_themes(
    confidence: np.ndarray,
    themes: Sequence[tuple[str, str]],
    *,
    cues: ProposalCues,
    texts: Sequence[str],
    codes: np.ndarray,
    sources: np.ndarray,
    read: np.ndarray,
    keep: Iterable[int] = (),
) -> None:
    """Give a codebook theme (``themes``: label and description, in ``confidence``'s column
    order) that is itself a position on the proposal ("Complete Ban Support") to every text that
    states that position in its own words (the lexicon's reading in ``codes``/``sources``, not a
    Likert answer or a classifier's guess), and take it from every text that states the other;
    texts not ``read`` yet are read here, rows in ``keep`` (officials' corrections) stay as they
    are. ``confidence`` (texts x themes) changes in place. Lexical scoring gets these themes
    wrong both ways: a comment says "ban them", not "support for a ban", and "a ban would hurt
    clubs" shares the theme's words."""
    positions = [theme_position(label, description, cues) for label, description in themes]
    if not texts or all(p == UNCLEAR for p in positions):
        return
    explicit = np.where(sources == SOURCE_LEXICON, codes, UNCLEAR).astype(np.int8)
    for g in np.flatnonzero(~read):
        explicit[g] = lexicon_stance(texts[int(g)], cues)
    kept = np.zeros(len(texts), dtype=bool)
    kept[list(keep)] = True
    for j, position in enumerate(positions):
        if position in (SUPPORT, OPPOSE):
            rows = (explicit == position) & ~kept
            confidence[rows, j] = np.maximum(confidence[rows, j], POSITION_CONFIDENCE)
            other = OPPOSE if position == SUPPORT else SUPPORT
            confidence[(explicit == other) & ~kept, j] = 0


def theme_leaning(label: str, description: str, cues: ProposalCues) -> int:
    """SUPPORT or OPPOSE when a codebook theme is itself a position on the proposal
    (`theme_position`) or, for a proposal that bans or restricts something, an argument for one
    side ("Addiction and harm testimonies", "Personal freedom: responsibility and freedom of
    choice", read as `argument_stance` reads a comment); else UNCLEAR."""
    position = theme_position(label, description, cues)
    if position != UNCLEAR or describes_topic(description):
        # A discovered theme signed off as it was found names a subject ("Gambling addiction /
        # free bet"), which comments on both sides raise, not an argument for one.
        return position
    if not cues.restricts:
        # Of an introduction, a theme naming a risk ("Privacy") is raised by supporters too
        # ("as long as privacy is protected"): it leans to no side.
        return UNCLEAR
    code = argument_stance(f"{label}. {description}", cues)
    return code if code in (SUPPORT, OPPOSE) else UNCLEAR


def leaning_exclusions(
    themes: Sequence[tuple[str, str]],
    *,
    cues: ProposalCues,
    codes: np.ndarray,
    sources: np.ndarray,
    keep: Iterable[int] = (),
) -> np.ndarray | None:
    """Texts x ``themes`` (label, description): True where a theme argues one side
    (`theme_leaning`) and the text's own words take the other (the lexicon's or the arguments'
    reading in ``codes``/``sources``, not a classifier's guess); None when no theme argues a
    side. Rows in ``keep`` (officials' corrections) exclude nothing. Such themes share their
    words with comments on both sides: "protect children" is said for a ban and, in "a ban will
    not protect children", against it."""
    leanings = [theme_leaning(label, description, cues) for label, description in themes]
    if all(lean == UNCLEAR for lean in leanings):
        return None
    read = (sources == SOURCE_LEXICON) | (sources == SOURCE_ARGUMENT)
    read[list(keep)] = False
    excluded = np.zeros((len(codes), len(themes)), dtype=bool)
    for j, lean in enumerate(leanings):
        if lean in (SUPPORT, OPPOSE):
            excluded[:, j] = read & (codes == (OPPOSE if lean == SUPPORT else SUPPORT))
    return excluded
