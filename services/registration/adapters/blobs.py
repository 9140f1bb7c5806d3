"""Where document bytes live: stored by content (sha256), each distinct file once.

Events record only the digest, size, media type and name; the bytes go here. The
embedded mode and the distributed mode both use a directory (`<data_dir>/documents`,
a shared volume when several processes serve registration); tests use memory. Both
implement `application.ports.BlobStore`."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


class MemoryBlobStore:
    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        self.blobs.setdefault(digest, data)
        return digest

    def get(self, sha256: str) -> bytes | None:
        return self.blobs.get(sha256)


class DirectoryBlobStore:
    """Files under `root/ab/cdef…`, written atomically (temp file + rename)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:]

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        target = self._path(digest)
        if target.exists():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    def get(self, sha256: str) -> bytes | None:
        path = self._path(sha256)
        return path.read_bytes() if path.is_file() else None
