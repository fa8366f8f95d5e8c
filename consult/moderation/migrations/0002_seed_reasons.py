from django.db import migrations

REASONS = [
    ("personal-data", "個人情報が含まれている", "Contains personal data"),
    ("third-party", "第三者の個人情報が含まれている", "Contains a third party's personal data"),
    ("abuse", "誹謗中傷・差別的な表現", "Abusive or discriminatory language"),
    ("threat", "脅迫・暴力の扇動", "Threat or incitement to violence"),
    ("spam", "宣伝・スパム", "Advertising or spam"),
    ("off-topic", "意見募集の対象と無関係", "Not about the proposal"),
    ("false-positive", "検出は誤り（問題なし）", "Flag was wrong (nothing to remove)"),
]


def seed(apps, schema_editor):
    reason = apps.get_model("moderation", "ModerationReason")
    for position, (code, label_ja, label_en) in enumerate(REASONS):
        reason.objects.get_or_create(
            code=code,
            defaults={"label_ja": label_ja, "label_en": label_en, "position": position},
        )


def unseed(apps, schema_editor):
    apps.get_model("moderation", "ModerationReason").objects.filter(
        code__in=[code for code, _ja, _en in REASONS], items__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
