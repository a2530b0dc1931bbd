from django import forms
from django.core.validators import URLValidator
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from alliantie.activities.models import TargetGroup
from alliantie.core.fields import NameFormField
from alliantie.core.forms import split_names
from alliantie.core.models import Challenge, ChangeLine, Sector
from alliantie.events.selectors import organiser_choices
from alliantie.knowledge.models import Consent, ConsentUse, ItemKind, KnowledgeSource, Visibility
from alliantie.knowledge.services import ItemData

NO_CHILD_PHOTOS = _(
    "Foto's van kinderen nemen we niet op, ook niet met toestemming. Voeg alleen tekst, PDF's, Word-documenten of "
    "presentaties toe."
)


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=ItemKind.choices)
    knowledge_source = forms.ChoiceField(
        label=_("Kennisbron"),
        choices=KnowledgeSource.choices,
        widget=forms.RadioSelect,
        help_text=_("Waar komt deze kennis vandaan: uit onderzoek, uit het werk, of uit eigen ervaring met armoede?"),
    )
    title = NameFormField(label=_("Titel"), max_length=200)
    summary = forms.CharField(
        label=_("Samenvatting in eenvoudig Nederlands"),
        max_length=800,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Taalniveau B1: korte zinnen en gewone woorden. Wat is het, voor wie, en wat levert het op?"),
    )
    body = forms.CharField(
        label=_("Tekst"),
        max_length=50_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Schrijf geen namen of gegevens van kinderen of gezinnen op."),
    )
    lessons = forms.CharField(
        label=_("Lessen: wat werkt, wat niet?"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    challenges = forms.ModelMultipleChoiceField(
        label=_("Opgaven"),
        queryset=Challenge.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    change_line = forms.ModelChoiceField(
        label=_("Verandertheorie-lijn"), queryset=ChangeLine.objects.order_by("order"), required=False
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Voor welke sectoren?"),
        queryset=Sector.objects.order_by("order", Lower("name")),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Doelgroepen"), choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    author_organisations = forms.CharField(
        label=_("Organisaties van de auteurs"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Namen van partners, gescheiden door komma's."),
    )
    visibility = forms.ChoiceField(label=_("Wie mag het lezen?"), choices=Visibility.choices, widget=forms.RadioSelect)
    links = forms.CharField(
        label=_("Links"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Eén per regel: een titel, een verticale streep en het adres. Bijvoorbeeld: Handreiking | https://…"
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visibility"].initial = Visibility.PUBLIC

    def clean_author_organisations(self):
        found, unknown = organiser_choices(split_names(self.cleaned_data["author_organisations"]))
        if unknown:
            raise forms.ValidationError(
                _("Deze partners kennen we niet: %(names)s. Schrijf de naam zoals in de partnerlijst.")
                % {"names": ", ".join(n[:60] for n in unknown)}
            )
        return found

    def clean_links(self) -> list[tuple[str, str]]:
        links, problems = [], []
        validate = URLValidator(schemes=["http", "https"])
        for number, line in enumerate(self.cleaned_data["links"].splitlines(), start=1):
            if not line.strip():
                continue
            title, _sep, url = line.rpartition("|") if "|" in line else ("", "", line)
            url = url.strip()
            try:
                validate(url)
            except forms.ValidationError:
                problems.append(
                    _("Regel %(n)s: “%(url)s” is geen webadres (http:// of https://).") % {"n": number, "url": url[:80]}
                )
                continue
            links.append(((title.strip() or url)[:200], url[:500]))
        if problems:
            raise forms.ValidationError(problems)
        return links[:20]

    def item_data(self) -> ItemData:
        data = self.cleaned_data
        return ItemData(
            kind=data["kind"],
            knowledge_source=data["knowledge_source"],
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            lessons=data["lessons"],
            visibility=data["visibility"],
            change_line=data["change_line"],
            challenges=list(data["challenges"]),
            sectors=list(data["sectors"]),
            target_groups=data["target_groups"],
            author_organisations=data["author_organisations"],
            links=data["links"],
        )

    @staticmethod
    def initial_for(item) -> dict:
        return {
            "kind": item.kind,
            "knowledge_source": item.knowledge_source,
            "title": item.title,
            "summary": item.summary,
            "body": item.body,
            "lessons": item.lessons,
            "challenges": list(item.challenges.all()),
            "change_line": item.change_line,
            "sectors": list(item.sectors.all()),
            "target_groups": item.target_groups,
            "author_organisations": ", ".join(o.name for o in item.author_organisations.order_by(Lower("name"))),
            "visibility": item.visibility,
            "links": "\n".join(f"{link.title} | {link.url}" for link in item.links.all()),
        }


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Bijlage"),
        help_text=_("PDF, Word-document (.docx, .odt) of presentatie (.pptx, .odp), hoogstens 20 MB.")
        + " "
        + NO_CHILD_PHOTOS,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.pptx,.odt,.odp"}),
    )


class StatusForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("indienen", "indienen"),
            ("publiceren", "publiceren"),
            ("terugsturen", "terugsturen"),
            ("intrekken", "intrekken"),
        ]
    )
    note = forms.CharField(
        label=_("Toelichting"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ConsentForm(forms.Form):
    given_by = forms.CharField(
        label=_("Wie gaf toestemming?"),
        max_length=150,
        help_text=_("Een naam of omschrijving; die komt nooit op de website."),
    )
    relation = forms.ChoiceField(label=_("Wie is dat?"), choices=Consent.Relation.choices, widget=forms.RadioSelect)
    uses = forms.MultipleChoiceField(
        label=_("Waarvoor mag het verhaal gebruikt worden?"),
        choices=ConsentUse.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_until = forms.DateField(
        label=_("Geldig tot"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leeg: tot de verteller de toestemming intrekt."),
    )
    method = forms.ChoiceField(
        label=_("Hoe is de toestemming gegeven?"), choices=Consent.Method.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Toelichting"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class WithdrawConsentForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting"),
        max_length=2000,
        required=False,
        help_text=_("Bijvoorbeeld: verzoek van de verteller per telefoon."),
    )


class ReportForm(forms.Form):
    summary = forms.CharField(
        label=_("Samenvatting in eenvoudig Nederlands"),
        max_length=800,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Twee of drie zinnen (B1): waar ging het over en wat nemen we mee?"),
    )
    shared = forms.CharField(
        label=_("Wat is er gedeeld?"), max_length=50_000, widget=forms.Textarea(attrs={"rows": 10})
    )
    lessons = forms.CharField(
        label=_("Lessen: wat werkt, wat niet?"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    slides = forms.FileField(
        label=_("Presentatie of verslag als bestand"),
        required=False,
        help_text=_("PDF, .pptx, .odp, .docx of .odt, hoogstens 20 MB.") + " " + NO_CHILD_PHOTOS,
    )


class SearchForm(forms.Form):
    zoek = forms.CharField(label=_("Zoeken in de kennisbank en de agenda"), max_length=200, required=False)


class CollectionForm(forms.Form):
    title = NameFormField(label=_("Titel"), max_length=200)
    description = forms.CharField(
        label=_("Omschrijving"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CollectionAddForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
