"""Use cases called by the Streamlit pages and the command line.

Each service takes a store (and settings) and returns plain data: frames, dataclasses, ids.
Pages and CLI commands call exactly one service per action and render the answer.
"""
