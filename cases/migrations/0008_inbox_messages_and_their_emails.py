"""In-app notifications become messages (so they are not confused with the police
notification of a death), and each e-mail is the copy of one message, with its Message-ID
fixed when the row is made."""

import django.db.models.deletion
from django.db import migrations, models

import cases.models


def link_emails_to_messages(apps, schema_editor):
    Message = apps.get_model("cases", "Message")
    EmailDelivery = apps.get_model("cases", "EmailDelivery")
    for delivery in EmailDelivery.objects.select_related("reminder__case"):
        message = Message.objects.filter(reminder=delivery.reminder, user=delivery.user).first()
        if message is None:
            message = Message.objects.create(
                user_id=delivery.user_id,
                case_id=delivery.reminder.case_id,
                reminder=delivery.reminder,
                text=f"{delivery.reminder.case.reference}: a reminder",
                link=f"/cases/{delivery.reminder.case.reference}/",
            )
        delivery.message = message
        delivery.mail_message_id = cases.models.new_message_id()
        delivery.save(update_fields=["message", "mail_message_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_refused_access_withdrawal_several_victims"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="notification", name="one_notification_per_reminder_and_user"
        ),
        migrations.RemoveIndex(model_name="notification", name="notification_unread"),
        migrations.RemoveIndex(model_name="notification", name="cases_notif_user_id_c30235_idx"),
        migrations.RenameModel(old_name="Notification", new_name="Message"),
        migrations.RenameField(model_name="message", old_name="message", new_name="text"),
        migrations.AddField(
            model_name="message",
            name="suggestion",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="message",
            name="suggestion_link",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AlterField(
            model_name="message",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="inbox",
                to="cases.user",
            ),
        ),
        migrations.AlterField(
            model_name="message",
            name="reminder",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="messages",
                to="cases.reminder",
            ),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(
                condition=models.Q(("read_at__isnull", True)),
                fields=["user"],
                name="message_unread",
            ),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(fields=["user", "-created_at"], name="message_user_newest"),
        ),
        migrations.AddConstraint(
            model_name="message",
            constraint=models.UniqueConstraint(
                fields=("reminder", "user"), name="one_message_per_reminder_and_user"
            ),
        ),
        migrations.AddField(
            model_name="emaildelivery",
            name="message",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="email",
                to="cases.message",
            ),
        ),
        migrations.AddField(
            model_name="emaildelivery",
            name="mail_message_id",
            field=models.CharField(max_length=255, null=True, verbose_name="Message-ID"),
        ),
        migrations.RunPython(link_emails_to_messages, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="emaildelivery", name="one_email_per_reminder_and_user"
        ),
        migrations.RemoveField(model_name="emaildelivery", name="reminder"),
        migrations.RemoveField(model_name="emaildelivery", name="user"),
        migrations.AlterField(
            model_name="emaildelivery",
            name="message",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="email",
                to="cases.message",
            ),
        ),
        migrations.AlterField(
            model_name="emaildelivery",
            name="mail_message_id",
            field=models.CharField(
                default=cases.models.new_message_id,
                editable=False,
                max_length=255,
                unique=True,
                verbose_name="Message-ID",
            ),
        ),
    ]
