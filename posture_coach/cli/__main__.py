"""``python -m posture_coach.cli``: the same as the ``posture-coach`` command."""

import sys

from .main import main

sys.exit(main())
