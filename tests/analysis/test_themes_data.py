"""Small bilingual comment sets shared by the theme, stance, quote and pipeline tests.

(A data module: it holds no tests of its own; the name keeps it beside the tests that use it.)
"""

from __future__ import annotations

# Three clearly separated arguments about a facial-recognition proposal, ten comments each.
RETENTION = [
    "Footage should be deleted after 72 hours, the retention period is too long.",
    "How long is the footage kept? The retention period must be short and deleted.",
    "Retention of footage beyond a few days is unacceptable; delete it quickly.",
    "The data retention period for footage needs a strict limit, then deletion.",
    "Storage of footage for months is wrong. Set a short retention period.",
    "Deleted footage must really be deleted; audit the retention period.",
    "Keep footage only for a short retention period and delete the rest.",
    "The retention rules for footage are vague; footage should be deleted sooner.",
    "Please publish the retention period and prove footage is deleted.",
    "Footage retention should be days, not months, and then deleted.",
]
ACCURACY = [
    "Facial recognition accuracy is overstated; false matches will hurt innocent people.",
    "A 99.9% accuracy claim still means many false matches in a big city.",
    "False matches and misidentification of innocent people worry me.",
    "The accuracy of face matching is lower for some groups; false matches follow.",
    "Independent testing of accuracy is needed before any false match harms someone.",
    "Misidentification by facial recognition leads to wrongful stops of innocent people.",
    "Accuracy figures come from the vendor; false match rates must be tested.",
    "Innocent people flagged by false matches have no way to appeal the accuracy.",
    "Face matching accuracy in crowds is poor and false matches are likely.",
    "Report false match rates and accuracy publicly every year.",
]
COST = [
    "The budget of 200 million dollars is a waste of taxpayers money.",
    "This costs too much money; spend the budget on schools instead.",
    "Taxpayers money should not fund an expensive surveillance budget.",
    "The cost overruns of such systems are well known; the budget will grow.",
    "Spend the money on police officers, not an expensive camera budget.",
    "An expensive system with a huge budget and little benefit for taxpayers.",
    "Who pays the maintenance cost? Taxpayers money again, a bigger budget.",
    "The budget is better used for street lighting; the cost is too high.",
    "Too expensive: the money and budget could fund social services.",
    "A waste of money and budget when cheaper measures exist.",
]
JAPANESE = [
    "顔認証の精度が心配です。誤認識で無実の人が疑われます。",
    "顔認証の精度は本当に99.9%なのでしょうか。誤認識が怖いです。",
    "誤認識による被害を防ぐため、顔認証の精度を第三者が検証すべきです。",
    "顔認証の精度が低いと、誤認識で市民が不当に扱われます。",
    "個人情報の保存期間が長すぎます。映像はすぐに削除すべきです。",
    "個人情報の保存期間を明確にし、期限後は確実に削除してください。",
    "映像と個人情報の保存期間が不明確で不安です。",
    "個人情報の保存期間は72時間以内にすべきです。削除の記録も公開を。",
]


TOPIC_TEXTS = RETENTION + ACCURACY + COST
TOPIC_TRUTH = ["retention"] * 10 + ["accuracy"] * 10 + ["cost"] * 10
