from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from alliantie.partners.models import Membership


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van uw collega"),
        help_text=_("Uw collega krijgt een e-mail met een link. De link werkt één keer en verloopt na 7 dagen."),
        max_length=254,
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        widget=forms.RadioSelect,
        help_text=_("Een contactpersoon kan ook collega's uitnodigen en de belofte ondertekenen."),
    )


class RegisterForm(forms.Form):
    """Create an account when accepting an invitation."""

    name = forms.CharField(label=_("Uw naam"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    password1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        strip=False,
        help_text=_("Minstens 12 tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Herhaal het wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict:
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk. Typ ze opnieuw."))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
