"""schoolnet seeds package."""
