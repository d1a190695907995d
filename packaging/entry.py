"""The frozen bundle's entry point: the same as the ``posture-coach`` console script."""

import sys

from posture_coach.cli import main

if __name__ == "__main__":
    sys.exit(main())
