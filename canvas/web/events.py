"""``GET /events/{code}``: the live channel of one board as server-sent events.

Each listener proves who it is with what its page already holds: the facilitator token (``f``), the
viewer key (``v``) or a participant id (``p``). The join code alone opens nothing, and an unknown code and
a forbidden request get the same answer, so codes cannot be probed; a client that keeps failing is
refused for a while. What a listener receives follows from its role (see ``canvas.hub.Audience``):
screens get the drawing, phones what they draw (filtered for their participant), the radar the revision.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from canvas.hub import SIGNAL, Audience, running_hub
from canvas.i18n import parse_language
from canvas.ratelimit import RateLimiter
from canvas.store import Role

EVENTS_PATH = "/events/{code}"
RECONNECT_MS = 500
# Failed attempts (unknown code or wrong key) per client address: a browser with a right link never fails,
# and a room of phones behind one address fails at most once each when a board is deleted.
FAILURES_PER_MINUTE = 30

NOT_FOUND = {"error": "not found"}


def sse_message(data: str | None) -> str:
    """One server-sent event; ``None`` is a comment that keeps proxies from closing an idle stream."""
    if data is None:
        return ": ping\n\n"
    return f"data: {data}\n\n"


def events_route(*, max_stream_seconds: float | None = None, failures_per_minute: int = FAILURES_PER_MINUTE) -> Route:
    failures = RateLimiter(limit=failures_per_minute, per_seconds=60)

    async def events(request: Request) -> Response:
        hub = running_hub()
        if hub is None:
            return JSONResponse({"error": "live updates are not running"}, status_code=503)
        client = request.client.host if request.client else "?"
        if failures.is_limited(client):
            return JSONResponse({"error": "too many attempts"}, status_code=429, headers={"Retry-After": "60"})
        query = request.query_params
        access = await asyncio.to_thread(
            hub.store.access,
            code=request.path_params["code"],
            facilitator_token=query.get("f"),
            viewer_key=query.get("v"),
            participant_id=query.get("p"),
        )
        if access is None:
            failures.allow(client)
            return JSONResponse(NOT_FOUND, status_code=404)
        kind, language = query.get("kind"), parse_language(query.get("lang"))
        if kind == "screen" and access.role in (Role.FACILITATOR, Role.VIEWER):
            audience = Audience.screen(language)
        elif kind == "phone" and access.role is Role.PARTICIPANT:
            audience = Audience.phone_in(language)  # what the phone draws, filtered for this participant
        else:
            audience = SIGNAL

        async def stream() -> AsyncIterator[str]:
            yield f"retry: {RECONNECT_MS}\n\n"
            # A phone's stream carries its own part too (its notes, dots and scores).
            participant_id = query.get("p") if access.role is Role.PARTICIPANT else None
            listening = hub.listen(
                access.board.id, audience, participant_id=participant_id, max_seconds=max_stream_seconds
            )
            async for message in listening:
                yield sse_message(message)

        return StreamingResponse(
            stream(),
            media_type="text/event-stream",
            # no-cache and X-Accel-Buffering: a proxy must pass each event on at once (docs/deploy.md).
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    return Route(EVENTS_PATH, events, methods=["GET"])
