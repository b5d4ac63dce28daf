"""Letters now belong to their decision (filled in by 0009), and the case keeps only the
current decision's date (issue 8, DOMAIN M3): its other decision fields and the letters'
date key go."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0010_move_decisions_to_rows")]

    operations = [
        migrations.RemoveConstraint(
            model_name="caseletter",
            name="one_letter_per_decision",
        ),
        migrations.RemoveConstraint(
            model_name="familyletternotsent",
            name="one_family_letter_not_sent_per_decision",
        ),
        migrations.RemoveField(
            model_name="case",
            name="decided_by",
        ),
        migrations.RemoveField(
            model_name="case",
            name="decision",
        ),
        migrations.RemoveField(
            model_name="case",
            name="decision_reasons",
        ),
        migrations.RemoveField(
            model_name="case",
            name="other_review",
        ),
        migrations.RemoveField(
            model_name="case",
            name="single_agency_review_suggested",
        ),
        migrations.RemoveField(
            model_name="caseletter",
            name="decided_on",
        ),
        migrations.RemoveField(
            model_name="familyletternotsent",
            name="decided_on",
        ),
        migrations.RemoveField(
            model_name="historicalcase",
            name="decided_by",
        ),
        migrations.RemoveField(
            model_name="historicalcase",
            name="decision",
        ),
        migrations.RemoveField(
            model_name="historicalcase",
            name="decision_reasons",
        ),
        migrations.RemoveField(
            model_name="historicalcase",
            name="other_review",
        ),
        migrations.RemoveField(
            model_name="historicalcase",
            name="single_agency_review_suggested",
        ),
        migrations.RemoveField(
            model_name="historicalcaseletter",
            name="decided_on",
        ),
        migrations.RemoveField(
            model_name="historicalfamilyletternotsent",
            name="decided_on",
        ),
        migrations.AddConstraint(
            model_name="caseletter",
            constraint=models.UniqueConstraint(
                fields=("decision", "recipient"), name="one_letter_per_decision"
            ),
        ),
        migrations.AlterField(
            model_name="caseletter",
            name="decision",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="letters",
                to="cases.decision",
                verbose_name="the decision the letter is about",
            ),
        ),
        migrations.AlterField(
            model_name="familyletternotsent",
            name="decision",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="family_letter_not_sent",
                to="cases.decision",
                verbose_name="the decision it concerns",
            ),
        ),
    ]
