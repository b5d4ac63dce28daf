from django import forms

from ..models.drafting import sections_of


class DraftForm(forms.Form):
    """The chair's draft of every section of one document. Nothing is required: a draft
    keeps what is written. "Save and make a version" also fixes it as the next version."""

    SAVE, VERSION = "save", "version"

    note = forms.CharField(
        label="What changed (optional)",
        help_text="Said with the version, for the panel: for example “Analysis rewritten after "
        "the panel's comments”.",
        required=False,
        max_length=300,
        error_messages={"max_length": "Say what changed in 300 characters or fewer."},
    )

    def __init__(self, *args, document: str, texts: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document
        sections = {
            section.key: forms.CharField(
                label=section.title,
                help_text=section.hint,
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
            )
            for section in sections_of(document)
        }
        self.fields = {**sections, **self.fields}
        self.initial = dict(texts)

    def section_fields(self):
        return [self[section.key] for section in sections_of(self.document)]

    def texts(self) -> dict[str, str]:
        return {
            section.key: self.cleaned_data[section.key] for section in sections_of(self.document)
        }


class CommentForm(forms.Form):
    section = forms.ChoiceField(
        label="Section", error_messages={"required": "Choose the section you comment on."}
    )
    text = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter your comment."},
    )

    def __init__(self, *args, document: str, reply: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [
            (section.key, section.title) for section in sections_of(document)
        ]
        if reply:
            # A reply belongs to its thread's section.
            del self.fields["section"]
            self.fields["text"].label = "Reply"
            self.fields["text"].error_messages["required"] = "Enter your reply."
