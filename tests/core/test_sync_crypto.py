"""The sync folder's decryption agrees with Fernet's on every token, good or damaged."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.fernet import Fernet, InvalidToken
from hypothesis import given, settings
from hypothesis import strategies as st

from posture_coach.core.sync.crypto import Cipher

KEY = Fernet.generate_key()
FERNET = Fernet(KEY)
CIPHER = Cipher(KEY)


def _fernet(token: bytes) -> bytes | None:
    try:
        return FERNET.decrypt(token)
    except InvalidToken:
        return None


def _ours(token: bytes) -> bytes | None:
    try:
        return CIPHER._decrypt(token)
    except ValueError:
        return None


def _signed(body: bytes) -> bytes:
    """A token of ``body`` (version, time, IV, ciphertext) with a valid HMAC: what only a
    holder of the key can make, so the padding and length checks are reached."""
    mac = hmac.digest(base64.urlsafe_b64decode(KEY)[:16], body, hashlib.sha256)
    return base64.urlsafe_b64encode(body + mac)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), st.data())
def test_decryption_agrees_with_fernet_on_good_and_damaged_tokens(
        plain: bytes, data: st.DataObject) -> None:
    token = FERNET.encrypt(plain)
    assert _ours(token) == plain
    damaged = bytearray(token)
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(damaged) - 1))
        damaged[at] = data.draw(st.sampled_from(b"AZaz09-_=+/.\n"))
    cut = data.draw(st.integers(0, len(damaged)))
    for variant in (bytes(damaged), token[:cut], token + b"A", bytes(damaged[:cut])):
        assert _ours(variant) == _fernet(variant), variant


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 4), st.binary(max_size=20), st.sampled_from([b"\x80", b"\x81", b""]),
       st.integers(1, 16), st.integers(0, 16))
def test_a_signed_token_with_bad_blocks_or_padding_is_refused_as_fernet_does(
        blocks: int, extra: bytes, version: bytes, pad: int, wrong: int) -> None:
    """Whole blocks whose padding is right, or wrong in one byte, or ends anyhow;
    blocks and a few bytes more; no ciphertext at all."""
    aes = base64.urlsafe_b64decode(KEY)[16:]
    padded = os.urandom(16 * blocks + 16 - pad) + bytes([pad]) * pad
    if wrong:  # one byte of the padding (or just before it) changed
        at = len(padded) - min(wrong, pad + 1)
        padded = padded[:at] + bytes([padded[at] ^ 0x01]) + padded[at + 1:]
    from cryptography.hazmat.primitives.ciphers import Cipher as AES
    from cryptography.hazmat.primitives.ciphers import algorithms, modes

    iv = os.urandom(16)
    enc = AES(algorithms.AES(aes), modes.CBC(iv)).encryptor()
    ciphertext = enc.update(padded) + enc.finalize()
    for body in (ciphertext, ciphertext + extra, extra, b""):
        token = _signed(version + b"\0" * 8 + iv + body)
        assert _ours(token) == _fernet(token)


def test_open_refuses_what_fernet_refuses_with_the_folder_message() -> None:
    line = '{"v":1,"id":"' + "a" * 32 + '","kind":"pain","data":{}}'
    assert CIPHER.open(FERNET.encrypt(line.encode()).decode()) == line
    other = Fernet(Fernet.generate_key()).encrypt(line.encode()).decode()
    for bad in (other, "", "gAAAA", "not base64 at all!"):
        try:
            CIPHER.open(bad)
        except ValueError as exc:
            assert "does not decrypt with this folder's key" in str(exc)
        else:
            raise AssertionError(bad)
