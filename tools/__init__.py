"""Developer tools shared by tests/, bench/ and scripts/: the local Streamlit server launcher."""
