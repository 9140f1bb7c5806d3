"""Files the system writes hold personal data (legal representatives, documents): in the
embedded mode they are private to the account that runs it."""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_UMASK = 0o077
"""Files created afterwards are 0600 and folders 0700 (owner only)."""


def make_private(data_dir: Path) -> None:
    """From now on every file and folder this process creates is owner-only (umask 077);
    `data_dir` is created 0700, and an existing one, with what it holds, is narrowed to
    owner-only (files 0600, folders 0700)."""
    os.umask(PRIVATE_UMASK)
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(data_dir, 0o700)
    for folder, folders, files in os.walk(data_dir):
        for name in folders:
            os.chmod(Path(folder) / name, 0o700)
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink():
                os.chmod(path, 0o600)
