"""The code's role table and the lifecycle's permissions against DESIGN §5's table.

The expected answers are the design's (tests/design_roles.py), never cases.roles itself.
"""

import pytest

from cases.roles import ROLE_PERMISSIONS, CaseRole, roles_with_permission
from cases.workflow import TRANSITIONS_BY_NAME
from tests.design_roles import ACT_PERMISSION, MAY, SHOULD_HOLD


def test_every_act_of_the_design_table_is_mapped_to_a_permission_or_to_none_yet():
    assert set(ACT_PERMISSION) == set(MAY)


def test_role_permissions_is_design_section_5():
    expected = {
        role: frozenset(codename for codename, roles in SHOULD_HOLD.items() if role in roles)
        for role in CaseRole
    }
    assert expected == ROLE_PERMISSIONS


# Each transition of the lifecycle is one act of DESIGN §5's table: the roles whose
# permission lets them make it are the roles that may do that act.
TRANSITION_ACTS = {
    "refer_for_decision": "record notification, edit case file",
    "decide_to_review": "record decision, sign off",
    "decide_not_to_review": "record decision, sign off",
    "decide_on_joint_review": "record decision, sign off",
    "defer_to_other_review": "record decision, sign off",
    "reopen_at_not_reviewed": "record decision, sign off",
    "reopen_at_other_review_leads": "record decision, sign off",
    "start_imrs": "commission / accept IMRs",
    "start_drafting": "commission / accept IMRs",  # the last IMR accepted
    "submit_for_sign_off": "write overview report, action plan",
    "return_to_drafting": "record decision, sign off",  # the CSP chair's sign-off refused
    "send_to_home_office": "send to Home Office, record QA outcome from the letter, publish",
    "clear_for_publication": "send to Home Office, record QA outcome from the letter, publish",
    "ask_to_resubmit": "send to Home Office, record QA outcome from the letter, publish",
    "publish": "send to Home Office, record QA outcome from the letter, publish",
    "withhold_publication": "send to Home Office, record QA outcome from the letter, publish",
    "conclude": "conclude the review",
    "withdraw_at_notified": "record notification, edit case file",
    "withdraw_at_decision": "record notification, edit case file",
    # Transferring a case notified to the wrong partnership is the partnership's own act on
    # its case file, like withdrawing one recorded in error.
    "transfer_at_notified": "record notification, edit case file",
    "transfer_at_decision": "record notification, edit case file",
}


def test_every_transition_is_one_act_of_the_design_table():
    assert set(TRANSITION_ACTS) == set(TRANSITIONS_BY_NAME)
    assert set(TRANSITION_ACTS.values()) <= set(MAY)


@pytest.mark.parametrize(
    "name",
    list(TRANSITION_ACTS),
)
def test_each_transition_is_open_to_the_roles_the_design_gives_its_act(name):
    transition = TRANSITIONS_BY_NAME[name]
    act = TRANSITION_ACTS[name]
    open_to = {role.label for role in roles_with_permission(transition.permission.split(".")[1])}
    design = {role.label for role in MAY[act]}
    assert open_to == design, (
        f"{name} needs {transition.permission}, held by {sorted(open_to)}; "
        f"DESIGN §5 gives {act!r} to {sorted(design)}"
    )
