"""Drop the single-column indexes on ThemeAssignment.response and .theme: the unique constraint's
index (response, theme, source) and assignment_theme_source_idx (theme, source) begin with those
columns and serve the same lookups. Only the indexes go: the foreign keys stay as they are (an
AlterField would drop and re-add them, checking every row again)."""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = {
    "reports_themeassignment_response_id_227e8410": "response_id",
    "reports_themeassignment_theme_id_70ef8290": "theme_id",
}


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_campaigndecision_undeclaredcampaign"),
        ("responses", "0006_attachment_analysed_text"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "reports_themeassignment" ("{column}")',
                )
                for name, column in INDEXES.items()
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="themeassignment",
                    name="response",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="theme_assignments",
                        to="responses.response",
                    ),
                ),
                migrations.AlterField(
                    model_name="themeassignment",
                    name="theme",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assignments",
                        to="reports.theme",
                    ),
                ),
            ],
        )
    ]
