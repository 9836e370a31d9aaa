"""schoolnet loaders package."""
