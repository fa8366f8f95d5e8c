"""Attachments keep a redacted copy of their text for reports (`analysed_text`), which outlives
the file at the end of retention (`erased_at`)."""

from typing import Any

from django.db import migrations, models


def fill_analysed_text(apps: Any, schema_editor: Any) -> None:
    from consult.responses.attachments.services import analysed_text

    attachments = apps.get_model("responses", "ResponseAttachment")
    for attachment in attachments.objects.filter(extraction="done").exclude(extracted_text=""):
        attachment.analysed_text = analysed_text(attachment.extracted_text)
        attachment.save(update_fields=["analysed_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("responses", "0005_organisation_response_attachments"),
    ]

    operations = [
        migrations.AddField(
            model_name="responseattachment",
            name="analysed_text",
            field=models.TextField(blank=True, verbose_name="text for analysis (redacted)"),
        ),
        migrations.AddField(
            model_name="responseattachment",
            name="erased_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="erased at"),
        ),
        migrations.RunPython(fill_analysed_text, migrations.RunPython.noop),
    ]
