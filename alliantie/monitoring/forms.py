from datetime import timedelta

from django import forms
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.core.fields import NameFormField
from alliantie.core.forms import DATE_INPUT, MunicipalityNamesField
from alliantie.core.models import Challenge
from alliantie.core.validators import clean_name, validate_name
from alliantie.monitoring.models import MonitorRound, Question, Questionnaire

YES, NO = "ja", "nee"
LIKERT = [(str(n), str(n)) for n in range(1, 6)]


def _field(question: Question, challenges: list[tuple[str, str]]) -> forms.Field:
    common = {"label": question.text, "help_text": question.help_text, "required": False}
    kind = question.kind
    if kind == Question.Kind.SINGLE:
        return forms.ChoiceField(choices=[(o, o) for o in question.options], widget=forms.RadioSelect, **common)
    if kind == Question.Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=[(o, o) for o in question.options], widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == Question.Kind.LIKERT:
        return forms.ChoiceField(choices=LIKERT, widget=forms.RadioSelect(attrs={"class": "likert"}), **common)
    if kind == Question.Kind.YES_NO:
        return forms.ChoiceField(choices=[(YES, _("ja")), (NO, _("nee"))], widget=forms.RadioSelect, **common)
    if kind == Question.Kind.CHALLENGES:
        return forms.MultipleChoiceField(choices=challenges, widget=forms.CheckboxSelectMultiple, **common)
    if kind == Question.Kind.MUNICIPALITIES:
        return MunicipalityNamesField(**common)
    if kind == Question.Kind.NUMBER:
        return forms.DecimalField(min_value=0, max_value=10**9, decimal_places=2, **common)
    if kind == Question.Kind.SHORT_TEXT:
        return forms.CharField(max_length=300, **common)
    return forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), **common)


