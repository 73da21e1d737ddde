"""The benchmark harness: `python -m bench run --help`.

Loads demo datasets into PostgreSQL, serves the API and a raw baseline, loads them with wrk and
prints one table against the baseline and against the original implementation's figures.
Benchmarks are not tests: nothing here asserts a speed.
"""
