"""The AVN treatment table: loading, validation, filters, charts and export, without Streamlit."""
