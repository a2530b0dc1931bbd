from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.activities.models import Involvement, TargetGroup
from alliantie.core.fields import NameFormField
from alliantie.core.forms import DATE_INPUT, MunicipalityNamesField, split_names
from alliantie.core.models import Challenge, ChangeLine
from alliantie.partners.models import Organisation

MAX_REACH = 10_000_000


class ActivityForm(forms.Form):
    title = NameFormField(
        label=_("Titel"), max_length=200, help_text=_("Kort en duidelijk, bijvoorbeeld: Gezond ontbijt op school.")
    )
    description = forms.CharField(
        label=_("Wat doet u?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Voor wie, wat en hoe. Schrijf geen namen of gegevens van gezinnen of kinderen op."),
    )
    challenges = forms.ModelMultipleChoiceField(
        label=_("Bij welke opgaven hoort dit?"),
        queryset=Challenge.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
    )
    change_line = forms.ModelChoiceField(
        label=_("Verandertheorie"),
        queryset=ChangeLine.objects.order_by("order"),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_(
            "Verzachten: nu helpen. Versterken: mensen sterker maken. Veranderen: regels en systemen veranderen."
        ),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Voor wie?"), choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple
    )
    municipalities = MunicipalityNamesField(
        label=_("In welke gemeenten?"),
        required=False,
        help_text=_("Namen of CBS-codes, gescheiden door komma's. Leeg laten als het in heel Nederland is."),
    )
    planned_children = forms.IntegerField(
        label=_("Hoeveel kinderen wilt u bereiken?"), required=False, min_value=0, max_value=MAX_REACH
    )
    planned_families = forms.IntegerField(
        label=_("Hoeveel gezinnen wilt u bereiken?"), required=False, min_value=0, max_value=MAX_REACH
    )
    starts_on = forms.DateField(label=_("Begint op"), widget=DATE_INPUT)
    ends_on = forms.DateField(
        label=_("Eindigt op"), required=False, widget=DATE_INPUT, help_text=_("Leeg laten als het doorloopt.")
    )
    co_partners = forms.CharField(
        label=_("Samen met welke partners?"),
        required=False,
        max_length=2000,
        help_text=_(
            "Namen van andere partners van de alliantie, gescheiden door komma's. Typ een deel van de naam: u "
            "krijgt partners te zien om uit te kiezen."
        ),
        widget=forms.TextInput(attrs={"data-partner-suggest": "/api/v1/organisaties", "autocomplete": "off"}),
    )
    involvement = forms.ChoiceField(
        label=_("Hoe zijn ervaringsdeskundigen, kinderen of ouders betrokken?"),
        choices=Involvement.choices,
        widget=forms.RadioSelect,
    )
    involvement_explanation = forms.CharField(
        label=_("Toelichting"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hoe deden zij mee? Of: wat is uw plan om hen te betrekken?"),
    )

    def clean_co_partners(self) -> list[Organisation]:
        found, unknown = [], []
        for name in split_names(self.cleaned_data["co_partners"]):
            organisation = Organisation.objects.partners().filter(name__iexact=name).first()
            (found if organisation else unknown).append(organisation or name[:80])
        if unknown:
            raise forms.ValidationError(
                _("Deze partners kennen we niet: %(names)s. Gebruik de naam zoals in de lijst van partners.")
                % {"names": ", ".join(unknown)}
            )
        return found

    def clean(self) -> dict:
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("De einddatum ligt voor de begindatum."))
        return cleaned

    @classmethod
    def initial_for(cls, activity) -> dict:
        return {
            "title": activity.title,
            "description": activity.description,
            "challenges": list(activity.challenges.all()),
            "change_line": activity.change_line,
            "target_groups": activity.target_groups,
            "municipalities": list(activity.municipalities.all()),
            "planned_children": activity.planned_children,
            "planned_families": activity.planned_families,
            "starts_on": activity.starts_on,
            "ends_on": activity.ends_on,
            "co_partners": ", ".join(o.name for o in activity.co_partners.all()),
            "involvement": activity.involvement,
            "involvement_explanation": activity.involvement_explanation,
        }


class ProgressForm(forms.Form):
    reported_on = forms.DateField(label=_("Datum"), widget=DATE_INPUT, initial=timezone.localdate)
    children_reached = forms.IntegerField(
        label=_("Hoeveel kinderen bereikt sinds de vorige update?"),
        help_text=_("Alleen de nieuwe kinderen: wij tellen de updates op tot het totaal. Leeg als u het niet weet."),
        required=False,
        min_value=0,
        max_value=MAX_REACH,
    )
    families_reached = forms.IntegerField(
        label=_("Hoeveel gezinnen bereikt sinds de vorige update?"),
        help_text=_("Leeg als u het niet weet; dan telt het als onbekend, niet als 0."),
        required=False,
        min_value=0,
        max_value=MAX_REACH,
    )
    note = forms.CharField(
        label=_("Wat is er gebeurd?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat ging goed, wat was lastig? Schrijf geen namen van gezinnen of kinderen op."),
    )

    def clean_reported_on(self):
        value = self.cleaned_data["reported_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst. Meld voortgang als die er is."))
        return value
