"""schoolnet: the command line and shared settings of the schoolnet platform."""

__version__ = "0.1.0"
