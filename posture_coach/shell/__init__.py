"""The shell: builds the app from its parts and connects them (see docs/architecture.md)."""
