"""``POST /act/{code}``: what a participant does on their phone, as one small request (canvas.phone_actions).

The phone proves who it is as its event stream does, with its participant id (a secret in its page's address);
an unknown code and a wrong id get the same answer, and a client that keeps failing is refused for a while.
The answer is the outcome in the participant's language (HTTP 200 whether it was done or refused: a refusal is
news for the person, not an error of the request). The change itself reaches every screen and phone by the
live channel. No Streamlit here: a press costs one store call, not a script run.
"""

from __future__ import annotations

import asyncio
import json

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from canvas.hub import running_hub
from canvas.i18n import parse_language, t
from canvas.phone_actions import PhoneRequest, perform
from canvas.ratelimit import RateLimiter
from canvas.store import Role, Store
from canvas.web.events import FAILURES_PER_MINUTE, NOT_FOUND

ACTIONS_PATH = "/act/{code}"
# A note is 280 characters and a comment 200: a body far over this is not from our phone.
MAX_BODY_BYTES = 16_000


def actions_route(*, store: Store | None = None, failures_per_minute: int = FAILURES_PER_MINUTE) -> Route:
    """The route; ``store`` for tests (the app uses the running hub's store)."""
    failures = RateLimiter(limit=failures_per_minute, per_seconds=60)

    async def act(request: Request) -> Response:
        hub = running_hub()
        the_store = store or (hub.store if hub else None)
        if the_store is None:
            return JSONResponse({"error": "live updates are not running"}, status_code=503)
        client = request.client.host if request.client else "?"
        if failures.is_limited(client):
            return JSONResponse({"error": "too many attempts"}, status_code=429, headers={"Retry-After": "60"})
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return JSONResponse({"error": "too large"}, status_code=413)
        try:
            phone = PhoneRequest.model_validate(json.loads(body))
        except (ValueError, ValidationError):
            language = parse_language(request.query_params.get("lang"))
            return JSONResponse({"ok": False, "message": t("error.generic", language)}, status_code=400)
        access = await asyncio.to_thread(the_store.access, code=request.path_params["code"], participant_id=phone.p)
        if access is None or access.role is not Role.PARTICIPANT:
            failures.allow(client)
            return JSONResponse(NOT_FOUND, status_code=404)
        outcome = await asyncio.to_thread(
            perform,
            the_store,
            board_id=access.board.id,
            participant_id=phone.p,
            action=phone.action,
            language=parse_language(phone.lang),
        )
        return JSONResponse(outcome.as_json(), headers={"Cache-Control": "no-store"})

    return Route(ACTIONS_PATH, act, methods=["POST"])
