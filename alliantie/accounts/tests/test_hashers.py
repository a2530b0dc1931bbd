"""Password hashing under a burst of logins: a bounded Argon2id, so forty wrong passwords at once cannot drive one
process to gigabytes (seen: 1.5 GB with Django's default of 100 MiB per hash)."""

import threading
import time

from django.contrib.auth.hashers import Argon2PasswordHasher

from alliantie.accounts.hashers import BoundedArgon2PasswordHasher


def test_forty_wrong_passwords_at_once_are_hashed_two_at_a_time(monkeypatch):
    """Each Argon2 hash holds its memory while it runs: at most PASSWORD_HASHES_AT_ONCE (2) run in one process, so a
    burst of failed logins cannot add up to gigabytes (seen against make run: 1.9 GB for 40 at once)."""
    import argon2

    running, most, lock = 0, 0, threading.Lock()
    real_verify = argon2.PasswordHasher.verify

    def counting_verify(self, encoded, password):
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        try:
            time.sleep(0.02)
            return real_verify(self, encoded, password)
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(argon2.PasswordHasher, "verify", counting_verify)
    hasher = BoundedArgon2PasswordHasher()
    stored = hasher.encode("een lange eigen zin", hasher.salt())
    threads = [threading.Thread(target=hasher.verify, args=("fout wachtwoord", stored)) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 2


def test_the_parameters_are_owasps_and_old_hashes_still_verify_and_are_redone():
    hasher = BoundedArgon2PasswordHasher()
    assert (hasher.memory_cost, hasher.time_cost, hasher.parallelism) == (19 * 1024, 2, 1)
    old = Argon2PasswordHasher().encode("een lange eigen zin", Argon2PasswordHasher().salt())
    assert hasher.verify("een lange eigen zin", old) and not hasher.verify("iets anders", old)
    assert hasher.must_update(old) and not hasher.must_update(hasher.encode("x" * 12, hasher.salt()))
