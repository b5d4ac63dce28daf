"""Require what 0005 filled in, drop the old "Home Office told" tick-box, and keep
pauses from overlapping (issue 8, DOMAIN H1, M2)."""

from django.db import migrations, models

# PostgreSQL only: SQLite (demo mode) has no exclusion constraints. There the partial
# unique constraint and cases.services.pause_case keep pauses apart.
OVERLAP_EXCLUSION = """
    CREATE EXTENSION IF NOT EXISTS btree_gist;
    ALTER TABLE cases_pause ADD CONSTRAINT pauses_never_overlap
        EXCLUDE USING gist (case_id WITH =, daterange(starts_on, ends_on, '[)') WITH &&);
"""


def add_overlap_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OVERLAP_EXCLUSION)


def drop_overlap_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE cases_pause DROP CONSTRAINT pauses_never_overlap")


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_move_pauses_extensions_and_family_letter_dates")]

    operations = [
        migrations.RemoveField(
            model_name="historicalreportextension",
            name="home_office_told",
        ),
        migrations.RemoveField(
            model_name="reportextension",
            name="home_office_told",
        ),
        migrations.AlterField(
            model_name="case",
            name="family_letter_due_on",
            field=models.DateField(),
        ),
        migrations.AlterField(
            model_name="historicalcase",
            name="family_letter_due_on",
            field=models.DateField(),
        ),
        migrations.AlterField(
            model_name="reportextension",
            name="agreed_on",
            field=models.DateField(verbose_name="date agreed"),
        ),
        migrations.AlterField(
            model_name="historicalreportextension",
            name="agreed_on",
            field=models.DateField(verbose_name="date agreed"),
        ),
        migrations.AddIndex(
            model_name="reportextension",
            index=models.Index(
                condition=models.Q(("home_office_told_on__isnull", True)),
                fields=["agreed_on"],
                name="extension_home_office_untold",
            ),
        ),
        migrations.AddConstraint(
            model_name="pause",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("expected_end_on__isnull", True),
                    ("expected_end_on__gte", models.F("starts_on")),
                    _connector="OR",
                ),
                name="pause_expected_end_after_start",
            ),
        ),
        migrations.AddConstraint(
            model_name="reportextension",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("agreed_by__isnull", False),
                    models.Q(("agreed_by_as_recorded", ""), _negated=True),
                    _connector="OR",
                ),
                name="extension_agreed_by_someone",
                violation_error_message="Say which CSP chair agreed the extension.",
            ),
        ),
        migrations.RunPython(add_overlap_exclusion, drop_overlap_exclusion),
    ]
