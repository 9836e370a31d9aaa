"""Rendering helpers of the app: tables, charts, the network picture, the map, shared widgets.

They turn service answers into Streamlit elements (or HTML); they never read the store.
"""
