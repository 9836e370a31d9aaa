"""schoolnet queries package."""
