from django import forms

from ..models import AnonymisationDecision


class FlagDecisionForm(forms.Form):
    """A decision on one flagged identifier; one per flag on the preview page, told apart by
    its prefix."""

    decision = forms.ChoiceField(
        label="What should the published report say?",
        choices=AnonymisationDecision.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to keep it as written or replace it."},
    )
    replacement = forms.CharField(
        label="Publish this instead",
        max_length=200,
        required=False,
        help_text="For example: a pseudonym, “a local primary school” or “in early 2023”.",
    )
    reason = forms.CharField(
        label="Why (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    conditional_reveals = {"decision": {"replace": ["replacement"]}}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "replace" and not cleaned.get("replacement", "").strip():
            self.add_error("replacement", "Enter the text to publish instead.")
        return cleaned
