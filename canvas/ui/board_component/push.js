// --- the live channel's client ---------------------------------------------------------------------
// The server sends each change over server-sent events: {rev, sig} and, for screens, {view} (the drawing).
// A screen draws the view itself, with no Streamlit rerun. A page asks Streamlit for a rerun only where
// its widgets must change (the board's structure `sig` differs from the one the page was drawn with), or,
// in "revision" mode (the radar), on every change. At most one rerun request is in flight; the page's
// answer echoes the request number, so a reply that is already stale leads to the next request at once.
//
// One stream per browser and URL: a leader tab (navigator.locks) holds the EventSource and passes messages
// to the other tabs (BroadcastChannel); Chromium allows only six HTTP/1.1 connections per host. A tab that
// joins asks the leader for the last message, so it never waits for the next change to catch up.

const MAX_STREAM_FAILURES = 4;
// Only for a request lost on the way (a dropped websocket): a normal answer clears the request at once.
const LOST_REQUEST_MS = 5000;

function openLiveStream(url, onMessage) {
  let closed = false;
  let source = null;
  let retryTimer = null;
  let releaseLeadership = null;
  let failures = 0;
  let last = null;
  const shared = typeof BroadcastChannel !== "undefined" && navigator.locks;
  const channel = shared ? new BroadcastChannel(`sc-live:${url}`) : null;
  const deliver = (message) => {
    if (!closed) onMessage(message);
  };
  const broadcast = (message) => {
    last = message;
    deliver(message);
    channel?.postMessage(message);
  };

  const connect = () => {
    if (closed) return;
    source = new EventSource(url);
    source.onmessage = (event) => {
      failures = 0;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (_error) {
        return; // not ours
      }
      broadcast(message);
      if (message.closed) source.close(); // the board is gone: do not reconnect
    };
    source.onerror = () => {
      // While CONNECTING the browser retries by itself (the server asks for 0.5 s). CLOSED means it gave
      // up for good: an HTTP error or a page that is not an event stream (no push route on this server).
      if (source.readyState !== EventSource.CLOSED || last?.closed) return;
      source.close();
      failures += 1;
      if (failures >= MAX_STREAM_FAILURES) {
        broadcast({ giveUp: `event stream failed ${failures} times` });
        return;
      }
      retryTimer = setTimeout(connect, 1000 * failures);
    };
  };

  if (channel) {
    channel.onmessage = (event) => {
      if (event.data?.hello) {
        if (source && last) channel.postMessage(last); // a tab that just joined: here is where we are
        return;
      }
      last = event.data;
      deliver(event.data);
    };
    navigator.locks.request(`sc-live:${url}`, () => new Promise((release) => {
      releaseLeadership = release;
      if (closed) release();
      else connect();
    }));
    channel.postMessage({ hello: true });
  } else {
    connect();
  }
  return {
    url,
    close() {
      closed = true;
      clearTimeout(retryTimer);
      source?.close();
      channel?.close();
      releaseLeadership?.();
    },
  };
}

// --- following the board -------------------------------------------------------------------------
// `state` (kept on the component's root element) holds:
//   rendered: {rev, sig} of the data Streamlit last sent; stream: the newest {rev, sig} heard;
//   request: number of the last rerun asked for; inFlight: whether it is unanswered.

function needsRerun(state) {
  const heard = state.stream;
  if (!heard || heard.rev <= state.rendered.rev) return false;
  // A part of a page (a listener in a fragment, drawn with the page's structure too) leaves a change of the
  // page's structure to the page's own listener: the page's rerun redraws this part as well. Both asking at
  // once lost the page's request now and then (a phone showed the next phase 4 s late, after the retry).
  if (state.rendered.page != null && heard.page !== state.rendered.page) return false;
  return state.follow === "revision" || heard.sig !== state.rendered.sig;
}

function askForRerun(state) {
  if (state.inFlight || state.dragging || !needsRerun(state)) return;
  state.inFlight = true;
  state.request = (state.request || 0) + 1;
  clearTimeout(state.lostTimer);
  state.lostTimer = setTimeout(() => {
    state.inFlight = false;
    askForRerun(state);
  }, LOST_REQUEST_MS);
  // Counted on the element so tests (and curious people in devtools) can see how often we asked.
  state.root.dataset.rerunRequests = String(state.request);
  state.setTriggerValue("changed", state.request);
}

// New data from Streamlit: what the page now shows, and which request (if any) it answers.
function noteRendered(state, data) {
  state.rendered = { rev: data.revision, sig: data.signature, page: data.page_signature ?? null };
  if (data.answered >= (state.request || 0) || !needsRerun(state)) {
    state.inFlight = false;
    clearTimeout(state.lostTimer);
  }
}

function followLive(root, state, url, onMessage) {
  if (state.live?.url === url) return;
  state.live?.close();
  state.live = null;
  if (!url) return;
  state.live = openLiveStream(url, (message) => {
    if (message.giveUp) {
      state.live?.close();
      state.live = null;
      state.setTriggerValue("push_failed", message.giveUp);
      return;
    }
    if (message.closed) {
      state.setTriggerValue("closed", true);
      onMessage?.(message);
      return;
    }
    if (typeof message.rev !== "number") return;
    if (!state.stream || message.rev > state.stream.rev) {
      // A listener may follow another field than the page's structure (`sig`); it keeps that one too.
      state.stream = { rev: message.rev, sig: message[state.field || "sig"], page: message.sig };
    }
    onMessage?.(message);
    askForRerun(state);
  });
}

// The function a component returns: called before every re-run too, so close the stream only when
// the element is really gone from the page.
function closeStreamWhenDetached(root, state) {
  return () => {
    setTimeout(() => {
      if (!root.isConnected) {
        state.live?.close();
        state.live = null;
      }
    }, 0);
  };
}
