// Needs push.js, which board_component.py puts in front of this file.
// The shared board: zones drawn as a house (five pillars on a foundation) or a grid, with sticky notes.
// Streamlit Custom Components v2 calls this function again, on the same root, whenever `data` changes,
// so it is idempotent: it compares a signature of the data and rebuilds only when it differs.
// Untrusted text (notes, names) is only ever set with textContent, never innerHTML.

const DRAG_THRESHOLD_PX = 5;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function noteElement(note, data, isNew) {
  const card = el("article", `sc-note sc-party-${note.party}` + (isNew ? " sc-new" : ""));
  card.dataset.noteId = String(note.id);
  card.dataset.position = String(note.position);
  card.append(el("p", "sc-note-text", note.text));
  const footer = el("footer", "sc-note-author");
  footer.append(el("span", "sc-party-dot"));
  const party = data.labels.parties[note.party] || note.party;
  footer.append(el("span", "sc-author-name", `${note.author} · ${party}`));
  card.append(footer);
  if (data.can_drag) card.classList.add("sc-draggable");
  return card;
}

function zoneElement(zone, notes, data, seen) {
  const section = el("section", `sc-zone sc-zone-${zone.band || "plain"}`);
  section.dataset.zoneId = String(zone.id);
  section.dataset.zoneKey = zone.key;
  const header = el("header", "sc-zone-header");
  const title = el("h3", "sc-zone-title", zone.title);
  title.append(el("span", "sc-count", notes.length));
  header.append(title);
  if (zone.prompt) header.append(el("p", "sc-zone-prompt", zone.prompt));
  section.append(header);
  const list = el("div", "sc-notes");
  for (const note of notes) list.append(noteElement(note, data, seen && !seen.has(note.id)));
  if (!notes.length) list.append(el("p", "sc-empty", data.labels.empty));
  section.append(list);
  return section;
}

function render(root, data, state) {
  const byZone = new Map(data.zones.map((z) => [z.id, []]));
  for (const note of data.notes) byZone.get(note.zone_id)?.push(note);
  for (const list of byZone.values()) list.sort((a, b) => a.position - b.position || a.id - b.id);
  const seen = state.seen; // null on first draw: nothing is "new" then
  const zone = (z) => zoneElement(z, byZone.get(z.id), data, seen);

  const board = el("div", `sc-board-inner sc-layout-${data.layout}`);
  if (data.layout === "house") {
    board.append(el("div", "sc-roof", data.title));
    const pillars = el("div", "sc-band sc-pillars");
    pillars.setAttribute("aria-label", data.labels.pillars);
    data.zones.filter((z) => z.band === "pillar").forEach((z) => pillars.append(zone(z)));
    board.append(pillars);
    board.append(el("div", "sc-band-label", data.labels.foundation));
    const foundation = el("div", "sc-band sc-foundation");
    foundation.setAttribute("aria-label", data.labels.foundation);
    data.zones.filter((z) => z.band !== "pillar").forEach((z) => foundation.append(zone(z)));
    board.append(foundation);
  } else {
    board.append(el("h2", "sc-grid-title", data.title));
    const grid = el("div", "sc-band sc-grid");
    data.zones.forEach((z) => grid.append(zone(z)));
    board.append(grid);
  }
  if (data.can_drag) board.append(el("p", "sc-hint", data.labels.drag_hint));
  root.replaceChildren(board);
  root.dataset.revision = String(data.revision);
  state.seen = new Set(data.notes.map((n) => n.id));
}

// --- dragging (facilitator only) ----------------------------------------------------------------

function zoneAt(root, x, y) {
  for (const zone of root.querySelectorAll(".sc-zone")) {
    const r = zone.getBoundingClientRect();
    if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return zone;
  }
  return null;
}

// Index among `cards` before which a drop at (x, y) lands, in reading order.
function insertionIndex(cards, x, y) {
  for (let i = 0; i < cards.length; i++) {
    const r = cards[i].getBoundingClientRect();
    if (y < r.top) return i;
    if (y <= r.bottom && x < r.left + r.width / 2) return i;
  }
  return cards.length;
}

// A position between the neighbours' positions, so no other note has to move.
function positionBetween(before, after) {
  if (before === null && after === null) return 1;
  if (before === null) return after - 1;
  if (after === null) return before + 1;
  return (before + after) / 2;
}

