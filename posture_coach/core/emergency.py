"""The emergency number to show: the program's (``clinic.emergency_number``), else the one
of the country in the person's locale, else the general wording "your local emergency
number".

The library's emergency sentence holds the placeholder ``{emergency_number}`` where
the number goes (``Call {emergency_number} or seek emergency care now ...``);
:func:`fill` puts the number, or the general wording, there.

Sources of the table (the public emergency number that reaches an ambulance):

* 112 in every EU member state: Directive (EU) 2018/1972 (European Electronic
  Communications Code), Article 109; the same number in Iceland, Norway,
  Liechtenstein and Switzerland (EEA/EFTA members of the 112 system);
* 911 in the United States (FCC, 9-1-1 service) and Canada (CRTC, 9-1-1), and Mexico
  (Mexico's national 9-1-1 since 2017);
* 999 in the United Kingdom (Ofcom; 112 also works);
* 000 in Australia (Triple Zero, ACMA);
* 111 in New Zealand (NZ Police, 111);
* 112 in India (Emergency Response Support System);
* 119 in Japan and South Korea (fire and ambulance).

A country not in the table gets the general wording: a wrong number in an emergency is
worse than none.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .texts import Translate, english

if TYPE_CHECKING:
    from .library import Safety

PLACEHOLDER = "{emergency_number}"

_EU_112 = ("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
           "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS",
           "NO", "LI", "CH")

NUMBERS: dict[str, str] = {
    **{country: "112" for country in _EU_112},
    "US": "911", "CA": "911", "MX": "911",
    "GB": "999",
    "AU": "000",
    "NZ": "111",
    "IN": "112",
    "JP": "119", "KR": "119",
}
"""Country (ISO 3166-1 alpha-2) -> emergency number; sources in the module's text."""

_NUMBER_RE = re.compile(r"^[0-9](?:[0-9 -]{0,18}[0-9])?$")


@dataclass(frozen=True)
class EmergencyNumber:
    number: str | None
    """None: unknown; show the general wording."""
    country: str | None = None
    from_program: bool = False


def is_valid_number(text: str) -> bool:
    """Digits, optionally grouped with spaces or hyphens: "000", "112", "9-1-1"."""
    return bool(_NUMBER_RE.match(text)) and sum(c.isdigit() for c in text) <= 15


def locale_country(environ: Mapping[str, str] | None = None) -> str | None:
    """The country of the person's locale for telephone numbers (POSIX precedence:
    ``LC_ALL``, then ``LC_TELEPHONE``, then ``LANG``): ``en_AU.UTF-8`` -> ``AU``."""
    env = os.environ if environ is None else environ
    for key in ("LC_ALL", "LC_TELEPHONE", "LANG"):
        value = env.get(key, "")
        if not value:
            continue
        match = re.match(r"^[A-Za-z]{2,3}[_-]([A-Za-z]{2})(?:[.@]|$)", value)
        return match.group(1).upper() if match else None
    return None


def emergency_number(program_number: str | None, country: str | None) -> EmergencyNumber:
    """The program's number if it gives one, else the country's, else unknown."""
    if program_number:
        return EmergencyNumber(program_number, country, from_program=True)
    if country and country.upper() in NUMBERS:
        return EmergencyNumber(NUMBERS[country.upper()], country.upper())
    return EmergencyNumber(None, country.upper() if country else None)


def for_program(program: object | None, environ: Mapping[str, str] | None = None
                ) -> EmergencyNumber:
    """The number for a person following ``program`` (None: no program) in this locale."""
    clinic = getattr(program, "clinic", None)
    return emergency_number(getattr(clinic, "emergency_number", None),
                            locale_country(environ))


def phrase(number: EmergencyNumber, translate: Translate = english) -> str:
    """What goes in the sentence: the number, or the general wording."""
    if number.number is None:
        return translate("Emergency", "your local emergency number")
    return number.number


def fill(text: str, number: EmergencyNumber, translate: Translate = english) -> str:
    """``text`` with its ``{emergency_number}`` placeholder filled in."""
    return text.replace(PLACEHOLDER, phrase(number, translate))


def filled_safety(safety: Safety, number: EmergencyNumber,
                  translate: Translate = english) -> Safety:
    """``safety`` with the number in its emergency sentence."""
    return replace(safety, emergency=fill(safety.emergency, number, translate))
