"""Argon2id as OWASP's Password Storage Cheat Sheet sets it (19 MiB, 2 passes, 1 lane) instead of Django's default
of 100 MiB and 8 lanes: every failed login costs a hash (also for an unknown address, against timing), and twenty
at once drove one process past 1.5 GB. Two hashes at a time per process, each block given back when done, keep
memory bounded under a burst; the login throttling (django-axes, per address and per account) refuses the rest."""

import ctypes
import ctypes.util
import threading

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

_slots = threading.BoundedSemaphore(settings.PASSWORD_HASHES_AT_ONCE)

M_MMAP_THRESHOLD = -3


def _return_large_blocks_to_the_system() -> None:
    """glibc raises its mmap threshold after a large block is freed, so each thread's arena then keeps a freed 19 MiB
    block for good (a burst left a process hundreds of MB larger). A fixed threshold of 1 MiB maps every hash's block
    on its own and gives it back when the hash is done."""
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name) if name else None
    if libc is not None and hasattr(libc, "mallopt"):
        libc.mallopt(M_MMAP_THRESHOLD, 1024 * 1024)


_return_large_blocks_to_the_system()


class BoundedArgon2PasswordHasher(Argon2PasswordHasher):
    """Same algorithm name ("argon2"): stored hashes with other parameters verify and are redone on the next login."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1

    def encode(self, password: str, salt: str) -> str:
        with _slots:
            return super().encode(password, salt)

    def verify(self, password: str, encoded: str) -> bool:
        with _slots:
            return super().verify(password, encoded)
