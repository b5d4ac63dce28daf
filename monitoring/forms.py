"""The forms of action-plan monitoring and the conclusion."""

from django import forms

from dhr.forms import GOVUKDateField
from dhr.uploads import PDF_OR_DOCX, DocumentField
from reports.models import Action

from .models import ActionAudit, Dissemination, Rag, Status


def _radios(label, choices, message, **kwargs):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message},
        **kwargs,
    )


class UpdateForm(forms.Form):
    progress = forms.CharField(
        label="What was done",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The progress since the last update, and what is left to do.",
        error_messages={"required": "Enter what was done."},
    )
    status = _radios("Status", Status.choices, "Select the action's status.")
    rag = _radios(
        "RAG rating",
        Rag.choices,
        "Select the RAG rating.",
        help_text="Red: off track. Amber: at risk. Green: on track.",
    )
    completed_on = GOVUKDateField(
        label="Date completed", required=False, help_text="Only when the action is complete."
    )
    closure_reason = forms.CharField(
        label="Why it closes without completion",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only when it closes without completion. The CSP chair must agree it.",
    )
    evidence = DocumentField(
        what="the evidence", kinds=PDF_OR_DOCX, label="Evidence (optional)", required=False
    )


class AuditForm(forms.Form):
    result = _radios(
        "Result", ActionAudit.Result.choices, "Select whether the evidence was verified."
    )
    verified_on = GOVUKDateField(label="Date the evidence was checked")
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What was checked. If not verified, why: the action goes back to in progress.",
    )


class ClosureAgreementForm(forms.Form):
    agreed_on = GOVUKDateField(label="Date agreed")
    note = forms.CharField(
        label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ChallengeMeetingForm(forms.Form):
    held_on = GOVUKDateField(label="Date of the meeting")
    attendees = forms.CharField(
        label="Who attended",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Name, agency and role of each person, one a line.",
        error_messages={"required": "Enter who attended."},
    )


class ChallengeForm(forms.Form):
    action = forms.ModelChoiceField(
        queryset=Action.objects.none(),
        label="Action challenged (optional)",
        required=False,
        empty_label="Not about one action",
    )
    challenge = forms.CharField(
        label="The challenge made",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the challenge made."},
    )
    response = forms.CharField(
        label="The response (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = (
            Action.objects.filter(recommendation__case=case)
            .select_related("lead_agency", "recommendation")
            .order_by("recommendation__number", "id")
        )


class ResponseForm(forms.Form):
    response = forms.CharField(
        label="The response",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the response."},
    )


class HomeOfficeRequestForm(forms.Form):
    received_on = GOVUKDateField(label="Date received")
    asked = forms.CharField(
        label="What the Home Office asked",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what the Home Office asked."},
    )


class HomeOfficeAnswerForm(forms.Form):
    answer = forms.CharField(
        label="The answer",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the answer sent."},
    )
    answered_on = GOVUKDateField(label="Date the answer was sent")


class DisseminationForm(forms.Form):
    shared_on = GOVUKDateField(label="Date shared")
    learning = _radios(
        "Kind of learning", Dissemination.Learning.choices, "Select the kind of learning shared."
    )
    what = forms.CharField(
        label="What was shared",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what was shared."},
    )
    audience = _radios(
        "Shared with", Dissemination.Audience.choices, "Select who it was shared with."
    )
    audience_detail = forms.CharField(
        label="Who exactly (optional, needed for Other)",
        max_length=200,
        required=False,
        help_text="For example: the named board, the training course.",
    )
    how = forms.CharField(
        label="How it was shared",
        max_length=300,
        help_text="For example: a briefing, a 7-minute learning note, a training session.",
        error_messages={"required": "Enter how it was shared."},
    )
    decided_by = forms.CharField(
        label="Decided by",
        max_length=200,
        help_text="The CSP chair decides what is shared, how and with whom.",
        error_messages={"required": "Enter who decided to share it."},
    )


class ConcludeForm(forms.Form):
    """Nothing to fill in: the button concludes (one effect per rendered form)."""
