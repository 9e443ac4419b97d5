"""The dashboard's server, as `make run` starts it: `streamlit run serve.py -- --data FILE`.

It begins reading the table as the server starts (ui/start.py); `streamlit run dashboard.py`
serves the same page and reads the table on the first visit.
"""

import streamlit as st

from ui.start import read_table_at_start

app = st.App("dashboard.py", lifespan=read_table_at_start)
