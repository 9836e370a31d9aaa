"""Tests of the analysis engine on small hand-made data."""
