"""Where the app keeps things: bundled resources, the user's config and data folders.

The config and data folders follow each OS's convention and can be moved with
``--config-dir`` / ``--data-dir`` or the ``POSTURE_COACH_CONFIG_DIR`` /
``POSTURE_COACH_DATA_DIR`` environment variables, so a user or a test can run
a fully separate copy.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

APP_DIR_NAME = "posture-coach"
CONFIG_ENV = "POSTURE_COACH_CONFIG_DIR"
DATA_ENV = "POSTURE_COACH_DATA_DIR"
USER_LIBRARY_NAME = "exercises.yaml"


def _home(env: Mapping[str, str]) -> Path:
    return Path(env.get("HOME") or Path.home())


def config_dir(override: str | os.PathLike[str] | None = None,
               env: Mapping[str, str] | None = None, platform: str | None = None) -> Path:
    env = os.environ if env is None else env
    if override:
        return Path(override).expanduser()
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV]).expanduser()
    platform = platform or sys.platform
    if platform.startswith("win"):
        return Path(env.get("APPDATA") or _home(env) / "AppData" / "Roaming") / APP_DIR_NAME
    if platform == "darwin":
        return _home(env) / "Library" / "Preferences" / APP_DIR_NAME
    base = env.get("XDG_CONFIG_HOME") or str(_home(env) / ".config")
    return Path(base) / APP_DIR_NAME


def data_dir(override: str | os.PathLike[str] | None = None,
             env: Mapping[str, str] | None = None, platform: str | None = None) -> Path:
    env = os.environ if env is None else env
    if override:
        return Path(override).expanduser()
    if env.get(DATA_ENV):
        return Path(env[DATA_ENV]).expanduser()
    platform = platform or sys.platform
    if platform.startswith("win"):
        return Path(env.get("LOCALAPPDATA") or _home(env) / "AppData" / "Local") / APP_DIR_NAME
    if platform == "darwin":
        return _home(env) / "Library" / "Application Support" / APP_DIR_NAME
    base = env.get("XDG_DATA_HOME") or str(_home(env) / ".local" / "share")
    return Path(base) / APP_DIR_NAME


def bundled_root() -> Path:
    """The folder that holds the bundled ``exercises.yaml`` and ``assets/``.

    Installed from a wheel they sit in the package's ``data`` folder; run from
    a source checkout (or an editable install) they sit at the repo's top.
    """
    packaged = Path(str(resources.files("posture_coach"))) / "data"
    if (packaged / "exercises.yaml").is_file():
        return packaged
    source = Path(__file__).resolve().parent.parent.parent
    if (source / "exercises.yaml").is_file() and (source / "assets").is_dir():
        return source
    raise FileNotFoundError(
        "posture-coach is installed without its exercise library "
        f"(looked in {packaged} and {source}); reinstall the package")


def bundled_library() -> Path:
    return bundled_root() / "exercises.yaml"


def assets_dir() -> Path:
    return bundled_root() / "assets"


def user_library(config: Path) -> Path:
    return config / USER_LIBRARY_NAME
