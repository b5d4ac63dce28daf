"""Who may see which case: the one place that answers it (DESIGN §5).

A case is reachable only through a guardian object permission on it, granted from a case
membership. Not found and not permitted look the same (404), so references cannot be
probed. Administrators get no case access from being superusers: they work in the admin.
"""

from django.db.models import QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from .models import Case, CaseUserObjectPermission, RefusedCaseAccess


def cases_visible_to(user, permission: str = "cases.view_case") -> QuerySet[Case]:
    # Direct foreign-key permission rows: no generic object_pk text casts in the join.
    # Case permissions are granted to people, never to groups (cases.services); skipping
    # the group subquery lets PostgreSQL join from the permission index instead of
    # reading every case (bench/README.md).
    return get_objects_for_user(
        user,
        permission,
        klass=Case,
        accept_global_perms=False,
        with_superuser=False,
        use_groups=False,
    )


def get_case_for(user, reference: str, permission: str = "cases.view_case") -> Case:
    """The case with this reference if `user` holds `permission` on it, otherwise 404."""
    case = (
        cases_visible_to(user, permission)
        .select_related("partnership")
        .filter(reference=reference)
        .first()
    )
    if case is None:
        _record_refusal(user, reference, permission)
        raise Http404("No case found.")
    return case


def _record_refusal(user, reference: str, permission: str) -> None:
    RefusedCaseAccess.objects.create(
        user=user,
        reference=reference[:64],
        case=Case.objects.filter(reference=reference).first(),
        permission=permission.removeprefix("cases."),
    )


def case_permissions(user, case: Case) -> frozenset[str]:
    """The codenames `user` holds on `case`, for views and templates to read as flags."""
    return frozenset(
        CaseUserObjectPermission.objects.filter(user=user, content_object=case).values_list(
            "permission__codename", flat=True
        )
    )


def case_permissions_by_case(user, cases) -> dict[int, frozenset[str]]:
    """case_permissions for a list of cases, in one query: {case id: codenames}."""
    held: dict[int, set[str]] = {case.pk: set() for case in cases}
    rows = CaseUserObjectPermission.objects.filter(user=user, content_object__in=list(held))
    for case_id, codename in rows.values_list("content_object_id", "permission__codename"):
        held[case_id].add(codename)
    return {case_id: frozenset(codenames) for case_id, codenames in held.items()}


def has_case_permission(user, case: Case, permission: str) -> bool:
    return permission.removeprefix("cases.") in case_permissions(user, case)
