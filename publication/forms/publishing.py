"""The forms of publication, the copies sent and withdrawal from the public pages."""

from django import forms

from dhr.forms import GOVUKDateField

from ..models import Publication
from ..services import copies


class PublicationDateForm(forms.Form):
    publish_on = GOVUKDateField(label="Publication date", allow_future=True)
    agreed_with = forms.CharField(
        label="Who agreed it for the family",
        max_length=200,
        error_messages={"required": "Enter who agreed the date for the family."},
    )
    agreed_how = forms.CharField(
        label="How it was agreed",
        max_length=300,
        help_text="For example: by telephone with the family's advocate.",
        error_messages={"required": "Enter how the date was agreed."},
    )


class ForewarnedForm(forms.Form):
    forewarned_on = GOVUKDateField(label="Date forewarned")
    who = forms.CharField(
        label="Who was told",
        max_length=200,
        error_messages={"required": "Enter who in the family was told."},
    )
    how = forms.CharField(
        label="How they were told",
        max_length=300,
        error_messages={"required": "Enter how they were told."},
    )
    consequences = forms.CharField(
        label="What they were told to expect",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: media interest on the day, what the report says about them.",
        error_messages={"required": "Enter what they were told to expect."},
    )


class MediaBriefingForm(forms.Form):
    briefed_on = GOVUKDateField(label="Date briefed")
    media_lead = forms.CharField(
        label="Media lead",
        max_length=200,
        error_messages={"required": "Enter the media lead's name."},
    )
    notes = forms.CharField(
        label="What was agreed (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConfirmForm(forms.Form):
    """Nothing to fill in: the button acts (one effect per rendered form)."""


class WithholdForm(forms.Form):
    decided_on = GOVUKDateField(label="Date decided")
    decided_by = forms.CharField(
        label="Who decided",
        max_length=200,
        help_text="Their name and role.",
        error_messages={"required": "Enter who decided."},
    )
    reasons = forms.CharField(
        label="The compelling reasons",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The welfare of the children or other people directly concerned.",
        error_messages={"required": "Give the compelling reasons."},
    )


class CopyForm(forms.Form):
    copy = forms.ChoiceField(
        label="Copy or notice",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the copy or notice sent."},
    )
    sent_on = GOVUKDateField(label="Date sent")
    how = forms.CharField(
        label="How it was sent",
        max_length=300,
        error_messages={"required": "Enter how it was sent."},
    )
    links = forms.CharField(
        label="Links (for the Home Office)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The addresses of the published report, or of the Home Office library's page.",
    )

    def __init__(self, *args, owed: list[copies.Owed], **kwargs):
        super().__init__(*args, **kwargs)
        self.owed = {_key(o): o for o in owed if o.sent is None}
        self.fields["copy"].choices = [(key, o.label) for key, o in self.owed.items()]

    def clean(self):
        data = super().clean()
        owed = self.owed.get(data.pop("copy", None))
        if owed is not None:
            data.update(kind=owed.kind, agency=owed.agency)
        return data


def _key(owed: copies.Owed) -> str:
    return f"agency-{owed.agency.pk}" if owed.agency else owed.kind


class ReportCopyForm(forms.Form):
    recipient = forms.ChoiceField(
        label="Sent to",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who the report was sent to."},
    )
    sent_on = GOVUKDateField(label="Date sent")
    method = forms.CharField(
        label="How it was sent",
        max_length=300,
        error_messages={"required": "Enter how it was sent."},
    )

    def __init__(self, *args, owed: list[copies.CopyOwed], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = [(o.recipient, o.name) for o in owed if o.sent is None]


class WithdrawForm(forms.Form):
    kind = forms.ChoiceField(
        label="Why it is withdrawn",
        choices=Publication.WithdrawalKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why it is withdrawn."},
    )
    reason = forms.CharField(
        label="The decision, in full",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why it is withdrawn."},
    )
