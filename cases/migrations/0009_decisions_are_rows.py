"""Decisions become rows of their own (issue 8, DOMAIN H2, M3): the Decision, the Home
Office's letter or s.9(2) direction that reopens a case (Reopening) and the transfer to the
lead partnership (Transfer). Letters gain a link to their decision, filled in by 0009;
0010 then drops the decision's old fields on the case and the letters' date key."""

import cases.models
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_inbox_messages_and_their_emails"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Decision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("review", "Hold a review"),
                            (
                                "joint_review",
                                "Hold a review jointly, or in coordination, with a safeguarding adults review or a child safeguarding practice review",
                            ),
                            ("no_review", "Do not hold a review"),
                            ("other_review", "Another review leads instead of a review"),
                        ],
                        max_length=20,
                        verbose_name="decision",
                    ),
                ),
                ("decided_on", models.DateField(verbose_name="date of the decision")),
                ("reasons", models.TextField(blank=True)),
                ("single_agency_review_suggested", models.BooleanField(default=False)),
                (
                    "other_review",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("cspr", "Child safeguarding practice review"),
                            ("sar", "Safeguarding adults review"),
                            ("other", "Another statutory review"),
                        ],
                        max_length=10,
                        verbose_name="the other review",
                    ),
                ),
                (
                    "other_review_reference",
                    models.CharField(
                        blank=True, max_length=100, verbose_name="the other review's reference"
                    ),
                ),
                (
                    "lead_body",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="body that leads the joint review"
                    ),
                ),
                (
                    "joint_chair",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="chair of the joint review"
                    ),
                ),
                ("recorded_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "ordering": ["recorded_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalDecision",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("review", "Hold a review"),
                            (
                                "joint_review",
                                "Hold a review jointly, or in coordination, with a safeguarding adults review or a child safeguarding practice review",
                            ),
                            ("no_review", "Do not hold a review"),
                            ("other_review", "Another review leads instead of a review"),
                        ],
                        max_length=20,
                        verbose_name="decision",
                    ),
                ),
                ("decided_on", models.DateField(verbose_name="date of the decision")),
                ("reasons", models.TextField(blank=True)),
                ("single_agency_review_suggested", models.BooleanField(default=False)),
                (
                    "other_review",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("cspr", "Child safeguarding practice review"),
                            ("sar", "Safeguarding adults review"),
                            ("other", "Another statutory review"),
                        ],
                        max_length=10,
                        verbose_name="the other review",
                    ),
                ),
                (
                    "other_review_reference",
                    models.CharField(
                        blank=True, max_length=100, verbose_name="the other review's reference"
                    ),
                ),
                (
                    "lead_body",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="body that leads the joint review"
                    ),
                ),
                (
                    "joint_chair",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="chair of the joint review"
                    ),
                ),
                ("recorded_at", models.DateTimeField(default=django.utils.timezone.now)),
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
                "verbose_name": "historical decision",
                "verbose_name_plural": "historical decisions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalReopening",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("letter", "A letter from the Home Office advising a review"),
                            (
                                "direction",
                                "A direction to hold a review, under section 9(2) of the Domestic Violence, Crime and Victims Act 2004",
                            ),
                        ],
                        max_length=10,
                        verbose_name="what the Home Office sent",
                    ),
                ),
                ("received_on", models.DateField(verbose_name="date received")),
                ("summary", models.TextField(verbose_name="what it says")),
                ("copy", models.TextField(blank=True, max_length=100)),
                ("copy_name", models.CharField(blank=True, editable=False, max_length=200)),
                ("recorded_at", models.DateTimeField(default=django.utils.timezone.now)),
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
                "verbose_name": "historical reopening",
                "verbose_name_plural": "historical reopenings",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalTransfer",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("transferred_on", models.DateField(verbose_name="date transferred")),
                ("reason", models.TextField(verbose_name="why the other partnership leads")),
                ("recorded_at", models.DateTimeField(default=django.utils.timezone.now)),
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
                "verbose_name": "historical transfer",
                "verbose_name_plural": "historical transfers",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Reopening",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("letter", "A letter from the Home Office advising a review"),
                            (
                                "direction",
                                "A direction to hold a review, under section 9(2) of the Domestic Violence, Crime and Victims Act 2004",
                            ),
                        ],
                        max_length=10,
                        verbose_name="what the Home Office sent",
                    ),
                ),
                ("received_on", models.DateField(verbose_name="date received")),
                ("summary", models.TextField(verbose_name="what it says")),
                (
                    "copy",
                    models.FileField(
                        blank=True, upload_to=cases.models.home_office_copy_upload_path
                    ),
                ),
                ("copy_name", models.CharField(blank=True, editable=False, max_length=200)),
                ("recorded_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "ordering": ["received_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="Transfer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("transferred_on", models.DateField(verbose_name="date transferred")),
                ("reason", models.TextField(verbose_name="why the other partnership leads")),
                ("recorded_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        migrations.AlterField(
            model_name="case",
            name="decided_on",
            field=models.DateField(
                blank=True, null=True, verbose_name="date of the current decision"
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="stage",
            field=models.CharField(
                choices=[
                    ("notified", "Notified"),
                    ("decision", "Decision"),
                    ("panel_set_up", "Panel set-up"),
                    ("imrs", "Individual management reviews"),
                    ("drafting", "Drafting"),
                    ("csp_sign_off", "CSP sign-off"),
                    ("home_office_qa", "Home Office quality assurance"),
                    ("publication", "Publication"),
                    ("monitoring", "Action plan monitoring"),
                    ("concluded", "Concluded"),
                    ("not_reviewed", "Not reviewed"),
                    ("other_review_leads", "Another review leads"),
                    ("withdrawn", "Withdrawn: recorded in error"),
                    ("transferred", "Transferred to the lead partnership"),
                ],
                default="notified",
                max_length=30,
            ),
        ),
        migrations.AlterField(
            model_name="historicalcase",
            name="decided_on",
            field=models.DateField(
                blank=True, null=True, verbose_name="date of the current decision"
            ),
        ),
        migrations.AlterField(
            model_name="historicalcase",
            name="stage",
            field=models.CharField(
                choices=[
                    ("notified", "Notified"),
                    ("decision", "Decision"),
                    ("panel_set_up", "Panel set-up"),
                    ("imrs", "Individual management reviews"),
                    ("drafting", "Drafting"),
                    ("csp_sign_off", "CSP sign-off"),
                    ("home_office_qa", "Home Office quality assurance"),
                    ("publication", "Publication"),
                    ("monitoring", "Action plan monitoring"),
                    ("concluded", "Concluded"),
                    ("not_reviewed", "Not reviewed"),
                    ("other_review_leads", "Another review leads"),
                    ("withdrawn", "Withdrawn: recorded in error"),
                    ("transferred", "Transferred to the lead partnership"),
                ],
                default="notified",
                max_length=30,
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="case",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="decisions",
                to="cases.case",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="decided_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="caseletter",
            name="decision",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="letters",
                to="cases.decision",
                verbose_name="the decision the letter is about",
            ),
        ),
        migrations.AddField(
            model_name="familyletternotsent",
            name="decision",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="family_letter_not_sent",
                to="cases.decision",
                verbose_name="the decision it concerns",
            ),
        ),
        migrations.AddField(
            model_name="historicalcaseletter",
            name="decision",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cases.decision",
                verbose_name="the decision the letter is about",
            ),
        ),
        migrations.AddField(
            model_name="historicalfamilyletternotsent",
            name="decision",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cases.decision",
                verbose_name="the decision it concerns",
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision",
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
            model_name="historicaldecision",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalreopening",
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
            model_name="historicalreopening",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalreopening",
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
        migrations.AddField(
            model_name="historicaltransfer",
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
            model_name="historicaltransfer",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicaltransfer",
            name="new_case",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cases.case",
            ),
        ),
        migrations.AddField(
            model_name="historicaltransfer",
            name="to_partnership",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cases.partnership",
                verbose_name="transferred to",
            ),
        ),
        migrations.AddField(
            model_name="historicaltransfer",
            name="transferred_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="reopening",
            name="case",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reopenings",
                to="cases.case",
            ),
        ),
        migrations.AddField(
            model_name="reopening",
            name="recorded_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision",
            name="superseded_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The Home Office's letter or direction that reopened the case.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cases.reopening",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="superseded_by",
            field=models.OneToOneField(
                blank=True,
                help_text="The Home Office's letter or direction that reopened the case.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="superseded_decision",
                to="cases.reopening",
            ),
        ),
        migrations.AddField(
            model_name="transfer",
            name="case",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="transfer",
                to="cases.case",
            ),
        ),
        migrations.AddField(
            model_name="transfer",
            name="new_case",
            field=models.OneToOneField(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="transferred_from",
                to="cases.case",
            ),
        ),
        migrations.AddField(
            model_name="transfer",
            name="to_partnership",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cases.partnership",
                verbose_name="transferred to",
            ),
        ),
        migrations.AddField(
            model_name="transfer",
            name="transferred_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(
                condition=models.Q(("superseded_by__isnull", True)),
                fields=("case",),
                name="one_current_decision_per_case",
                violation_error_message="The case already has a decision in force.",
            ),
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("outcome__in", ["review", "joint_review"]),
                    models.Q(("reasons", ""), _negated=True),
                    _connector="OR",
                ),
                name="decision_not_to_review_has_reasons",
                violation_error_message="Give the reasons for the decision.",
            ),
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("outcome__in", ["other_review", "joint_review"]),
                        models.Q(("other_review", ""), _negated=True),
                    ),
                    models.Q(
                        models.Q(("outcome__in", ["other_review", "joint_review"]), _negated=True),
                        ("other_review", ""),
                    ),
                    _connector="OR",
                ),
                name="decision_names_the_other_review",
                violation_error_message="Name the other review for a joint review or another review leading, and only then.",
            ),
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("outcome", "joint_review"), _negated=True),
                    models.Q(
                        ("other_review__in", ["sar", "cspr"]),
                        models.Q(("lead_body", ""), _negated=True),
                        models.Q(("joint_chair", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="joint_review_has_its_lead_and_chair",
                violation_error_message="A joint review names the safeguarding review it is held with, the body that leads and the joint chair.",
            ),
        ),
    ]
