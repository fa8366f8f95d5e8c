"""Fewer indexes to keep up on every submission: none on respondents' and responses' creation
time (nothing looks them up by it), and the two organisation keys, empty on citizens' responses,
indexed only where set. For the keys only the indexes change: the foreign keys stay as they are
(an AlterField would drop and re-add them, checking every row again)."""

import django.db.models.deletion
from django.db import migrations, models

ORGANISATION_INDEXES = {
    "responses_response_organisation_id_e81e9693": "organisation_id",
    "responses_response_responding_organisation_id_4d913a62": "responding_organisation_id",
}


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_organisation_rejection"),
        ("consultations", "0002_published_at_retention_days"),
        ("responses", "0006_attachment_analysed_text"),
    ]

    operations = [
        migrations.AlterField(
            model_name="respondent",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="created"),
        ),
        migrations.AlterField(
            model_name="response",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="created"),
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "responses_response" ("{column}")',
                )
                for name, column in ORGANISATION_INDEXES.items()
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="response",
                    name="organisation",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="Set when an organisation submitted this response for a "
                        "consenting supporter.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="submitted_responses",
                        to="accounts.organisation",
                        verbose_name="submitted through organisation",
                    ),
                ),
                migrations.AlterField(
                    model_name="response",
                    name="responding_organisation",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="Set when a verified organisation submitted its own response.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="own_responses",
                        to="accounts.organisation",
                        verbose_name="responding as organisation",
                    ),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="response",
            index=models.Index(
                condition=models.Q(("organisation__isnull", False)),
                fields=["organisation"],
                name="response_organisation_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="response",
            index=models.Index(
                condition=models.Q(("responding_organisation__isnull", False)),
                fields=["responding_organisation"],
                name="response_responding_org_idx",
            ),
        ),
    ]
