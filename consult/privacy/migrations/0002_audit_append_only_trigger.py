"""On PostgreSQL, refuse UPDATE and DELETE of audit events in the database itself, so not even
the application (or someone with its credentials and a SQL prompt) can alter the log.

TRUNCATE is not refused: test databases are emptied with it. In production, also grant the
application's role only SELECT and INSERT on privacy_auditevent (README "Privacy").
On other databases (SQLite for development) this migration does nothing.
"""

from django.db import migrations, router

CREATE = [
    """
    CREATE OR REPLACE FUNCTION privacy_auditevent_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS privacy_auditevent_append_only ON privacy_auditevent",
    """
    CREATE TRIGGER privacy_auditevent_append_only
        BEFORE UPDATE OR DELETE ON privacy_auditevent
        FOR EACH ROW EXECUTE FUNCTION privacy_auditevent_refuse_change()
    """,
]

DROP = [
    "DROP TRIGGER IF EXISTS privacy_auditevent_append_only ON privacy_auditevent",
    "DROP FUNCTION IF EXISTS privacy_auditevent_refuse_change()",
]


def _run(statements):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        model = apps.get_model("privacy", "AuditEvent")
        if connection.vendor != "postgresql":
            return
        if not router.allow_migrate_model(connection.alias, model):
            return
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)  # no parameters: "%" is literal

    return run


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
