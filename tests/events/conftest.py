"""Event fixtures live in tests/conftest.py (make_event), shared with the digest tests."""
