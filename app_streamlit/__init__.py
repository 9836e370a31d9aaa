"""schoolnet app_streamlit package."""
