"""Pauses gain an expected end beside the actual one; cases the family letter's due date;
extensions a named CSP chair, the date agreed and the date the Home Office was told; and
the reason recorded instead of a family letter gets its table (issue 8, DOMAIN H1, H3, M2).

New columns start empty: 0005 fills them from the old rows, 0006 then requires them. Each
step is its own migration so that PostgreSQL never alters a table with row changes still
pending in the same transaction.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_clock_fields_in_audit_trail"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="FamilyLetterNotSent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "decided_on",
                    models.DateField(
                        editable=False, verbose_name="date of the decision it concerns"
                    ),
                ),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("no_family", "There is no family to write to"),
                            (
                                "deferred_police",
                                "Contact deferred on the police's advice (the senior investigating officer)",
                            ),
                            (
                                "deferred_advocate",
                                "Contact deferred on the family advocate's advice",
                            ),
                            ("declined", "The family declined contact"),
                        ],
                        max_length=20,
                    ),
                ),
                ("explanation", models.TextField()),
                ("recorded_on", models.DateField(verbose_name="date")),
            ],
            options={
                "verbose_name": "family letter not sent",
                "verbose_name_plural": "family letters not sent",
            },
        ),
        migrations.CreateModel(
            name="HistoricalFamilyLetterNotSent",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "decided_on",
                    models.DateField(
                        editable=False, verbose_name="date of the decision it concerns"
                    ),
                ),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("no_family", "There is no family to write to"),
                            (
                                "deferred_police",
                                "Contact deferred on the police's advice (the senior investigating officer)",
                            ),
                            (
                                "deferred_advocate",
                                "Contact deferred on the family advocate's advice",
                            ),
                            ("declined", "The family declined contact"),
                        ],
                        max_length=20,
                    ),
                ),
                ("explanation", models.TextField()),
                ("recorded_on", models.DateField(verbose_name="date")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical family letter not sent",
                "verbose_name_plural": "historical family letters not sent",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="familyletternotsent",
            name="case",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="family_letters_not_sent",
                to="cases.case",
            ),
        ),
        migrations.AddField(
            model_name="familyletternotsent",
            name="recorded_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalfamilyletternotsent",
            name="case",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cases.case",
            ),
        ),
        migrations.AddField(
            model_name="historicalfamilyletternotsent",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalfamilyletternotsent",
            name="recorded_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="familyletternotsent",
            constraint=models.UniqueConstraint(
                fields=("case", "decided_on"), name="one_family_letter_not_sent_per_decision"
            ),
        ),
        # Pauses: an expected end beside the actual one.
        migrations.AddField(
            model_name="historicalpause",
            name="expected_end_on",
            field=models.DateField(blank=True, null=True, verbose_name="expected to resume"),
        ),
        migrations.AddField(
            model_name="pause",
            name="expected_end_on",
            field=models.DateField(blank=True, null=True, verbose_name="expected to resume"),
        ),
        migrations.AlterField(
            model_name="historicalpause",
            name="ends_on",
            field=models.DateField(blank=True, null=True, verbose_name="resumed on"),
        ),
        migrations.AlterField(
            model_name="pause",
            name="ends_on",
            field=models.DateField(blank=True, null=True, verbose_name="resumed on"),
        ),
        # Cases: the family letter clock (filled in below, then required).
        migrations.AddField(
            model_name="case",
            name="family_letter_due_on",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="historicalcase",
            name="family_letter_due_on",
            field=models.DateField(null=True),
        ),
        # Extensions: the free text "agreed by" is kept as recorded; the CSP chair is named.
        migrations.RenameField(
            model_name="historicalreportextension",
            old_name="agreed_by",
            new_name="agreed_by_as_recorded",
        ),
        migrations.AlterField(
            model_name="historicalreportextension",
            name="agreed_by_as_recorded",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="The free text the service used to keep before it named the CSP chair.",
                max_length=200,
                verbose_name="agreed by (as first recorded)",
            ),
        ),
        migrations.RenameField(
            model_name="reportextension",
            old_name="agreed_by",
            new_name="agreed_by_as_recorded",
        ),
        migrations.AlterField(
            model_name="reportextension",
            name="agreed_by_as_recorded",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="The free text the service used to keep before it named the CSP chair.",
                max_length=200,
                verbose_name="agreed by (as first recorded)",
            ),
        ),
        migrations.AddField(
            model_name="historicalreportextension",
            name="agreed_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The CSP chair who agreed it. Empty only on extensions recorded before the service named the person (see the text as recorded).",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="reportextension",
            name="agreed_by",
            field=models.ForeignKey(
                blank=True,
                help_text="The CSP chair who agreed it. Empty only on extensions recorded before the service named the person (see the text as recorded).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalreportextension",
            name="agreed_on",
            field=models.DateField(null=True, verbose_name="date agreed"),
        ),
        migrations.AddField(
            model_name="historicalreportextension",
            name="home_office_told_on",
            field=models.DateField(
                blank=True, null=True, verbose_name="date the Home Office was told"
            ),
        ),
        migrations.AddField(
            model_name="reportextension",
            name="agreed_on",
            field=models.DateField(null=True, verbose_name="date agreed"),
        ),
        migrations.AddField(
            model_name="reportextension",
            name="home_office_told_on",
            field=models.DateField(
                blank=True, null=True, verbose_name="date the Home Office was told"
            ),
        ),
    ]
