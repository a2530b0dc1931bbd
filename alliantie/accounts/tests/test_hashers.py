"""Password hashing under a burst of logins: a bounded Argon2id, so forty wrong passwords at once cannot drive one
process to gigabytes (seen: 1.5 GB with Django's default of 100 MiB per hash)."""

import subprocess
import sys
import textwrap

from django.contrib.auth.hashers import Argon2PasswordHasher

from alliantie.accounts.hashers import BoundedArgon2PasswordHasher

BURST = textwrap.dedent(
    """
    import resource, threading
    import django
    django.setup()
    from alliantie.accounts.hashers import BoundedArgon2PasswordHasher
    hasher = BoundedArgon2PasswordHasher()
    stored = hasher.encode("een lange eigen zin", hasher.salt())
    threads = [threading.Thread(target=hasher.verify, args=("fout wachtwoord", stored)) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """
)


def test_forty_wrong_passwords_at_once_keep_the_process_under_500_mb():
    # Two hashes of 19 MiB at a time, each block given back when done: measured +57 MB with four at a time, against
    # ~2 GB with Django's 100 MiB defaults (issue 11's target: the server stays under 500 MB).
    peak_mb = int(subprocess.run([sys.executable, "-c", BURST], capture_output=True, text=True, check=True).stdout)
    assert peak_mb < 300, f"{peak_mb} MB"


OLD_HASH_BURST = BURST.replace(
    "stored = hasher.encode(",
    "from django.contrib.auth.hashers import Argon2PasswordHasher as Old\nstored = Old().encode(",
).replace("hasher.salt())", "Old().salt())")


def test_a_burst_against_hashes_made_with_djangos_defaults_stays_under_500_mb():
    """Accounts whose hash is from before (100 MiB, until their next login) are verified two at a time too."""
    peak_mb = int(
        subprocess.run([sys.executable, "-c", OLD_HASH_BURST], capture_output=True, text=True, check=True).stdout
    )
    assert peak_mb < 500, f"{peak_mb} MB"


def test_the_parameters_are_owasps_and_old_hashes_still_verify_and_are_redone():
    hasher = BoundedArgon2PasswordHasher()
    assert (hasher.memory_cost, hasher.time_cost, hasher.parallelism) == (19 * 1024, 2, 1)
    old = Argon2PasswordHasher().encode("een lange eigen zin", Argon2PasswordHasher().salt())
    assert hasher.verify("een lange eigen zin", old) and not hasher.verify("iets anders", old)
    assert hasher.must_update(old) and not hasher.must_update(hasher.encode("x" * 12, hasher.salt()))
