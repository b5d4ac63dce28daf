from django import forms

from cases.models import Agency, Case, User
from dhr.forms import GOVUKDateField

from ..models import Imr


class CommissionForm(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        label="Agency",
        empty_label="Choose an agency",
        error_messages={"required": "Select the agency asked for an IMR."},
    )
    due_on = GOVUKDateField(label="Due date", allow_future=True)
    # An e-mail address rather than a list of people: the form works without JavaScript
    # (a list would have to follow the agency chosen), and the chair is not shown every
    # agency's staff directory. The address comes from the agency's scoping answer.
    senior_manager = forms.EmailField(
        label="The agency's senior manager's e-mail address",
        help_text="The commissioning letter goes to them. They must have an account as staff "
        "of the agency.",
        error_messages={"required": "Enter the senior manager's e-mail address."},
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.exclude(
            pk__in=case.imrs.values("agency")
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        agency, email = cleaned.get("agency"), cleaned.get("senior_manager")
        if agency and email:
            manager = User.objects.filter(
                email__iexact=email, agency=agency, is_active=True
            ).first()
            if manager is None:
                self.add_error(
                    "senior_manager",
                    f"No one at {agency} has an account with that e-mail address. Check it, "
                    "or ask an administrator to add them.",
                )
            else:
                cleaned["senior_manager"] = manager
        return cleaned


class DueDateForm(forms.Form):
    due_on = GOVUKDateField(label="New due date", allow_future=True)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why the due date changes",
        error_messages={"required": "Enter why the due date changes."},
    )


class AppointAuthorForm(forms.Form):
    author = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Author",
        empty_label="Choose a member of staff",
        help_text="A member of your agency's staff with an account here.",
        error_messages={"required": "Select the author."},
    )
    not_involved = forms.BooleanField(
        label="The author was not directly involved with the victim, the perpetrator or "
        "their families",
        error_messages={
            "required": "The author must not have been involved with the victim, the "
            "perpetrator or their families."
        },
    )
    not_line_manager = forms.BooleanField(
        label="The author is not the immediate line manager of any member of staff involved",
        error_messages={"required": "The author must not be the line manager of staff involved."},
    )

    def __init__(self, *args, imr: Imr, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["author"].queryset = User.objects.filter(
            agency_id=imr.agency_id, is_active=True
        ).order_by("full_name")
