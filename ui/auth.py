"""Optional login: with an OpenID Connect provider under [auth] in .streamlit/secrets.toml, every
visitor logs in through Streamlit's `st.login` before any page runs. Without one nothing changes
(the app then listens on 127.0.0.1 only, see `llm-advisor ui --address`)."""

from __future__ import annotations

import importlib.util

import streamlit as st


def _providers() -> list[str | None]:
    """The configured providers: None for one set directly under [auth], else their names
    ([auth.google], [auth.microsoft], ...). Empty when no login is configured."""
    try:
        auth = st.secrets.get("auth")
    except Exception:  # no secrets file at all, or one Streamlit cannot parse: no login
        return []
    if not hasattr(auth, "get"):
        return []
    if auth.get("client_id"):
        return [None]
    return [
        name for name, value in auth.items() if hasattr(value, "get") and value.get("client_id")
    ]


def visitor() -> str | None:
    """Who is logged in: the ID token's e-mail, else its subject (issuer-unique); None when no
    login is configured or nobody is logged in."""
    if not _providers() or not st.user.get("is_logged_in"):
        return None
    identity = st.user.get("email") or st.user.get("sub")
    return str(identity) if identity else None


def require_login() -> None:
    """Stop the script here, showing a login button, unless no login is configured or the
    visitor is logged in (then a log-out button sits in the sidebar)."""
    providers = _providers()
    if not providers:
        return
    if st.user.get("is_logged_in"):  # absent (not False) before Streamlit has read the cookie
        st.sidebar.button("Log out", on_click=st.logout, key="auth_logout")
        return
    st.subheader("LLM Advisor")
    if importlib.util.find_spec("authlib") is None:
        # Fail closed: a configured login that cannot run must not open the app instead.
        st.error(
            "Login is configured in .streamlit/secrets.toml but Authlib is not installed: "
            "pip install 'Authlib>=1.3.2', then restart the app."
        )
        st.stop()
    st.info("Please log in to use the advisor.", icon=":material/lock:")
    for provider in providers:
        label = f"Log in with {provider.title()}" if provider else "Log in"
        if st.button(label, key=f"auth_login_{provider or 'default'}", type="primary"):
            st.login(provider) if provider else st.login()
    st.stop()
