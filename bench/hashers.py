"""The CPU one sign-in spends on its password, per hasher (issue 32): `python bench/hashers.py [ROUNDS]`.

Prints for each hasher the CPU time (process time, what competes for the cores) and the wall time of one
password check, median of ROUNDS (default 7), on this machine.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defus.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher  # noqa: E402

from defus.hashers import Argon2idHasher  # noqa: E402

HASHERS = {
    "PBKDF2 (Django 6.1 default)": PBKDF2PasswordHasher,
    "Argon2id, Django's defaults (100 MiB, t=2, p=8)": Argon2PasswordHasher,
    "Argon2id, OWASP minimum (19 MiB, t=2, p=1): defus.hashers": Argon2idHasher,
}


def main(rounds: int) -> None:
    for name, hasher_class in HASHERS.items():
        hasher = hasher_class()
        encoded = hasher.encode("defus-demo", hasher.salt())
        cpu, wall = [], []
        for _ in range(rounds):
            started_cpu, started = time.process_time(), time.perf_counter()
            assert hasher.verify("defus-demo", encoded)
            cpu.append(time.process_time() - started_cpu)
            wall.append(time.perf_counter() - started)
        print(f"{name:60} CPU {statistics.median(cpu) * 1000:6.0f} ms   wall {statistics.median(wall) * 1000:6.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
