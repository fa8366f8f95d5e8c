"""Shared fixtures for the analysis-engine tests: campaign form letters in both languages."""

from __future__ import annotations

import pytest

from consult.analysis.text import tokenize

EN_TEMPLATE = (
    "I strongly oppose the deployment of facial recognition cameras in train stations. "
    "Biometric surveillance of ordinary citizens has no place in a free society, and the "
    "promise to delete footage after 72 hours cannot be verified by anyone outside the police. "
    "Please withdraw this proposal and consult the public properly."
)
JA_TEMPLATE = (
    "駅や繁華街への顔認証カメラの導入に強く反対します。市民の生体情報を同意なく収集することは、"
    "プライバシーの重大な侵害です。映像を72時間で削除するという約束も、外部からは検証できません。"
    "この案を撤回し、改めて市民の意見を聴いてください。"
)


@pytest.fixture(scope="session", autouse=True)
def _warm_sudachi() -> None:
    """Load the Sudachi dictionary once, before any test that has a deadline."""
    tokenize("辞書を読み込む")


@pytest.fixture
def en_template() -> str:
    return EN_TEMPLATE


@pytest.fixture
def ja_template() -> str:
    return JA_TEMPLATE


@pytest.fixture
def light_edits(en_template: str, ja_template: str) -> dict[str, list[str]]:
    """Copies of each template with light edits: a sentence added, words changed, typos."""
    return {
        "en": [
            en_template,
            en_template + " My children take this train every day.",
            en_template.replace("strongly oppose", "really oppose").replace("properly", "again"),
            en_template.replace("surveillance", "survelliance").replace("citizens", "citizns"),
            "Dear Minister, " + en_template,
        ],
        "ja": [
            ja_template,
            ja_template + "私の子どもも毎日この駅を使っています。",
            ja_template.replace("強く反対", "断固反対").replace("改めて", "もう一度"),
            ja_template.replace("プライバシー", "プライバシ").replace("検証", "険証"),
            "大臣へ。" + ja_template,
        ],
    }
