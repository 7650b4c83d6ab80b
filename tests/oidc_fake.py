"""A minimal OpenID Connect provider on 127.0.0.1, for testing the app's login (`st.login`) end to
end: discovery, an authorization endpoint that consents at once, a token endpoint that issues an
RS256-signed ID token, the key set and userinfo. It checks what a real provider checks (client
credentials, the redirect URI, the code and its PKCE verifier) so that a client that gets the
protocol wrong fails here as it would in production.

    with servers.serving(FakeOIDCProvider(client_id="app", client_secret="s")) as provider:
        provider.metadata_url  # for server_metadata_url under [auth]
        provider.authorize_requests, provider.token_requests  # what the app sent
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote_plus, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class FakeOIDCProvider(ThreadingHTTPServer):
    """One client, one user. Records every authorize and token request (as dicts of parameters)."""

    daemon_threads = True

    def __init__(
        self,
        *,
        client_id: str,
        client_secret: str,
        user: dict | None = None,
    ):
        self.client_id = client_id
        self.client_secret = client_secret
        self.user = user or {
            "sub": "user-123",
            "email": "ada@example.test",
            "email_verified": True,
            "name": "Ada Lovelace",
        }
        # A fresh key per provider: nothing signed by one test can pass in another.
        self.key = RSAKey.generate_key(2048, parameters={"kid": secrets.token_hex(4)})
        self.authorize_requests: list[dict[str, str]] = []
        self.token_requests: list[dict[str, str]] = []
        self.errors: list[str] = []  # why a request was refused, for the test's failure message
        self._codes: dict[str, dict[str, str]] = {}  # code -> its authorize request
        self._access_tokens: set[str] = set()
        self._lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _handler(self))

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def metadata(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "grant_types_supported": ["authorization_code"],
        }

    # the endpoints' logic: each returns (status, headers, body) -------------------------------

    def authorize(self, params: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        with self._lock:
            self.authorize_requests.append(params)
        redirect_uri = params.get("redirect_uri", "")
        problem = None
        if params.get("client_id") != self.client_id:
            problem = f"unknown client_id {params.get('client_id')!r}"
        elif params.get("response_type") != "code":
            problem = f"response_type {params.get('response_type')!r}"
        elif "openid" not in params.get("scope", "").split():
            problem = f"scope {params.get('scope')!r} lacks openid"
        elif not redirect_uri.startswith("http"):
            problem = f"redirect_uri {redirect_uri!r}"
        if problem:
            # A real provider shows an error page instead of redirecting to an unchecked URI.
            self.errors.append(f"authorize: {problem}")
            return 400, {"Content-Type": "text/plain"}, problem.encode()
        code = secrets.token_urlsafe(16)
        with self._lock:
            self._codes[code] = params
        query = urlencode({"code": code, "state": params.get("state", "")})
        separator = "&" if urlsplit(redirect_uri).query else "?"
        return 302, {"Location": f"{redirect_uri}{separator}{query}"}, b""

    def token(self, params: dict[str, str], authorization: str | None):
        with self._lock:
            self.token_requests.append(dict(params, authorization=authorization or ""))
        client_id, client_secret = params.get("client_id"), params.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            decoded = base64.b64decode(authorization[6:]).decode()
            # RFC 6749 2.3.1: both halves are form-encoded before they are joined.
            client_id, _, client_secret = (unquote_plus(p) for p in decoded.partition(":"))
        with self._lock:
            grant = self._codes.pop(params.get("code", ""), None)  # a code is good once
        problem = None
        if (client_id, client_secret) != (self.client_id, self.client_secret):
            problem = "invalid_client"
        elif params.get("grant_type") != "authorization_code" or grant is None:
            problem = "invalid_grant"
        elif params.get("redirect_uri") != grant.get("redirect_uri"):
            problem = "invalid_grant"  # RFC 6749 4.1.3: must equal the authorize request's
        elif grant.get("code_challenge"):
            verifier = params.get("code_verifier", "")
            if _b64url(hashlib.sha256(verifier.encode()).digest()) != grant["code_challenge"]:
                problem = "invalid_grant"  # PKCE (RFC 7636)
        if problem:
            self.errors.append(f"token: {problem}")
            return _json(400, {"error": problem})
        access_token = secrets.token_urlsafe(24)
        with self._lock:
            self._access_tokens.add(access_token)
        now = int(time.time())
        claims = {
            **self.user,
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            # OIDC Core 3.1.3.6: the hash of the access token it was issued with.
            "at_hash": _b64url(hashlib.sha256(access_token.encode()).digest()[:16]),
        }
        if grant.get("nonce"):
            claims["nonce"] = grant["nonce"]
        header = {"alg": "RS256", "kid": self.key.kid, "typ": "JWT"}
        id_token = jwt.encode(header, claims, self.key)
        return _json(
            200,
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
                "scope": grant.get("scope", "openid"),
            },
        )

    def userinfo(self, authorization: str | None):
        token = (authorization or "").removeprefix("Bearer ")
        if token not in self._access_tokens:
            return _json(401, {"error": "invalid_token"})
        return _json(200, self.user)


def _json(status: int, body: dict) -> tuple[int, dict[str, str], bytes]:
    headers = {"Content-Type": "application/json", "Cache-Control": "no-store"}
    return status, headers, json.dumps(body).encode()


def _handler(provider: FakeOIDCProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            parts = urlsplit(self.path)
            params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            if parts.path == "/.well-known/openid-configuration":
                self._answer(*_json(200, provider.metadata()))
            elif parts.path == "/jwks":
                self._answer(*_json(200, {"keys": [provider.key.as_dict(private=False)]}))
            elif parts.path == "/authorize":
                self._answer(*provider.authorize(params))
            elif parts.path == "/userinfo":
                self._answer(*provider.userinfo(self.headers.get("Authorization")))
            else:
                self._answer(404, {"Content-Type": "text/plain"}, b"not found")

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            form = parse_qs(self.rfile.read(length).decode())
            params = {k: v[-1] for k, v in form.items()}
            if urlsplit(self.path).path == "/token":
                self._answer(*provider.token(params, self.headers.get("Authorization")))
            elif urlsplit(self.path).path == "/userinfo":
                self._answer(*provider.userinfo(self.headers.get("Authorization")))
            else:
                self._answer(404, {"Content-Type": "text/plain"}, b"not found")

    return Handler