class AnswerForm(forms.Form):
    """The questionnaire as one form. Drafts may be incomplete; submitting asks for every required answer.
    A follow-up question counts only when its yes/no question is answered yes."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    agrees_to_be_named = forms.BooleanField(
        label=_("Onze organisatie mag bij naam genoemd worden in openbare cijfers van de monitor"), required=False
    )
    agrees_to_be_quoted = forms.BooleanField(
        label=_("Zinnen uit onze open antwoorden mogen letterlijk in de voortgangsrapportage staan"),
        help_text=_(
            "Zonder naam, tenzij u hierboven ook toestemming geeft om genoemd te worden. U kunt dit aanpassen "
            "tot u de antwoorden indient."
        ),
        required=False,
    )

    def __init__(self, *args, questions: list[Question], submitting: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions, self.submitting = questions, submitting
        challenges = [(c.slug, f"{c.number}. {c.name}") for c in Challenge.objects.order_by("number")]
        for question in questions:
            field = _field(question, challenges)
            field.question = question
            if question.follow_up_of_id:
                field.widget.attrs["data-show-if"] = f"q{question.follow_up_of_id}"
            self.fields[question.field_name] = field

    def sections(self):
        """(section, [bound fields]) in order, for the template."""
        grouped: dict[int, tuple] = {}
        for question in self.questions:
            grouped.setdefault(question.section_id, (question.section, []))[1].append(self[question.field_name])
        return list(grouped.values())

    def clean(self):
        data = super().clean()
        for question in self.questions:
            name = question.field_name
            if question.follow_up_of_id and data.get(f"q{question.follow_up_of_id}") != YES:
                data[name] = None  # not asked
                continue
            if self.submitting and question.required and data.get(name) in (None, "", []) and name not in self.errors:
                self.add_error(name, _("Deze vraag is verplicht. Vul een antwoord in om in te dienen."))
        return data

    def values(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(q.field_name) for q in self.questions}


class RoundForm(forms.ModelForm):
    reminder_days = forms.CharField(
        label=_("Herinneringen, dagen voor het sluiten"),
        initial="14, 3",
        required=False,
        max_length=40,
        help_text=_("Gescheiden door komma's. Leeg: geen automatische herinneringen."),
    )

    class Meta:
        model = MonitorRound
        fields = ["name", "year", "questionnaire", "opens_on", "closes_on", "include_dormant"]
        widgets = {"opens_on": DATE_INPUT, "closes_on": DATE_INPUT}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["questionnaire"].queryset = Questionnaire.objects.order_by(Lower("name"), "-version")
        self.fields["questionnaire"].empty_label = None
        self.initial.setdefault("year", today.year)
        self.initial.setdefault("name", _("Monitor %(year)s") % {"year": today.year})
        self.initial.setdefault("opens_on", today)
        self.initial.setdefault("closes_on", today + timedelta(days=42))

    def clean_reminder_days(self) -> list[int]:
        parts = [p.strip() for p in self.cleaned_data["reminder_days"].split(",") if p.strip()]
        if any(not p.isdigit() or not 1 <= int(p) <= 90 for p in parts) or len(parts) > 5:
            raise forms.ValidationError(_("Geef tot vijf hele getallen van 1 tot 90, bijvoorbeeld: 14, 3."))
        return [int(p) for p in parts]

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("De ronde kan niet sluiten voordat zij opent."))
        return data


class ConfirmMailForm(forms.Form):
    """Confirming an action that mails many organisations, after seeing who they are."""

    confirmed = forms.BooleanField(
        label=_("Ik heb gezien wie deze e-mail krijgt en wil hem versturen"),
        error_messages={"required": _("Vink aan dat u de ontvangers heeft gezien; anders versturen we niets.")},
    )
    reason = forms.CharField(
        label=_("Waarom nog een open ronde dit jaar?"),
        help_text=_("Nodig als er al een ronde voor dit jaar open is. Komt in de geschiedenis van de ronde."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, needs_reason: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not needs_reason:
            del self.fields["reason"]


class QuestionnaireForm(forms.Form):
    name = NameFormField(label=_("Naam van de vragenlijst"), max_length=200)
    description = forms.CharField(
        label=_("Toelichting voor partners"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SectionForm(forms.Form):
    title = NameFormField(label=_("Titel van het onderdeel"), max_length=200)
    intro = forms.CharField(
        label=_("Inleiding"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort vraag"), choices=Question.Kind.choices)
    text = NameFormField(label=_("Vraag"), max_length=500)
    help_text = forms.CharField(label=_("Uitleg"), max_length=500, required=False)
    required = forms.BooleanField(label=_("Verplicht"), required=False)
    options = forms.CharField(
        label=_("Keuzes (één per regel)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Alleen voor één of meerdere keuzes."),
    )
    follow_up_of = forms.ModelChoiceField(
        label=_("Alleen stellen als op deze ja/nee-vraag ja is geantwoord"), queryset=None, required=False
    )

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["follow_up_of"].queryset = Question.objects.filter(
            section__questionnaire=questionnaire, kind=Question.Kind.YES_NO
        )

    def clean_options(self) -> list[str]:
        options = [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]
        if len(set(options)) != len(options):
            raise forms.ValidationError(_("Elke keuze mag maar één keer voorkomen."))
        if any(len(option) > 100 for option in options):
            raise forms.ValidationError(_("Een keuze is hoogstens 100 tekens."))
        return options

    @staticmethod
    def initial_for(question: Question) -> dict:
        return {
            "kind": question.kind,
            "text": question.text,
            "help_text": question.help_text,
            "required": question.required,
            "options": "\n".join(question.options),
            "follow_up_of": question.follow_up_of,
        }


class CodeForm(forms.Form):
    labels = forms.CharField(
        label=_("Categorieën"),
        max_length=500,
        required=False,
        help_text=_("Gescheiden door puntkomma's, bijvoorbeeld: Hoger sociaal minimum; Sociale kaart."),
    )

    def clean_labels(self) -> list[str]:
        labels = [clean_name(part) for part in self.cleaned_data["labels"].split(";")]
        for label in labels:
            validate_name(label)
        return [label for label in labels if label][:10]


class ResultFilterForm(forms.Form):
    sector = forms.CharField(required=False, max_length=80)
    schaal = forms.CharField(required=False, max_length=20)
    provincie = forms.CharField(required=False, max_length=4)
    opgave = forms.CharField(required=False, max_length=80)


class ReportForm(forms.Form):
    introduction = forms.CharField(
        label=_("Inleiding"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    round = forms.ModelChoiceField(label=_("Monitorronde"), queryset=MonitorRound.objects.all(), required=False)
    activities = forms.CharField(
        label=_("Uitgelichte activiteiten (nummers)"),
        required=False,
        max_length=200,
        help_text=_("De nummers uit het adres van de activiteiten, gescheiden door komma's."),
    )

    def clean_activities(self) -> list[int]:
        parts = [p.strip() for p in self.cleaned_data["activities"].split(",") if p.strip()]
        if any(not p.isdigit() for p in parts) or len(parts) > 10:
            raise forms.ValidationError(_("Geef tot tien nummers, gescheiden door komma's."))
        return [int(p) for p in parts]
