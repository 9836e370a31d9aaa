"""schoolnet analysis package."""
