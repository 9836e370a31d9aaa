"""schoolnet tests package."""
