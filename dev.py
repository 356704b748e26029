#!/usr/bin/env python3
"""One-command set-up for a fresh machine with nothing but Python 3.11+.

    python3 dev.py run    create .venv, install, migrate, import content/, demo accounts, serve :8000
    python3 dev.py test   create .venv, install, run the whole test suite (extra args go to pytest)
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
LOCK = ROOT / "requirements" / "dev.lock"
STAMP = VENV / ".installed-lock"


def run(*args: str, env: dict | None = None) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run(args, cwd=ROOT, check=True, env={**os.environ, **(env or {})})


def ensure_environment() -> None:
    if sys.version_info < (3, 11):
        sys.exit("citylearn needs Python 3.11 or newer.")
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    wanted = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes())
    if STAMP.exists() and STAMP.read_text() == wanted.hexdigest():
        return
    run(str(PYTHON), "-m", "pip", "install", "--quiet", "-r", str(LOCK))
    run(str(PYTHON), "-m", "pip", "install", "--quiet", "--no-deps", "-e", ".")
    STAMP.write_text(wanted.hexdigest())


def manage(*args: str) -> None:
    run(str(PYTHON), "manage.py", *args)


def serve() -> None:
    manage("migrate", "--no-input")
    manage("import_content")
    manage("setup_demo")
    manage("runserver", "127.0.0.1:8000")


def test(pytest_args: list[str]) -> None:
    run(str(PYTHON), "-m", "pytest", *pytest_args)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test"}:
        sys.exit(__doc__)
    ensure_environment()
    try:
        serve() if sys.argv[1] == "run" else test(sys.argv[2:])
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
