"""Make a development CA and one server certificate per service, for gRPC over TLS
(and Kafka's TLS listener) in the distributed mode on this machine.

Usage: python deploy/tls/make_certs.py [--dir .state/tls] [--force]

Writes `ca.pem` / `ca-key.pem` and, per service, `<service>.pem` (certificate then the
CA's) and `<service>-key.pem`, valid for 127.0.0.1 and localhost; keys are 0600.
Existing files are kept unless `--force`. Development only: production supplies
certificates from its own CA in the same layout (runtime/tls.py reads it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import ipaddress
import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NAMES = ("registration", "evaluation", "reporting", "inspection", "promotion", "kafka")
VALID_DAYS = 825


def write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def make_ca(now: dt.datetime) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "OCOP development CA")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=VALID_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return key, cert


def make_leaf(
    name: str, ca_key: ec.EllipticCurvePrivateKey, ca: x509.Certificate, now: dt.datetime
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"ocop-{name}")]))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=VALID_DAYS))
        .add_extension(
            x509.SubjectAlternativeName(
                [
                    x509.DNSName("localhost"),
                    x509.DNSName(f"ocop-{name}"),
                    x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                ]
            ),
            critical=False,
        )
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def make_certs(directory: Path, force: bool = False) -> list[Path]:
    """Create the CA and certificates in `directory`; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    now = dt.datetime.now(dt.UTC)
    ca_path, ca_key_path = directory / "ca.pem", directory / "ca-key.pem"
    if force or not ca_path.exists() or not ca_key_path.exists():
        ca_key, ca = make_ca(now)
        write_key(ca_key_path, ca_key)
        ca_path.write_bytes(pem(ca))
        written += [ca_path, ca_key_path]
        force = True  # new CA: every leaf must be re-signed
    else:
        loaded = serialization.load_pem_private_key(ca_key_path.read_bytes(), password=None)
        assert isinstance(loaded, ec.EllipticCurvePrivateKey)
        ca_key, ca = loaded, x509.load_pem_x509_certificate(ca_path.read_bytes())
    for name in NAMES:
        cert_path, key_path = directory / f"{name}.pem", directory / f"{name}-key.pem"
        if not force and cert_path.exists() and key_path.exists():
            continue
        key, cert = make_leaf(name, ca_key, ca, now)
        write_key(key_path, key)
        cert_path.write_bytes(pem(cert) + pem(ca))
        written += [cert_path, key_path]
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / ".state" / "tls"
    parser.add_argument("--dir", type=Path, default=default)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    written = make_certs(args.dir, args.force)
    print(f"[tls] {len(written)} file(s) written in {args.dir}" if written else "[tls] up to date")


if __name__ == "__main__":
    main()
