"""posture-coach: a system-tray coach for upper back pain."""

__version__ = "0.1.0"
APP_NAME = "posture-coach"
APP_DISPLAY_NAME = "Posture Coach"
