"""schoolnet services package."""
