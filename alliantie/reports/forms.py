"""Forms of the dashboard: a target, and the filters of the coverage, municipality and map pages. Filters accept
only known values: anything else is a Dutch message at its field (and the page answers 400)."""

from django import forms
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from alliantie.accounts.models import User
from alliantie.core.models import Challenge, ChangeLine, Province, Sector
from alliantie.reports import definitions, selectors
from alliantie.reports.models import RecruitmentCandidate, Target

TOO_LONG = _("Deze waarde is te lang.")


class TargetForm(forms.ModelForm):
    definition = forms.ChoiceField(label=_("Wat wordt geteld"))
    sectors = forms.ModelMultipleChoiceField(
        Sector.objects.order_by("order", Lower("name")),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Alleen deze sectoren"),
        help_text=_("Alleen voor tellingen van partners; niets aangevinkt is alle sectoren."),
    )

    class Meta:
        model = Target
        fields = ["title", "definition", "value", "period_start", "period_end", "owner", "sectors", "public", "source"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "value": {
                "invalid": _("Vul een heel getal in, bijvoorbeeld 15."),
                "min_value": _("De streefwaarde is minstens 1."),
                "max_value": _("De streefwaarde is hoogstens 1.000.000."),
            },
            "period_start": {"invalid": _("Vul een geldige datum in, bijvoorbeeld 1-1-2022.")},
            "period_end": {"invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-2023.")},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["definition"].choices = [("", _("Kies …")), *definitions.choices()]
        self.fields["owner"].queryset = User.objects.filter(team_role=User.TeamRole.PROJECT_TEAM).order_by(
            Lower("name")
        )
        self.fields["owner"].label = _("Eigenaar (projectteam)")
        self.fields["period_start"].input_formats = ["%Y-%m-%d"]
        self.fields["period_end"].input_formats = ["%Y-%m-%d"]

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Het einde van de periode ligt voor het begin."))
        return data

    def _post_clean(self) -> None:
        # The model's own clean gives the same message; the form already placed it at the field.
        if not self.has_error("period_end"):
            super()._post_clean()


def _choice(queryset, to_field: str, label, empty):
    return forms.ModelChoiceField(
        queryset,
        to_field_name=to_field,
        required=False,
        label=label,
        empty_label=empty,
        error_messages={"invalid_choice": _("Kies een waarde uit de lijst.")},
    )


class CoverageForm(forms.Form):
    lijn = _choice(ChangeLine.objects.order_by("order"), "code", _("Lijn van de verandertheorie"), _("Alle lijnen"))
    sector = _choice(Sector.objects.order_by("order", Lower("name")), "slug", _("Sector"), _("Alle sectoren"))
    provincie = _choice(
        Province.objects.order_by(Lower("name")), "code", _("Provincie (blinde vlekken)"), _("Alle provincies")
    )


class SpotForm(forms.Form):
    opgave = _choice(Challenge.objects.order_by("number"), "slug", _("Opgave"), None)
    provincie = _choice(Province.objects.order_by(Lower("name")), "code", _("Provincie"), None)
    sector = _choice(Sector.objects.order_by("order", Lower("name")), "slug", _("Sector"), _("Alle sectoren"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opgave"].required = True
        self.fields["provincie"].required = True
        self.fields["opgave"].error_messages["required"] = _("Kies een opgave.")
        self.fields["provincie"].error_messages["required"] = _("Kies een provincie.")


class AddCandidateForm(SpotForm):
    organisatie = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    aanbieder = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    notitie = forms.CharField(
        required=False, max_length=2000, label=_("Notitie"), error_messages={"max_length": TOO_LONG}
    )

    def clean(self) -> dict:
        data = super().clean()
        if bool(data.get("organisatie")) == bool(data.get("aanbieder")):
            raise forms.ValidationError(_("Kies één organisatie of één aanbieder."))
        return data


class CandidateStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=RecruitmentCandidate.Status.choices,
        label=_("Status"),
        error_messages={"invalid_choice": _("Kies een status uit de lijst.")},
    )


class RecruitmentFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", _("Alle")), *RecruitmentCandidate.Status.choices],
        required=False,
        label=_("Status"),
        error_messages={"invalid_choice": _("Kies een status uit de lijst.")},
    )


class MunicipalityForm(forms.Form):
    provincie = _choice(Province.objects.order_by(Lower("name")), "code", _("Provincie"), _("Alle provincies"))
    sorteer = forms.ChoiceField(
        choices=[(key, key) for key in selectors.SORTS],
        required=False,
        label=_("Sorteren op"),
        error_messages={"invalid_choice": _("Kies een sortering uit de lijst.")},
    )


class MapForm(forms.Form):
    kaart = forms.ChoiceField(
        choices=[],
        required=False,
        label=_("Kaart"),
        error_messages={"invalid_choice": _("Kies een kaart uit de lijst.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kaart"].choices = [(key, m.title) for key, m in selectors.measures().items()]
