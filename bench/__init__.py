"""Issue 18's benchmarks: `python -m bench` (`make bench`); see `bench/__main__.py`."""
