"""Settings for the test suite: production settings, with what a test machine lacks (HTTPS, a secret)."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-" + "k" * 60)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SITE_URL", "http://testserver")
# The test client comes from one address; tests of the API limits set their own.
os.environ.setdefault("API_REQUESTS_PER_MINUTE_PER_IP", "100000")
os.environ.setdefault("API_REQUESTS_PER_MINUTE_PER_KEY", "100000")
os.environ.setdefault("VISITOR_PAGES_PER_MINUTE", "100000")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("ALLIANTIE_DATA_DIR", tempfile.mkdtemp(prefix="alliantie-test-"))

from alliantie.settings import *  # noqa: E402, F403

# Argon2 costs ~100 MB and tens of milliseconds per hash by design; the suite hashes hundreds of passwords.
# test_settings_are_secure checks that production uses Argon2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
