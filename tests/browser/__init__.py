"""Browser tests: the built site in Debian's chromium (a package, so its conftest does not shadow tests/conftest.py)."""
