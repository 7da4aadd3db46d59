"""Benchmarks at Efus size: `make bench` (see bench/run.py and the README's Performance section)."""
