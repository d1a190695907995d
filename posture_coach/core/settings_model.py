"""The settings the app runs with, and who hears when they change.

Each component subscribes to the fields it cares about, as qutebrowser's
``@config.change_filter('option')`` does, instead of one function comparing every
field and calling everyone::

    model.subscribe(("sound", "volume"), lambda new, old: sounds.set_volume(...))

:meth:`SettingsModel.set` replaces the settings, then calls, in the order they
subscribed, each subscriber one of whose fields changed, with the new and the old
settings.  A field name that :class:`~posture_coach.core.settings.Settings` does not
have is refused at subscription (a typo would otherwise never fire).  An open window
subscribes to every field (:data:`FIELDS`) and unsubscribes when it is closed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

from .field_model import FieldModel
from .settings import Settings

Listener = Callable[[Settings, Settings], object]
FIELDS = frozenset(f.name for f in fields(Settings))


class SettingsModel(FieldModel[Settings]):
    what = "settings"
