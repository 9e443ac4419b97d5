"""Benchmarks and load tests; run through `make bench` and `make load`."""
