"""DESIGN §5's role table, pasted as it stands: the expected answers of the permission tests.

cases.roles.ROLE_PERMISSIONS is the code's table. Tests that took their expected answers
from it agreed with it by construction; these answers come from the design instead, so the
code and the design cannot drift apart unnoticed (tests/test_role_table.py, and the page
matrix in tests/test_case_pages.py). When DESIGN §5 changes, paste its new table over
DESIGN_ROLE_TABLE and map any new act in ACT_PERMISSION.
"""

from cases.roles import CaseRole

# DESIGN.md §5, "Role → what it may do (the matrix the tests enumerate)", copied unchanged.
DESIGN_ROLE_TABLE = """
| action | CSP officer | CSP chair | indep. chair | panel member | senior manager | IMR author | HO QA |
| --- | --- | --- | --- | --- | --- | --- | --- |
| record notification, edit case file | yes | yes | - | - | - | - | - |
| record decision, sign off | - | yes | - | - | - | - | - |
| manage panel, ToR, meetings | yes | - | yes | - | - | - | - |
| commission / accept IMRs | - | - | yes | - | - | - | - |
| read submitted IMRs, chronology, drafts | yes | yes | yes | yes | - | - | - |
| comment on IMRs and drafts | - | - | yes | yes | - | - | - |
| write own agency's IMR | - | - | - | - | yes | yes | - |
| sign off own agency's IMR | - | - | - | - | yes | - | - |
| write overview report, action plan | - | - | yes | - | - | - | - |
| agree terms of reference | - | - | yes | - | - | - | - |
| send to Home Office, record QA outcome from the letter, publish | yes | yes | - | - | - | - | - |
| conclude the review | - | yes | - | - | - | - | - |
| update own agency's actions with evidence | - | - | - | - | yes | - | - |
| read submitted package | - | - | - | - | - | - | yes |
"""  # noqa: E501 - copied as it stands

# The case permission that grants each act of the table; None where the service has no
# permission of its own for that act yet (it comes with the stage that needs it).
ACT_PERMISSION: dict[str, str | None] = {
    "record notification, edit case file": "edit_case_file",
    "record decision, sign off": "record_decision",
    "manage panel, ToR, meetings": "manage_panel",
    "commission / accept IMRs": "commission_imr",
    "read submitted IMRs, chronology, drafts": "read_submissions",
    "comment on IMRs and drafts": "comment",
    "write own agency's IMR": "write_imr",
    "sign off own agency's IMR": "sign_off_imr",
    "write overview report, action plan": "write_overview_report",
    "agree terms of reference": "agree_terms_of_reference",
    "send to Home Office, record QA outcome from the letter, publish": "send_to_home_office",
    "conclude the review": "conclude_review",
    "update own agency's actions with evidence": "update_actions",
    "read submitted package": "read_submitted_package",
}

# The permissions to read parts of a case are not rows of DESIGN §5's table. §5 says whom
# they are for in prose (an IMR author and a senior manager see their agency's IMR and the
# case's reference and subjects, nothing else of the case; the Home Office sees the submitted
# package only); which of the case file's parts each role reads was decided in cases.roles
# and is pinned here, so that changing it takes a deliberate edit of both.
READ_PERMISSION_TABLE = """
| permission | CSP officer | CSP chair | indep. chair | panel member | senior manager | IMR author | HO QA |
| --- | --- | --- | --- | --- | --- | --- | --- |
| view_case | yes | yes | yes | yes | yes | yes | yes |
| view_case_file | yes | yes | yes | yes | - | - | - |
| view_people_register | yes | yes | yes | - | - | - | - |
| view_audit_trail | yes | yes | - | - | - | - | - |
"""  # noqa: E501 - the same columns as DESIGN_ROLE_TABLE

COLUMN_ROLES = {
    "CSP officer": CaseRole.CSP_OFFICER,
    "CSP chair": CaseRole.CSP_CHAIR,
    "indep. chair": CaseRole.INDEPENDENT_CHAIR,
    "panel member": CaseRole.PANEL_MEMBER,
    "senior manager": CaseRole.SENIOR_MANAGER,
    "IMR author": CaseRole.IMR_AUTHOR,
    "HO QA": CaseRole.HOME_OFFICE_REVIEWER,
}


def parse_role_table(table: str) -> dict[str, frozenset[CaseRole]]:
    """{first cell of a row: the roles whose cell says "yes"} from a Markdown table."""
    lines = [line.strip() for line in table.strip().splitlines()]
    header, _rule, *rows = ([cell.strip() for cell in line.strip("|").split("|")] for line in lines)
    roles = [COLUMN_ROLES[name] for name in header[1:]]
    answers = {}
    for first, *cells in rows:
        if not set(cells) <= {"yes", "-"}:
            raise ValueError(f"{first!r}: every cell is 'yes' or '-', not {cells}")
        answers[first] = frozenset(
            role for role, cell in zip(roles, cells, strict=True) if cell == "yes"
        )
    return answers


# Each act of DESIGN §5's table: the roles that may do it.
MAY = parse_role_table(DESIGN_ROLE_TABLE)

# Each case permission: the roles that should hold it.
SHOULD_HOLD: dict[str, frozenset[CaseRole]] = {
    **{codename: MAY[act] for act, codename in ACT_PERMISSION.items() if codename},
    **parse_role_table(READ_PERMISSION_TABLE),
}
