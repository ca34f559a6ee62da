"""Benchmarks and load tests (``make bench``, ``make load``); they print tables and write JSON."""
