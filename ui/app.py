"""LLM Advisor, the Streamlit app: `llm-advisor ui` (or `streamlit run ui/app.py`).

One module per page under ui/views/ (not ui/pages/: Streamlit treats a pages/ folder beside
the entry as the old multipage mode, and a deep link on a fresh server then says "Page not
found"); the clients and rendering they share live in ui/shared.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

st.set_page_config(
    page_title="LLM Advisor",
    page_icon="🧭",
    layout="wide",
    menu_items={
        "About": "LLM Advisor: choose a language model and an approach for your use case, and try it."
    },
)

try:  # installed (pip install -e .) or run from a checkout
    from ui import auth, shared, state
except ImportError:  # pragma: no cover - a bare checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from ui import auth, shared, state

shared.warm_up_in_background()
auth.require_login()
state.keep_typed_values()

PAGES = [
    st.Page(
        shared.PAGE_FILES["advisor"],
        title="Advisor",
        icon=":material/assistant:",
        url_path="start",
        default=True,
    ),
    st.Page(
        shared.PAGE_FILES["catalog"],
        title="Catalog",
        icon=":material/view_list:",
        url_path="catalog",
    ),
    st.Page(
        shared.PAGE_FILES["playground"],
        title="Playground",
        icon=":material/science:",
        url_path="playground",
    ),
    st.Page(
        shared.PAGE_FILES["knowledge"],
        title="Knowledge",
        icon=":material/menu_book:",
        url_path="knowledge",
    ),
    st.Page(
        shared.PAGE_FILES["history"], title="History", icon=":material/history:", url_path="history"
    ),
    # The default page lives at "/", so "/advisor" (what the menu's name suggests) would be "Page
    # not found": the same page under that path too, out of the menu.
    st.Page(
        shared.PAGE_FILES["advisor"],
        title="Advisor",
        url_path="advisor",
        visibility="hidden",
    ),
]
page = st.navigation(PAGES, position="top")
# The brand stays compact: a compass in the navigation bar (a click goes to the Advisor) and one
# small line above the page's own subheader, instead of a second big heading on every page.
st.logo(":material/explore:", size="large")
st.caption(f":material/explore: **{shared.PRODUCT}** · {shared.TAGLINE}")
# Less empty space between the navigation bar and the page (Streamlit's default is 6rem); a
# style-only st.html takes no room on the page.
# The page's h1 is sized like a section heading: one per page for screen readers and outlines,
# without a banner-sized title above the form.
st.html(
    "<style>[data-testid='stMainBlockContainer'] { padding-top: 4.5rem; }"
    " [data-testid='stMainBlockContainer'] h1 { font-size: 1.75rem; padding-top: 0.25rem; }"
    # captions carry key facts: at least 4.5:1 against the background (WCAG AA). Streamlit greys
    # them with opacity 0.6 on top of a grey (2.9:1, axe's color-contrast). The theme's own text
    # colour at 80% keeps them secondary yet readable in the light theme (7:1) and in the dark one
    # that a browser set to dark gets (a fixed dark grey there was 1.35:1)
    " [data-testid='stCaptionContainer'] { color: inherit; opacity: 0.8; }"
    # a slider's value above its thumb is drawn in the accent red, 3.5:1 on the dark theme's
    # background (axe's color-contrast): the thumb's own text colour instead
    " [data-testid='stSliderThumbValue'] { color: inherit; }"
    # On a phone the menu is a collapsed sidebar moved off screen, yet its links stayed in the Tab
    # order (focus went somewhere invisible); while collapsed (its "Expand sidebar" button shown) it
    # is hidden outright. Streamlit already names that button; it has no hook to rename it
    # (its help icons set their own visibility, hence every descendant too).
    " body:has([data-testid='stExpandSidebarButton']) [data-testid='stSidebar'],"
    " body:has([data-testid='stExpandSidebarButton']) [data-testid='stSidebar'] *"
    " { visibility: hidden !important; }</style>",
)
shared.run_page(page)
