"""The Streamlit app, a face: `app.py` is the entry with `st.navigation`; each page renders what
`advisor.api` returns."""
