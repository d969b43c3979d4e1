"""Banc d'essai de performance (issue 6) : `python benchmarks/bench_performance.py [--rapide]`."""
