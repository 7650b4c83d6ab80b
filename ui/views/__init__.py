"""One module per page of the app (a `pages/` folder would switch Streamlit to its legacy
multipage mode)."""
