"""The Streamlit page's parts: one module per part, each drawing with avn_data's pure functions."""
