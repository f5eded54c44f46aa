"""The ccassess performance suite: `python -m benchmarks [--quick]` (see README.md)."""
