"""Case roles and what each may do: the one table behind every case permission (DESIGN §5).

cases.services grants and revokes guardian permissions from this table only; the
permission-matrix tests are generated from it.
"""

from django.db import models


class CaseRole(models.TextChoices):
    CSP_OFFICER = "csp_officer", "CSP officer"
    CSP_CHAIR = "csp_chair", "CSP chair"
    INDEPENDENT_CHAIR = "independent_chair", "Independent chair"
    PANEL_MEMBER = "panel_member", "Panel member"
    SENIOR_MANAGER = "senior_manager", "Agency senior manager"
    IMR_AUTHOR = "imr_author", "IMR author"
    HOME_OFFICE_REVIEWER = "home_office_reviewer", "Home Office QA reviewer"


# Roles that see the whole case file; the others reach only their own part of the case.
_CASE_FILE_READERS = {"view_case", "view_case_file", "read_submissions"}

ROLE_PERMISSIONS: dict[CaseRole, frozenset[str]] = {
    CaseRole.CSP_OFFICER: frozenset(
        _CASE_FILE_READERS
        | {
            "edit_case_file",
            "view_people_register",
            "view_audit_trail",
            "manage_panel",
            "send_to_home_office",
        }
    ),
    CaseRole.CSP_CHAIR: frozenset(
        _CASE_FILE_READERS
        | {
            "edit_case_file",
            "view_people_register",
            "view_audit_trail",
            "record_decision",
            "send_to_home_office",
            "conclude_review",
        }
    ),
    CaseRole.INDEPENDENT_CHAIR: frozenset(
        _CASE_FILE_READERS
        | {
            "view_people_register",
            "manage_panel",
            "agree_terms_of_reference",
            "commission_imr",
            "comment",
            "write_overview_report",
        }
    ),
    CaseRole.PANEL_MEMBER: frozenset(_CASE_FILE_READERS | {"comment"}),
    CaseRole.SENIOR_MANAGER: frozenset(
        {"view_case", "write_imr", "sign_off_imr", "update_actions"}
    ),
    CaseRole.IMR_AUTHOR: frozenset({"view_case", "write_imr"}),
    CaseRole.HOME_OFFICE_REVIEWER: frozenset({"view_case", "read_submitted_package"}),
}

# Roles a partnership's own staff hold on every case of the partnership.
PARTNERSHIP_ROLES = (CaseRole.CSP_OFFICER, CaseRole.CSP_CHAIR)

# Roles that work on one agency's IMR and must name the agency.
AGENCY_ROLES = (CaseRole.SENIOR_MANAGER, CaseRole.IMR_AUTHOR)


def permissions_for_roles(roles) -> frozenset[str]:
    return frozenset().union(*(ROLE_PERMISSIONS[CaseRole(role)] for role in roles))


def roles_with_permission(codename: str) -> list[CaseRole]:
    return [role for role, codenames in ROLE_PERMISSIONS.items() if codename in codenames]
