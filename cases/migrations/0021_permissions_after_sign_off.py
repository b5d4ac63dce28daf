from django.db import migrations

# The roles that now hold each new permission (cases.roles).
NEW_GRANTS = {
    "conclude_review": ("Conclude the review", ("csp_chair",)),
    "update_actions": ("Update the own agency's actions with evidence", ("senior_manager",)),
}


def rename_and_grant(apps, schema_editor):
    """The Home Office reviewer's permission is renamed for what it lets them do (read the
    submitted package: the CSP officer records the outcome), and the people already on a case
    get the new permissions their role holds, as cases.services.sync_case_permissions would."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    CaseMembership = apps.get_model("cases", "CaseMembership")
    CaseUserObjectPermission = apps.get_model("cases", "CaseUserObjectPermission")
    content_type, _ = ContentType.objects.get_or_create(app_label="cases", model="case")
    Permission.objects.filter(content_type=content_type, codename="record_qa_outcome").update(
        codename="read_submitted_package",
        name="Read the package submitted to the Home Office",
    )
    for codename, (name, roles) in NEW_GRANTS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        memberships = CaseMembership.objects.filter(role__in=roles, ended_at__isnull=True)
        CaseUserObjectPermission.objects.bulk_create(
            [
                CaseUserObjectPermission(
                    user_id=membership.user_id,
                    content_object_id=membership.case_id,
                    permission=permission,
                )
                for membership in memberships
            ],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0020_person_role_practitioner"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="case",
            options={
                "ordering": ["-notified_on", "-id"],
                "permissions": [
                    ("view_case_file", "Read the case file"),
                    ("edit_case_file", "Record the notification and edit the case file"),
                    ("view_people_register", "Read real names, dates of birth and addresses"),
                    ("view_audit_trail", "Read the case's audit trail and access log"),
                    ("record_decision", "Record the decision and sign off"),
                    ("manage_panel", "Manage the panel, terms of reference and meetings"),
                    ("agree_terms_of_reference", "Agree the terms of reference"),
                    ("commission_imr", "Commission and accept IMRs"),
                    ("read_submissions", "Read submitted IMRs, the chronology and drafts"),
                    ("comment", "Comment on IMRs and drafts"),
                    ("write_imr", "Write the own agency's IMR"),
                    ("sign_off_imr", "Sign off the own agency's IMR"),
                    ("write_overview_report", "Write the overview report and action plan"),
                    ("send_to_home_office", "Send to the Home Office and publish"),
                    ("conclude_review", "Conclude the review"),
                    ("update_actions", "Update the own agency's actions with evidence"),
                    ("read_submitted_package", "Read the package submitted to the Home Office"),
                ],
            },
        ),
        migrations.RunPython(rename_and_grant, migrations.RunPython.noop),
    ]
