"""The portal\x27s own date formats per language, over Django\x27s (FORMAT_MODULE_PATH)."""
