from django.urls import path

from alliantie.accounts import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.login, name="login"),
    path("uitloggen/", views.logout, name="logout"),
    path("wachtwoord-vergeten/", views.password_reset, name="password-reset"),
    path("wachtwoord-vergeten/verstuurd/", views.password_reset_done, name="password-reset-done"),
    path("wachtwoord-herstellen/<uidb64>/<token>/", views.password_reset_confirm, name="password-reset-confirm"),
    path("wachtwoord-herstellen/klaar/", views.password_reset_complete, name="password-reset-complete"),
    path("", views.account, name="account"),
    path("mijn-gegevens/", views.my_data, name="my-data"),
    path("mijn-gegevens.json", views.my_data_json, name="my-data-json"),
    path("verwijderen/", views.account_delete, name="account-delete"),
    path("api-sleutels/nieuw/", views.api_token_create, name="api-token-create"),
    path("api-sleutels/<int:token_id>/intrekken/", views.api_token_revoke, name="api-token-revoke"),
    path("tweestapsverificatie/instellen/", views.two_factor_setup, name="two-factor-setup"),
    path("tweestapsverificatie/", views.two_factor_verify, name="two-factor-verify"),
    path("tweestapsverificatie/herstelcode/", views.two_factor_recovery, name="two-factor-recovery"),
    path("tweestapsverificatie/herstelcodes/nieuw/", views.recovery_codes_create, name="recovery-codes-create"),
]
