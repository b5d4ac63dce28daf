"""Every form renders GOV.UK error markup through the project's form renderer."""

from django import forms

from dhr.forms import GOVUKFormRenderer


class NotificationForm(forms.Form):
    victim_pseudonym = forms.CharField(label="Pseudonym", help_text="Not the person's name.")
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea)


def render(data=None):
    form = NotificationForm(data=data, renderer=GOVUKFormRenderer())
    return form, str(form)


def test_an_unbound_form_has_no_error_markup():
    _, html = render()

    assert "govuk-error-summary" not in html
    assert "govuk-form-group--error" not in html
    assert 'class="govuk-input"' in html
    assert 'class="govuk-textarea"' in html
    assert 'aria-describedby="id_victim_pseudonym_helptext"' in html


def test_a_missing_required_field_is_summarised_and_marked():
    form, html = render(data={})

    assert not form.is_valid()
    assert "govuk-error-summary" in html
    assert 'href="#id_victim_pseudonym"' in html
    assert "govuk-form-group--error" in html
    assert "govuk-input--error" in html
    assert 'id="id_victim_pseudonym_error" class="govuk-error-message"' in html
    assert 'aria-describedby="id_victim_pseudonym_helptext id_victim_pseudonym_error"' in html


def test_only_the_field_in_error_is_marked():
    _, html = render(data={"victim_pseudonym": ""})

    assert html.count("govuk-form-group--error") == 1
    assert "govuk-textarea--error" not in html
    assert 'href="#id_notes"' not in html


def test_the_project_renderer_is_the_default(settings):
    # No renderer passed: the FORM_RENDERER setting must give the same markup.
    html = str(NotificationForm(data={}))

    assert settings.FORM_RENDERER == "dhr.forms.GOVUKFormRenderer"
    assert "govuk-error-summary" in html
    assert 'href="#id_victim_pseudonym"' in html


class ChoiceForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[("review", "Hold a review"), ("no_review", "Do not hold a review")],
        widget=forms.RadioSelect,
        label="Decision",
    )
    boards = forms.MultipleChoiceField(
        choices=[("sab", "Adults board"), ("scp", "Children partnership")],
        widget=forms.CheckboxSelectMultiple,
        label="Boards",
    )


def test_radios_render_as_radios_and_their_error_links_land_on_the_first_one():
    form = ChoiceForm(data={}, renderer=GOVUKFormRenderer())
    html = str(form)

    assert '<div class="govuk-radios" data-module="govuk-radios" id="id_outcome">' in html
    assert '<div class="govuk-radios__item">' in html
    assert '<div class="govuk-checkboxes" data-module="govuk-checkboxes" id="id_boards">' in html
    # A group has no label of its own: the summary links to its first option.
    assert 'href="#id_outcome_0"' in html
    assert 'href="#id_boards_0"' in html
