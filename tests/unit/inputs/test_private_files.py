"""Issue 10, kind 6: the embedded mode's SQLite files, documents and folders are private to
the account that runs it (files 0600, folders 0700), also when the data folder existed."""

from __future__ import annotations

import stat
from pathlib import Path

from runtime.settings import Settings
from system.embedded import EmbeddedSystem


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_data_files_are_0600_and_folders_0700(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    (data / "old.sqlite").write_bytes(b"")
    (data / "old.sqlite").chmod(0o644)
    system = EmbeddedSystem(Settings(store="sqlite", data_dir=data))
    system.registration.app.blobs.put(b"%PDF-1.4 test")
    files = [p for p in data.rglob("*") if p.is_file()]
    folders = [data, *(p for p in data.rglob("*") if p.is_dir())]
    assert any(p.suffix == ".sqlite" and p.name != "old.sqlite" for p in files)
    assert len(folders) >= 2, "a documents folder was created"
    assert {mode(p) for p in files} == {0o600}
    assert {mode(p) for p in folders} == {0o700}
