"""schoolnet graph package."""
