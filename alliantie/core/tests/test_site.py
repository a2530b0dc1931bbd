"""Site-wide rules: one <h1> per page, migrations in step, production settings safe, security headers."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from alliantie.conftest import ROLES
from alliantie.core.tests.test_permission_matrix import MATRIX

ROOT = Path(__file__).resolve().parents[3]


def html_pages(personas):
    """(role, url) of every page the matrix says a role may open with GET and 200."""
    for name, entry in MATRIX.items():
        if entry.method != "get" or name.startswith("api:"):
            continue
        url = reverse(name, kwargs=entry.kwargs(personas))
        for role in ROLES:
            if entry.expect[role] == 200:
                yield role, url


@pytest.mark.django_db
def test_every_page_has_exactly_one_h1_a_title_and_the_landmarks(personas):
    checked = 0
    for role, url in html_pages(personas):
        response = personas.client(role).get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        assert len(re.findall(r"<h1[ >]", html)) == 1, f"{url} as {role}"
        for landmark in ("<header", "<nav", "<main", "<footer", 'class="skip-link"'):
            assert landmark in html, f"{url} as {role} lacks {landmark}"
        checked += 1
    assert checked > 30


@pytest.mark.smoke
@pytest.mark.django_db
def test_there_are_no_model_changes_without_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "p7#kq2!zr9v@x4m8w1n6b3c5d0e-f_g+h=j*l&s^t%y$u(i)o[a]z{Q}W<E>R?T",
    "ALLOWED_HOSTS": "alliantie.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "EMAIL_HOST": "smtp.example.org",
    "SITE_URL": "https://alliantie.example.org",
}


@pytest.mark.smoke
def test_check_deploy_passes_with_production_settings():
    ignored = ("SECURE_SSL_REDIRECT", "SECURE_COOKIES", "STATIC_MANIFEST", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env |= PRODUCTION_ENV | {"DJANGO_SETTINGS_MODULE": "alliantie.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "alliantie.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.smoke
def test_check_deploy_warns_when_mail_links_would_have_no_https_address():
    env = {k: v for k, v in os.environ.items() if k not in ("SECURE_SSL_REDIRECT", "SECURE_COOKIES", "STATIC_MANIFEST")}
    env |= PRODUCTION_ENV | {"DJANGO_SETTINGS_MODULE": "alliantie.settings", "SITE_URL": ""}
    result = subprocess.run(
        [sys.executable, "-m", "alliantie.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode != 0 and "alliantie.W001" in result.stderr + result.stdout


@pytest.mark.smoke
def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"} | {
        "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "alliantie.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "alliantie.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


@pytest.mark.smoke
def test_production_settings_hash_passwords_with_argon2_and_keep_cookies_safe():
    env = {k: v for k, v in os.environ.items() if k not in ("SECURE_SSL_REDIRECT", "SECURE_COOKIES")}
    env |= PRODUCTION_ENV | {"DJANGO_SETTINGS_MODULE": "alliantie.settings"}
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.PASSWORD_HASHERS[0], s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS, s.PASSWORD_RESET_TIMEOUT)"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.split() == [
        "alliantie.accounts.hashers.BoundedArgon2PasswordHasher",
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "31536000",
        "3600",
    ]


@pytest.mark.django_db
def test_pages_send_the_security_headers(client):
    response = client.get(reverse("core:home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp


@pytest.mark.django_db
def test_security_txt_has_a_contact_and_a_future_expiry(client):
    from datetime import datetime

    response = client.get("/.well-known/security.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Contact: mailto:" in text
    expires = re.search(r"Expires: (\S+)", text).group(1)
    assert datetime.fromisoformat(expires.replace("Z", "+00:00")).year >= 2027


@pytest.mark.django_db
def test_an_unknown_page_gets_a_dutch_404_page(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_every_dutch_string_has_an_english_translation_in_the_compiled_catalogue():
    import gettext

    locale = ROOT / "alliantie/locale/en/LC_MESSAGES"
    po = (locale / "django.po").read_text(encoding="utf-8")
    msgids = [
        "".join(re.findall(r'"(.*)"', block)) for block in re.findall(r'^msgid ((?:".*"\n)+)', po, flags=re.MULTILINE)
    ]
    msgids = [m.encode().decode("unicode_escape").encode("latin-1").decode() for m in msgids if m]
    assert len(msgids) > 200
    with (locale / "django.mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    compiled = catalogue._catalog  # noqa: SLF001 - the keys say what the .mo holds, even "Status" -> "Status"
    missing = [m for m in msgids if m not in compiled and (m, 0) not in compiled]
    assert not re.search(r'^msgstr ""\n\n', po, flags=re.MULTILINE), "an empty translation in django.po"
    assert missing == [], "run `make messages` and translate these"


def test_the_menu_is_a_disclosure_and_marks_only_the_current_page(personas):
    html = personas.client("project_team").get(reverse("partners:application-list")).content.decode()
    menu = html[html.index('<details class="menu"') : html.index("</details>")]
    assert "<summary" in menu  # opens and closes without scripts
    assert menu.count('aria-current="page"') == 1
    assert f'href="{reverse("partners:application-list")}" aria-current="page"' in menu
    assert f'href="{reverse("accounts:account")}" aria-current' not in menu


def test_a_page_inside_a_section_marks_the_section_but_is_not_the_current_page(personas):
    organisation = personas.organisation
    html = personas.client("contact").get(reverse("partners:organisation-members", kwargs={"slug": organisation.slug}))
    menu = html.content.decode()
    assert f'class="nav__link nav__link--section" href="{reverse("partners:organisation-mine")}"' in menu
    assert 'aria-current="page"' not in menu[menu.index('<details class="menu"') : menu.index("</details>")]


def test_a_request_with_too_many_fields_gets_a_dutch_400_page(client, settings):
    settings.DEBUG = False
    body = "&".join(f"veld{n}=x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 10))
    response = client.post(reverse("partners:apply"), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "Dit verzoek kunnen we niet lezen" in response.content.decode()
