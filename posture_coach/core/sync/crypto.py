"""Encryption of the sync folder with a passphrase (``cryptography``: scrypt, Fernet).

The folder keeps ``posture-coach/key.json``: the scrypt parameters, a random salt and a
check token (a known text encrypted with the key).  A passphrase that does not open the
check token is wrong: the sync stops with that message and nothing is merged.  The key
(never the passphrase) is kept in the data folder's ``sync.json``, user-only, so the app
and ``sync now`` need no prompt.  Each line is a Fernet token: AES-128-CBC with an
HMAC-SHA256, so a changed or damaged line is refused, never merged as garbage.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

CHECK_TEXT = b"posture-coach sync key check"
_N, _R, _P = 2 ** 15, 8, 1


class CryptoError(Exception):
    """A passphrase that does not fit, or a key file that cannot be used."""


def _fernet(key: bytes) -> Any:
    from cryptography.fernet import Fernet

    return Fernet(key)


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    raw = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))
    return base64.urlsafe_b64encode(raw)


def new_key_file(passphrase: str) -> tuple[bytes, bytes]:
    """(the key, the text of a new ``key.json``) for ``passphrase``."""
    if not passphrase:
        raise CryptoError("the passphrase is empty")
    salt = os.urandom(16)
    key = _derive(passphrase, salt, _N, _R, _P)
    text = json.dumps({"v": 1, "kdf": "scrypt", "n": _N, "r": _R, "p": _P,
                       "salt": base64.b64encode(salt).decode("ascii"),
                       "check": _fernet(key).encrypt(CHECK_TEXT).decode("ascii")},
                      indent=1) + "\n"
    return key, text.encode("utf-8")


def open_key_file(raw: bytes, passphrase: str, where: str) -> bytes:
    """The key that ``passphrase`` gives with the key file ``raw``; :class:`CryptoError`
    when the passphrase is wrong or the file is not a key file of ours."""
    try:
        obj = json.loads(raw)
        n, r, p = int(obj["n"]), int(obj["r"]), int(obj["p"])
        salt = base64.b64decode(obj["salt"], validate=True)
        check = str(obj["check"]).encode("ascii")
    except (ValueError, KeyError, TypeError) as exc:
        raise CryptoError(f"{where} is not a posture-coach key file ({exc}); nothing was "
                          "merged") from None
    if (obj.get("kdf") != "scrypt" or n not in (2 ** 14, 2 ** 15, 2 ** 16, 2 ** 17)
            or r != 8 or p != 1 or len(salt) < 16):
        raise CryptoError(f"{where} asks for key settings this posture-coach does not use; "
                          "nothing was merged")
    key = _derive(passphrase, salt, n, r, p)
    if not check_key(key, check):
        raise CryptoError(f"the passphrase does not open this sync folder ({where}); "
                          "nothing was merged. Give the passphrase used on the other "
                          "computers.")
    return key


def check_key(key: bytes, check: bytes) -> bool:
    from cryptography.fernet import InvalidToken

    try:
        return bool(_fernet(key).decrypt(check) == CHECK_TEXT)
    except (InvalidToken, ValueError):
        return False


def key_check_of(raw: bytes) -> bytes | None:
    """The check token of a key file, or None if it is not one."""
    try:
        return str(json.loads(raw)["check"]).encode("ascii")
    except (ValueError, KeyError, TypeError):
        return None


class Cipher:
    """Encrypts and decrypts the lines of an encrypted folder.

    Encryption is Fernet's own.  Decryption does what ``Fernet.decrypt`` does (no time
    limit), with the key's HMAC-SHA256 and AES objects made once instead of once a line:
    the version byte, then the HMAC of the whole token checked (``compare_digest``)
    before anything is decrypted, then AES-128-CBC and its PKCS7 padding.  CBC
    decryption is one AES block decryption XOR the block before (the IV for the first),
    so one ECB decryptor serves every line.  A ten-year merge decrypts 63,000 lines: 34
    microseconds each through ``Fernet``, about 8 so (tests/core/test_sync_crypto.py
    checks both agree, damaged tokens included)."""

    def __init__(self, key: bytes):
        import binascii
        import hmac

        from cryptography.fernet import InvalidToken
        from cryptography.hazmat.primitives.ciphers import Cipher as _AES
        from cryptography.hazmat.primitives.ciphers import algorithms, modes

        self._fernet = _fernet(key)
        self._invalid = InvalidToken
        raw = base64.urlsafe_b64decode(key)
        self._mac = hmac.new(raw[:16], digestmod="sha256")  # copied for each line
        self._same = hmac.compare_digest
        self._a2b = binascii.a2b_base64
        self._b64error = binascii.Error
        self._blocks = _AES(algorithms.AES(raw[16:]), modes.ECB()).decryptor()

    def seal(self, uid: str, line: str) -> str:
        token = self._fernet.encrypt(line.encode("utf-8")).decode("ascii")
        return f'{{"v":1,"id":"{uid}","enc":"{token}"}}'

    def seal_text(self, text: str) -> str:
        """A Fernet token of ``text`` (a settings snapshot)."""
        return str(self._fernet.encrypt(text.encode("utf-8")).decode("ascii"))

    def open(self, token: str | bytes) -> str:
        """The plain line of ``token`` (text, or its ASCII bytes); ValueError with the
        folder's message if it does not decrypt with this key."""
        try:
            if isinstance(token, str):
                token = token.encode("ascii")
            return self._decrypt(token).decode("utf-8")
        except (self._invalid, ValueError, UnicodeError):
            raise ValueError("enc: does not decrypt with this folder's key (damaged, or "
                             "written with another passphrase)") from None

    def _decrypt(self, token: bytes) -> bytes:
        """``Fernet(key).decrypt(token)``; ValueError where it raises InvalidToken."""
        try:  # base64.urlsafe_b64decode, without its layers of Python (non-strict too)
            data = self._a2b(token.translate(_URLSAFE))
        except (TypeError, self._b64error):
            raise ValueError("not base64") from None
        # version 0x80, 8 bytes of time, a 16-byte IV, whole blocks, a 32-byte HMAC
        body = len(data) - 57
        if data[:1] != b"\x80" or body <= 0 or body % 16:
            raise ValueError("not a Fernet token")
        mac = self._mac.copy()  # the key's HMAC state, made once: the same HMAC-SHA256
        mac.update(data[:-32])
        if not self._same(mac.digest(), data[-32:]):
            raise ValueError("HMAC does not match")
        ciphertext = data[25:-32]
        blocks = self._blocks.update(ciphertext)  # ECB: every whole block, no state kept
        padded = (int.from_bytes(blocks, "big") ^ int.from_bytes(data[9:-48], "big")
                  ).to_bytes(body, "big")
        pad = padded[-1]
        if not 1 <= pad <= 16 or padded[-pad:] != bytes([pad]) * pad:
            raise ValueError("bad padding")
        return padded[:-pad]


_URLSAFE = bytes.maketrans(b"-_", b"+/")
"""What ``base64.urlsafe_b64decode`` translates before decoding."""
