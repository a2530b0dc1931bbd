from datetime import timedelta

from django import forms
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliantie.core.fields import NameFormField
from alliantie.core.forms import DATE_INPUT, MunicipalityNamesField
from alliantie.core.models import Challenge, Province
from alliantie.marketplace.models import HelpType, Introduction, Post


def in_three_months():
    return timezone.localdate() + timedelta(days=91)


class PostForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Namens welke organisatie?"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(
        label=_("Vraag of aanbod?"),
        choices=[("request", _("Een vraag: wij zoeken hulp")), ("offer", _("Aanbod: wij bieden hulp"))],
        widget=forms.RadioSelect,
    )
    title = NameFormField(label=_("Titel"), max_length=200, help_text=_("Bijvoorbeeld: Ontbijt voor onze leerlingen."))
    body = forms.CharField(
        label=_("Omschrijving"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Wat zoekt of biedt u, voor wie en wanneer? Schrijf geen namen of gegevens van gezinnen op."),
    )
    help_types = forms.MultipleChoiceField(
        label=_("Wat voor hulp?"), choices=HelpType.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    challenges = forms.ModelMultipleChoiceField(
        label=_("Bij welke opgaven hoort dit?"),
        queryset=Challenge.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    municipalities = MunicipalityNamesField(
        label=_("In welke gemeenten?"),
        required=False,
        help_text=_("Namen of CBS-codes, gescheiden door komma's. Gemeenten en provincies leeg: heel Nederland."),
    )
    provinces = forms.ModelMultipleChoiceField(
        label=_("Of in welke provincies?"),
        queryset=Province.objects.order_by(Lower("name")),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    open_until = forms.DateField(
        label=_("Staat open tot"), widget=DATE_INPUT, initial=in_three_months, help_text=_("Daarna verdwijnt het.")
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.only_organisation = organisations[0] if len(organisations) == 1 else None
        if self.only_organisation:  # nothing to choose: the field is not shown
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].required = False

    def clean_organisation(self):
        return self.cleaned_data.get("organisation") or self.only_organisation

    @staticmethod
    def initial_for(post: Post) -> dict:
        return {
            "organisation": post.organisation,
            "kind": post.kind,
            "title": post.title,
            "body": post.body,
            "help_types": post.help_types,
            "challenges": list(post.challenges.all()),
            "municipalities": list(post.area_municipalities.all()),
            "provinces": list(post.area_provinces.all()),
            "open_until": post.open_until,
        }


class CloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("Wat is de uitkomst?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: geholpen door de voedselbank, of: niet meer nodig."),
    )


class IntroduceForm(forms.Form):
    other = forms.IntegerField(widget=forms.HiddenInput)
    other_post = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Waarom passen zij bij elkaar?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Komt in de e-mail aan beide partners."),
    )
    message = forms.CharField(
        label=_("Persoonlijk bericht"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld waarom u juist nu aan hen denkt. Komt boven de e-mail."),
    )


class OutcomeForm(forms.Form):
    status = forms.ChoiceField(label=_("Hoe staat het?"), choices=Introduction.Status.choices, widget=forms.RadioSelect)
    outcome = forms.CharField(
        label=_("Wat is er uitgekomen?"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    status = forms.ChoiceField(choices=Introduction.Status.choices, widget=forms.RadioSelect, label=_("Uw antwoord"))


class MarketplaceFilterForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("vragen en aanbod")), *Post.Kind.choices]
    )
    hulp = forms.ChoiceField(label=_("Soort hulp"), required=False, choices=[("", _("alle")), *HelpType.choices])
    opgave = forms.ModelChoiceField(
        label=_("Opgave"),
        required=False,
        queryset=Challenge.objects.order_by("number"),
        to_field_name="slug",
        empty_label=_("alle"),
    )
    provincie = forms.ModelChoiceField(
        label=_("Provincie"),
        required=False,
        queryset=Province.objects.order_by(Lower("name")),
        to_field_name="code",
        empty_label=_("alle"),
    )
    gemeente = MunicipalityNamesField(label=_("Gemeente"), required=False, max_length=100, widget=forms.TextInput)
    zoek = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    sorteer = forms.ChoiceField(
        label=_("Sorteren"),
        required=False,
        choices=[("nieuwste", _("nieuwste eerst")), ("best", _("best passend bij de zoekwoorden"))],
    )


class DigestForm(forms.Form):
    organisatie = forms.IntegerField(min_value=1)
    aan = forms.TypedChoiceField(choices=[("1", "aan"), ("0", "uit")], coerce=lambda value: value == "1")