function startDragging(root, state, card, event) {
  const rect = card.getBoundingClientRect();
  const placeholder = el("div", "sc-placeholder");
  placeholder.style.height = `${rect.height}px`;
  card.after(placeholder);
  card.classList.add("sc-dragging");
  card.style.width = `${rect.width}px`;
  state.dragging = {
    card, placeholder, offsetX: event.clientX - rect.left, offsetY: event.clientY - rect.top,
  };
}

function followPointer(root, state, event) {
  const drag = state.dragging;
  drag.card.style.left = `${event.clientX - drag.offsetX}px`;
  drag.card.style.top = `${event.clientY - drag.offsetY}px`;
  const zone = zoneAt(root, event.clientX, event.clientY);
  root.querySelectorAll(".sc-drop-target").forEach((z) => z.classList.remove("sc-drop-target"));
  if (!zone) return;
  zone.classList.add("sc-drop-target");
  const list = zone.querySelector(".sc-notes");
  const cards = [...list.querySelectorAll(".sc-note:not(.sc-dragging)")];
  const index = insertionIndex(cards, event.clientX, event.clientY);
  list.querySelector(".sc-empty")?.remove();
  if (index < cards.length) cards[index].before(drag.placeholder);
  else list.append(drag.placeholder);
}

function drop(root, state, event) {
  const drag = state.dragging;
  state.dragging = null;
  root.querySelectorAll(".sc-drop-target").forEach((z) => z.classList.remove("sc-drop-target"));
  const { card, placeholder } = drag;
  card.classList.remove("sc-dragging");
  card.style.left = card.style.top = card.style.width = "";
  const zone = zoneAt(root, event.clientX, event.clientY);
  if (zone && placeholder.isConnected) {
    // Optimistic: the note stays where it was dropped while Python stores the move.
    placeholder.replaceWith(card);
    const prev = card.previousElementSibling?.classList.contains("sc-note") ? card.previousElementSibling : null;
    const next = card.nextElementSibling?.classList.contains("sc-note") ? card.nextElementSibling : null;
    const position = positionBetween(
      prev ? Number(prev.dataset.position) : null, next ? Number(next.dataset.position) : null,
    );
    card.dataset.position = String(position);
    expectRerun(state); // the move reruns the board: no second rerun for the revision it causes
    state.setTriggerValue("move", {
      note_id: Number(card.dataset.noteId), zone_id: Number(zone.dataset.zoneId), position,
    });
  } else {
    placeholder.remove();
  }
  // A redraw that arrived mid-drag was held back; apply the newest one now.
  if (state.pending) {
    const pending = state.pending;
    state.pending = null;
    state.signature = JSON.stringify(pending);
    render(root, pending, state);
    state.drawnRevision = pending.revision;
  }
}

function installDragging(root, state) {
  if (state.dragInstalled) return;
  state.dragInstalled = true;
  let press = null;
  root.addEventListener("pointerdown", (event) => {
    const card = event.target.closest?.(".sc-note.sc-draggable");
    if (!card || event.button !== 0) return;
    press = { card, x: event.clientX, y: event.clientY, pointerId: event.pointerId };
    card.setPointerCapture?.(event.pointerId);
    event.preventDefault();
  });
  root.addEventListener("pointermove", (event) => {
    if (!press) return;
    if (!state.dragging) {
      if (Math.hypot(event.clientX - press.x, event.clientY - press.y) < DRAG_THRESHOLD_PX) return;
      startDragging(root, state, press.card, event);
    }
    followPointer(root, state, event);
  });
  const finish = (event) => {
    if (!press) return;
    press = null;
    if (state.dragging) drop(root, state, event);
  };
  root.addEventListener("pointerup", finish);
  root.addEventListener("pointercancel", finish);
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(".sc-board");
  if (!root) {
    root = el("div", "sc-board");
    parentElement.append(root);
  }
  // State lives on the root element: this function runs again, on the same root, for every new data.
  const state = root.__scState || (root.__scState = {
    signature: null, seen: null, dragging: null, pending: null, drawnRevision: -1, wanted: -1, inFlight: false,
  });
  state.setTriggerValue = setTriggerValue;
  state.root = root;
  if (!data) return undefined;
  if (data.can_drag) installDragging(root, state);
  followPush(root, state, data.push_url || null);
  noteNewData(state, data.revision);
  // Never redraw under the user's hand: keep the newest data and apply it on drop.
  if (state.dragging) {
    state.pending = data;
  } else {
    const signature = JSON.stringify(data);
    if (signature !== state.signature) {
      state.signature = signature;
      render(root, data, state);
    }
    state.drawnRevision = data.revision;
  }
  askForNewerBoard(state);
  return closeStreamWhenDetached(root, state);
}
