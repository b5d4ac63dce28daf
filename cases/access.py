"""Who may see which case: the one place that answers it (DESIGN §5).

A case is reachable only through a guardian object permission on it, granted from a case
membership. Not found and not permitted look the same (404), so references cannot be
probed. Administrators get no case access from being superusers: they work in the admin.
"""

from django.contrib.auth.models import Permission
from django.db.models import Aggregate, CharField, Exists, OuterRef, QuerySet, Subquery
from django.db.models.signals import post_migrate
from django.http import Http404

from .models import Case, CaseUserObjectPermission, RefusedCaseAccess

# The ids of the cases app's permissions, {codename: id}, read once per process: a
# constant id in the SQL lets PostgreSQL use the permission table's column statistics,
# which a join to auth_permission by codename hides from it (issue 13 item 3).
_permission_ids: dict[str, int] = {}


def permission_id(permission: str) -> int:
    codename = permission.removeprefix("cases.")
    if codename not in _permission_ids:
        _permission_ids.update(
            Permission.objects.filter(content_type__app_label="cases").values_list("codename", "id")
        )
    return _permission_ids[codename]


def _forget_permission_ids(**kwargs) -> None:
    # A flush or a migration may recreate the permission rows under new ids.
    _permission_ids.clear()


post_migrate.connect(_forget_permission_ids, dispatch_uid="cases.access.permission_ids")


def holds(user, permission: str, case=None) -> Exists:
    """Whether `user` (a user or an expression for one) holds `permission` on `case` (an
    expression for a case's id; the outer query's row by default): a direct grant to the
    person. Global permissions, superuser status and groups give no case access
    (cases.services grants case permissions to people only, from memberships)."""
    return Exists(
        CaseUserObjectPermission.objects.filter(
            user=user,
            permission_id=permission_id(permission),
            content_object=OuterRef("pk") if case is None else case,
        )
    )


def cases_visible_to(user, permission: str = "cases.view_case") -> QuerySet[Case]:
    """The cases on which `user` holds `permission`: guardian's get_objects_for_user with
    accept_global_perms=False, with_superuser=False and use_groups=False, written as an
    EXISTS on the direct permission table (bench/README.md, "Permission filter")."""
    if not user.is_authenticated:
        return Case.objects.none()
    return Case.objects.filter(holds(user, permission))


class _JoinedCodenames(Aggregate):
    """Codenames joined by commas: STRING_AGG on PostgreSQL, GROUP_CONCAT on SQLite."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


def get_case_for(
    user,
    reference: str,
    permission: str = "cases.view_case",
    *,
    cases: QuerySet[Case] | None = None,
) -> Case:
    """The case with this reference if `user` holds `permission` on it, otherwise 404.

    `cases` is the queryset to read it from when a page needs more than the case and its
    partnership (annotations, related records), so the case is read once. The codenames
    `user` holds on it are read in the same statement, for case_permissions."""
    held = (
        CaseUserObjectPermission.objects.filter(user=user, content_object=OuterRef("pk"))
        .order_by()
        .values("content_object")
        .annotate(codenames=_JoinedCodenames("permission__codename"))
        .values("codenames")
    )
    case = (
        (Case.objects.all() if cases is None else cases)
        .filter(holds(user, permission), reference=reference)
        .select_related("partnership")
        .annotate(codenames_held=Subquery(held))
        .first()
    )
    if case is None:
        _record_refusal(user, reference, permission)
        raise Http404("No case found.")
    case.permissions_held = (user.pk, frozenset(case.codenames_held.split(",")))
    return case


def _record_refusal(user, reference: str, permission: str) -> None:
    RefusedCaseAccess.objects.create(
        user=user,
        reference=reference[:64],
        case=Case.objects.filter(reference=reference).first(),
        permission=permission.removeprefix("cases."),
    )


def case_permissions(user, case: Case) -> frozenset[str]:
    """The codenames `user` holds on `case`, for views and templates to read as flags: as
    read with the case by get_case_for, for the same user, in the same request."""
    held_by, codenames = getattr(case, "permissions_held", (None, frozenset()))
    return codenames if held_by == user.pk else permissions_now(user, case)


def permissions_now(user, case: Case) -> frozenset[str]:
    """The codenames `user` holds on `case`, read now: services check them inside their
    transaction, never from what a view read earlier."""
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
    return permission.removeprefix("cases.") in permissions_now(user, case)
