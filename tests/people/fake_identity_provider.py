"""An OpenID Connect identity provider on 127.0.0.1 for the organisation sign-in tests.

It serves the discovery document, the authorisation, token, userinfo and JWKS endpoints, and is as
strict as Entra ID where it matters here: only registered redirect URIs, the same redirect URI and
the PKCE verifier when the code is exchanged, ID tokens signed with RS256 and carrying the nonce.
Every authorisation request is kept in ``authorisations`` for the tests to inspect.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "perhekeskus-client"
CLIENT_SECRET = "perhekeskus-secret"
KEY_ID = "test-key"


@dataclass
class Person:
    sub: str
    email: str
    given_name: str = ""
    family_name: str = ""
    email_verified: object = True  # what the provider claims: True, False, "false", or None (no claim)


@dataclass
class FakeIdentityProvider:
    redirect_uris: list[str]
    person: Person | None = None
    authorisations: list[dict[str, str]] = field(default_factory=list)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    _codes: dict[str, dict[str, str]] = field(default_factory=dict)
    _tokens: dict[str, Person] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # Endpoints --------------------------------------------------------------------------------

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def jwks(self) -> dict:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]}

    def authorize(self, params: dict[str, str]) -> tuple[int, dict[str, str], dict]:
        """The person signs in at once; the answer is a redirect back with a code, or an error page."""
        self.authorisations.append(params)
        if params.get("client_id") != CLIENT_ID or params.get("redirect_uri") not in self.redirect_uris:
            # Entra ID: AADSTS50011, the redirect URI does not match the ones registered.
            return 400, {}, {"error": "invalid_request", "error_description": "redirect_uri not registered"}
        code = secrets.token_urlsafe(16)
        self._codes[code] = params
        query = urlencode({"code": code, "state": params.get("state", "")})
        return 302, {"Location": f"{params['redirect_uri']}?{query}"}, {}

    def token(self, form: dict[str, str]) -> tuple[int, dict]:
        self.token_requests.append(form)
        authorisation = self._codes.pop(form.get("code", ""), None)
        if (
            authorisation is None
            or form.get("client_id") != CLIENT_ID
            or form.get("client_secret") != CLIENT_SECRET
            or form.get("redirect_uri") != authorisation["redirect_uri"]
        ):
            return 400, {"error": "invalid_grant"}
        if (
            "code_challenge" in authorisation
            and _s256(form.get("code_verifier", "")) != authorisation["code_challenge"]
        ):
            return 400, {"error": "invalid_grant", "error_description": "PKCE verification failed"}
        access_token = secrets.token_urlsafe(16)
        self._tokens[access_token] = self.person
        return 200, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 3600,
            "id_token": self.id_token(nonce=authorisation.get("nonce")),
        }

    def id_token(self, *, nonce: str | None) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": self.person.sub,
            "email": self.person.email,
            "iat": now,
            "exp": now + 300,
        }
        if nonce is not None:
            claims["nonce"] = nonce
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": KEY_ID})

    def userinfo(self, authorization: str) -> tuple[int, dict]:
        person = self._tokens.get(authorization.removeprefix("Bearer "))
        if person is None:
            return 401, {"error": "invalid_token"}
        return 200, {
            "sub": person.sub,
            "email": person.email,
            **({} if person.email_verified is None else {"email_verified": person.email_verified}),
            "given_name": person.given_name,
            "family_name": person.family_name,
        }


def _s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode()


def _single(values: dict[str, list[str]]) -> dict[str, str]:
    return {name: value[0] for name, value in values.items()}


def _handler(provider: FakeIdentityProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == "/.well-known/openid-configuration":
                self._json(200, provider.discovery())
            elif url.path == "/jwks":
                self._json(200, provider.jwks())
            elif url.path == "/authorize":
                status, headers, body = provider.authorize(_single(parse_qs(url.query)))
                self._json(status, body, headers)
            elif url.path == "/userinfo":
                self._json(*provider.userinfo(self.headers.get("Authorization", "")))
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = _single(parse_qs(self.rfile.read(length).decode()))
            if urlsplit(self.path).path == "/token":
                self._json(*provider.token(form))
            else:
                self._json(404, {"error": "not_found"})

        def _json(self, status: int, body: dict, headers: dict[str, str] | None = None) -> None:
            content = json.dumps(body).encode()
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        def log_message(self, format: str, *args) -> None:
            pass  # keep the test output clean

    return Handler
