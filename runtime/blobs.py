"""Where document bytes live: stored by content (sha256), each distinct file once.

Shared by the services that keep evidence (registration's dossiers, inspection's visits).

Events record only the digest, size, media type and name; the bytes go here, behind one
interface (`BlobStore`): a directory in the embedded mode (`<data_dir>/<folder>`), an
S3-compatible object store in the distributed mode (`OCOP_S3_ENDPOINT`: SeaweedFS from
deploy/seaweedfs, or any S3 API), so every process of a service reads the same bytes;
memory with the memory store (tests). `blob_store(settings, folder)` picks one."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from runtime.settings import Settings


class BlobStore(Protocol):
    def put(self, data: bytes) -> str:
        """Store `data` (a no-op if the same content is there) and return its sha256."""

    def get(self, sha256: str) -> bytes | None: ...


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


class S3BlobStore:
    """Objects `<folder>/ab/cdef…` in one bucket of an S3-compatible store (boto3): the
    key is the content's SHA-256, so a put of known content writes nothing new and a
    get re-checks the digest (a corrupted object reads as missing, never as other bytes).
    Nothing connects until the first call."""

    def __init__(
        self,
        endpoint: str,
        bucket: str,
        folder: str,
        *,
        access_key: str,
        secret_key: str,
        region: str = "us-east-1",
    ) -> None:
        self.endpoint = endpoint
        self.bucket = bucket
        self.folder = folder.strip("/")
        self._credentials = (access_key, secret_key, region)
        self._client: Any = None

    @property
    def client(self) -> Any:
        if self._client is None:
            import boto3
            from botocore.config import Config

            key, secret, region = self._credentials
            self._client = boto3.client(
                "s3",
                endpoint_url=self.endpoint,
                aws_access_key_id=key,
                aws_secret_access_key=secret,
                region_name=region,
                config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 5}),
            )
        return self._client

    def _key(self, sha256: str) -> str:
        return f"{self.folder}/{sha256[:2]}/{sha256[2:]}"

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        if self.get(digest) is None:
            self.client.put_object(
                Bucket=self.bucket, Key=self._key(digest), Body=data, ChecksumAlgorithm="SHA256"
            )
        return digest

    def get(self, sha256: str) -> bytes | None:
        from botocore.exceptions import ClientError

        try:
            found = self.client.get_object(Bucket=self.bucket, Key=self._key(sha256))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None
            raise
        data: bytes = found["Body"].read()
        return data if hashlib.sha256(data).hexdigest() == sha256 else None


def blob_store(settings: Settings, folder: str) -> BlobStore:
    """The document store of a service: memory with the memory store, S3 when
    `OCOP_S3_ENDPOINT` is set, else the directory `<data_dir>/<folder>`."""
    if settings.store == "memory":
        return MemoryBlobStore()
    if settings.s3_endpoint:
        return S3BlobStore(
            settings.s3_endpoint,
            settings.s3_bucket,
            folder,
            access_key=settings.s3_access_key,
            secret_key=settings.s3_secret_key,
            region=settings.s3_region,
        )
    return DirectoryBlobStore(settings.data_dir / folder)
