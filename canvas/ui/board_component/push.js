// --- live updates by push ---------------------------------------------------------------------------
// The server sends the board's revision over server-sent events. When a newer revision than the one
// drawn arrives, we ask Streamlit to rerun the board fragment (which then sends new data), keeping at
// most one such request in flight. One stream per browser: a leader tab (navigator.locks) holds the
// EventSource and passes revisions to the other tabs (BroadcastChannel); Chromium allows only six
// HTTP/1.1 connections per host, so six tabs with a stream each would starve the seventh.

const RERUN_TIMEOUT_MS = 4000;
const MAX_STREAM_FAILURES = 4;

function openRevisionStream(url, onMessage) {
  let closed = false;
  let source = null;
  let retryTimer = null;
  let releaseLeadership = null;
  let failures = 0;
  const shared = typeof BroadcastChannel !== "undefined" && navigator.locks;
  const channel = shared ? new BroadcastChannel(`sc-events:${url}`) : null;
  const deliver = (message) => {
    if (!closed) onMessage(message);
  };
  const broadcast = (message) => {
    deliver(message);
    channel?.postMessage(message);
  };

  const connect = () => {
    if (closed) return;
    source = new EventSource(url);
    source.onmessage = (event) => {
      failures = 0;
      try {
        broadcast(JSON.parse(event.data));
      } catch (_error) {
        // not ours: ignore
      }
    };
    source.onerror = () => {
      // While CONNECTING the browser retries by itself (the server asks for 0.5 s). CLOSED means it gave
      // up for good: an HTTP error or a page that is not an event stream (no push route on this server).
      if (source.readyState !== EventSource.CLOSED) return;
      source.close();
      failures += 1;
      if (failures >= MAX_STREAM_FAILURES) {
        broadcast({ giveUp: `event stream at ${url} failed ${failures} times` });
        return;
      }
      retryTimer = setTimeout(connect, 1000 * failures);
    };
  };

  if (channel) {
    channel.onmessage = (event) => deliver(event.data);
    navigator.locks.request(`sc-events:${url}`, () => new Promise((release) => {
      releaseLeadership = release;
      if (closed) release();
      else connect();
    }));
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

function expectRerun(state) {
  state.inFlight = true;
  clearTimeout(state.inFlightTimer);
  // If the rerun never answers (lost in a reconnect), allow a new request after a while.
  state.inFlightTimer = setTimeout(() => {
    state.inFlight = false;
    askForNewerBoard(state);
  }, RERUN_TIMEOUT_MS);
}

function askForNewerBoard(state) {
  if (state.inFlight || state.dragging || !(state.wanted > state.drawnRevision)) return;
  expectRerun(state);
  // Counted on the element so tests (and curious people in devtools) can see how often we asked.
  state.root.dataset.rerunRequests = String(Number(state.root.dataset.rerunRequests || 0) + 1);
  state.setTriggerValue("changed", state.wanted);
}

function followPush(root, state, url) {
  if (state.stream?.url === url) return;
  state.stream?.close();
  state.stream = null;
  if (!url) return;
  state.stream = openRevisionStream(url, (message) => {
    if (message.giveUp) {
      state.stream?.close();
      state.stream = null;
      state.setTriggerValue("push_failed", message.giveUp);
      return;
    }
    if (typeof message.rev !== "number") return;
    state.wanted = Math.max(state.wanted || 0, message.rev);
    askForNewerBoard(state);
  });
}

// New data from Streamlit answers any rerun we asked for.
function noteNewData(state, revision) {
  if (revision >= state.wanted) {
    state.inFlight = false;
    clearTimeout(state.inFlightTimer);
  }
}

// The function a component returns: called before every re-run too, so close the stream only when
// the element is really gone from the page.
function closeStreamWhenDetached(root, state) {
  return () => {
    setTimeout(() => {
      if (!root.isConnected) {
        state.stream?.close();
        state.stream = null;
      }
    }, 0);
  };
}
