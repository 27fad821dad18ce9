"""A full Kakao login by Python's requests-oauthlib (Debian's python3-requests-oauthlib) against the
CLI-started KakaoEmulator: authorize, code exchange with client_secret_post, /v2/user/me with a
19-digit id, refresh, then a refresh token expired through the control API (KOE322).

Run by .ci/suites/emulator-interop.sh with KAKAO_EMULATOR_URL and KAKAO_EMULATOR_CONTROL_TOKEN set.
"""
import os
import sys

# The emulator listens on plain http on 127.0.0.1 only; oauthlib refuses http unless told.
os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"
# Kakao answers with every agreed item in `scope`, not only the requested ones.
os.environ["OAUTHLIB_RELAX_TOKEN_SCOPE"] = "1"

import requests  # noqa: E402
from oauthlib.oauth2.rfc6749.errors import InvalidGrantError  # noqa: E402
from requests_oauthlib import OAuth2Session  # noqa: E402

BASE = os.environ["KAKAO_EMULATOR_URL"]
CONTROL = {"authorization": "Bearer " + os.environ["KAKAO_EMULATOR_CONTROL_TOKEN"]}
CLIENT_ID = "interop-rest-api-key"
CLIENT_SECRET = "interop-client-secret"
REDIRECT_URI = "http://127.0.0.1:8765/callback"
USER_ID = 1376016924426111111


def check(condition, message):
    if not condition:
        print("FAIL: " + message, file=sys.stderr)
        sys.exit(1)
    print("ok: " + message)


session = OAuth2Session(CLIENT_ID, redirect_uri=REDIRECT_URI, scope="openid,profile_nickname,account_email")
url, state = session.authorization_url(BASE + "/oauth/authorize")

# The config auto-approves as the 19-digit user: Kakao redirects straight back with a code.
answer = requests.get(url, allow_redirects=False, timeout=10)
check(answer.status_code == 302, "authorize redirects back to the app")
callback = answer.headers["Location"]
check(callback.startswith(REDIRECT_URI + "?code="), "the redirect carries a code")
check("state=" + state in callback, "the state comes back untouched")

token = session.fetch_token(
    BASE + "/oauth/token",
    authorization_response=callback,
    include_client_id=True,  # client_secret_post, as Kakao requires (no HTTP Basic)
    client_secret=CLIENT_SECRET,
    timeout=10,
)
check(token["token_type"] == "bearer", "token_type bearer")
check(len(token["access_token"]) > 20 and "refresh_token" in token, "access and refresh tokens")
check("id_token" in token, "an id_token (openid asked, OIDC on in the config)")

me = session.get(BASE + "/v2/user/me", timeout=10)
check(me.status_code == 200, "/v2/user/me answers 200")
check(me.text.startswith('{"id":%d,' % USER_ID), "the id is a bare 19-digit JSON number")
body = me.json()
check(body["id"] == USER_ID, "Python reads the 19-digit id exactly")
check(body["kakao_account"]["email"] == "seoyeon.lee@example.com", "the email from the config file")
check(body["kakao_account"]["profile"]["nickname"] == "이서연", "the Korean nickname")

refreshed = session.refresh_token(
    BASE + "/oauth/token", client_id=CLIENT_ID, client_secret=CLIENT_SECRET, timeout=10
)
check(refreshed["access_token"] != token["access_token"], "refresh gives a new access token")
check(session.get(BASE + "/v2/user/me", timeout=10).status_code == 200, "the new token works")

expired = requests.post(
    BASE + "/_emulator/api/tokens/expire-refresh", json={"userId": str(USER_ID)}, headers=CONTROL, timeout=10
)
check(expired.status_code == 200 and expired.json()["expired"] == 1, "control API expires the refresh token")
check(
    requests.post(BASE + "/_emulator/api/reset", timeout=10).status_code == 401,
    "a control call without the token is refused",
)
try:
    session.refresh_token(BASE + "/oauth/token", client_id=CLIENT_ID, client_secret=CLIENT_SECRET, timeout=10)
    check(False, "an expired refresh token is refused")
except InvalidGrantError as error:
    check("expired_or_invalid_refresh_token" in str(error.description), "an expired refresh token gets KOE322")

print("requests-oauthlib: full Kakao login against the emulator passed")
