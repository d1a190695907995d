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
    """Encrypts and decrypts the lines of an encrypted folder."""

    def __init__(self, key: bytes):
        from cryptography.fernet import InvalidToken

        self._fernet = _fernet(key)
        self._invalid = InvalidToken

    def seal(self, uid: str, line: str) -> str:
        token = self._fernet.encrypt(line.encode("utf-8")).decode("ascii")
        return f'{{"v":1,"id":"{uid}","enc":"{token}"}}'

    def open(self, token: str) -> str:
        try:
            return str(self._fernet.decrypt(token.encode("ascii")).decode("utf-8"))
        except (self._invalid, ValueError, UnicodeError):
            raise ValueError("enc: does not decrypt with this folder's key (damaged, or "
                             "written with another passphrase)") from None
