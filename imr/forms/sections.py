from django import forms

from dhr.forms import GOVUKDateField

from ..models import COMMENTED_ON, SECTIONS, ImrRecommendation, ImrSections


class SectionsForm(forms.Form):
    """The author's draft of every section. Nothing is required: a draft keeps what is
    written; what is still missing is asked when it is sent for sign-off."""

    no_recommendations_reason = forms.CharField(
        label="If the agency makes no recommendation, say why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, draft: ImrSections, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {
            section.key: forms.CharField(
                label=section.title,
                help_text=section.hint,
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
            )
            for section in SECTIONS
        }
        self.fields = {**fields, **self.fields}
        self.initial = {
            **{section.key: draft.text_of(section.key) for section in SECTIONS},
            "no_recommendations_reason": draft.no_recommendations_reason,
        }

    def section_fields(self):
        return [self[section.key] for section in SECTIONS]

    def texts(self) -> dict[str, str]:
        return {section.key: self.cleaned_data[section.key] for section in SECTIONS}


class RecommendationForm(forms.Form):
    what = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the recommendation."},
    )
    owner = forms.CharField(
        label="Owner",
        max_length=200,
        help_text="The post or team responsible for doing it.",
        error_messages={"required": "Enter the post or team that owns it."},
    )
    target_on = GOVUKDateField(label="Target date")
    measure = forms.CharField(
        label="How the agency will know it is done",
        help_text="The evidence or measure of success.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say how the agency will know it is done."},
    )

    def __init__(self, *args, recommendation: ImrRecommendation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if recommendation is not None:
            self.initial = {
                "what": recommendation.what,
                "owner": recommendation.owner,
                "target_on": recommendation.target_on,
                "measure": recommendation.measure,
            }


class ConfirmForm(forms.Form):
    """A button that does one thing: its page says what."""


class SignOffForm(forms.Form):
    SIGN_OFF, RETURN = "sign_off", "return"
    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=[
            (SIGN_OFF, "Quality-assured: sign it off and submit it to the panel"),
            (RETURN, "Return it to the author with comments"),
        ],
        error_messages={"required": "Choose whether to sign the IMR off or return it."},
    )
    comments = forms.CharField(
        label="Comments",
        required=False,
        help_text="What the author should change, if you return it. Optional when you sign it off.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ChairDecisionForm(forms.Form):
    ACCEPT, REVISE = "accept", "revise"
    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=[
            (ACCEPT, "Accept the IMR"),
            (REVISE, "Ask the agency for a revision"),
        ],
        error_messages={"required": "Choose whether to accept the IMR or ask for a revision."},
    )
    reasons = forms.CharField(
        label="What the agency should revise",
        required=False,
        help_text="Only when you ask for a revision.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class CommentForm(forms.Form):
    section = forms.ChoiceField(
        label="Section",
        choices=[(section.key, section.title) for section in COMMENTED_ON],
        error_messages={"required": "Choose the section you comment on."},
    )
    text = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter your comment."},
    )

    def __init__(self, *args, reply: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if reply:
            # A reply belongs to its thread's section.
            del self.fields["section"]
            self.fields["text"].label = "Reply"
            self.fields["text"].error_messages["required"] = "Enter your reply."


class CompareForm(forms.Form):
    """Which two versions to compare (GET)."""

    older = forms.TypedChoiceField(label="Compare version", coerce=int)
    newer = forms.TypedChoiceField(label="with version", coerce=int)

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, f"Version {n}") for n in numbers]
        self.fields["older"].choices = self.fields["newer"].choices = choices
