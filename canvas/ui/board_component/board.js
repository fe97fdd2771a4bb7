// Needs push.js, which board_component.py puts in front of this file.
// The shared board: zones drawn as a house (five pillars on a foundation) or a grid, with sticky notes.
// Views come from two places: Streamlit's `data` (the first drawing, and every drawing when the server
// polls) and the live channel (every change, drawn here without a rerun). The newest revision wins.
// Streamlit Custom Components v2 calls this function again, on the same root, whenever `data` changes.
// Untrusted text (notes, names) is only ever set with textContent, never innerHTML.

const DRAG_THRESHOLD_PX = 5;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

// A label from board_view with its {placeholders} filled in.
function fill(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// --- drawing -------------------------------------------------------------------------------------
// The zones are built once per structure (canvas, zones, labels); notes are keyed by id and updated in
// place, so a new note adds one element and every other note keeps its element and its place on screen.

function structureKey(view, state) {
  // can_drag is the page's (state.canDrag), not the board's: Streamlit's data has it, the channel's not.
  // Whatever changes while the board stands (notes, counts, the status line) is left out: drawn in place.
  // A new field of that kind (a timer, vote totals) must be left out here too, or every tick rebuilds the board.
  // A zone opened on the console (zone.open) is followed in place too (followOpenZones).
  const { notes, revision, signature, counts, status, can_drag, zones, ...structure } = view;
  const zoneShapes = zones.map(({ open, ...zone }) => zone);
  return JSON.stringify({ structure, zones: zoneShapes, canDrag: state.canDrag });
}

function zoneElement(zone, view, state) {
  // A named region per zone (its heading's name, not the count), so a screen reader can list and jump to them.
  const section = el("section", `sc-zone sc-zone-${zone.band || "plain"}`);
  section.dataset.zoneId = String(zone.id);
  section.dataset.zoneKey = zone.key;
  section.setAttribute("role", "region");
  const header = el("header", "sc-zone-header");
  const title = el("h3", "sc-zone-title");
  const name = el("span", "sc-zone-name", zone.title);
  name.id = `sc-zone-name-${zone.id}`;
  section.setAttribute("aria-labelledby", name.id);
  // The count: a number to the eye, "3 notities" to a screen reader (not "Gedeelde doelen3").
  const count = el("span", "sc-count");
  const countNumber = el("span", null, "0");
  countNumber.setAttribute("aria-hidden", "true");
  const countWords = el("span", "sc-sr-only");
  count.append(countNumber, countWords);
  title.append(name, " ", count); // the space keeps "Bestuur 3 notities" two words when read aloud
  header.append(title);
  if (zone.prompt) header.append(el("p", "sc-zone-prompt", zone.prompt));
  section.append(header);
  const empty = el("p", "sc-empty", view.labels.empty_zone);
  const list = el("div", "sc-notes");
  list.id = `sc-notes-${zone.id}`;
  // "+ 7 meer" when the zone's notes do not all fit (see fitZone): on the console a button that opens the
  // zone, on the presentation plain text.
  const more = el(state.canDrag ? "button" : "p", "sc-more");
  more.hidden = true;
  if (state.canDrag) {
    more.type = "button";
    more.setAttribute("aria-controls", list.id);
    more.setAttribute("aria-expanded", "false");
    more.addEventListener("click", () => toggleZone(state, zone.id, undefined, true));
  }
  section.append(empty, list, more);
  state.zoneParts.set(zone.id, { list, count, countNumber, countWords, empty, more, title: zone.title, section });
  return section;
}

function buildSkeleton(root, view, state) {
  state.zoneParts = new Map();
  state.noteEls = new Map();
  state.zoneOfCard = new WeakMap();
  state.sharedOpen = new Set();
  const zone = (z) => zoneElement(z, view, state);
  // The canvas is a region named by its title (the roof of the house, or the grid's heading).
  const board = el("section", `sc-board-inner sc-layout-${view.layout}`);
  board.setAttribute("aria-labelledby", "sc-canvas-title");
  // The top line: a slot for the session's status (phase, timer: `view.status`, empty until the facilitation
  // work fills it) and the counts. One line, always there, so filling it moves nothing below.
  const topline = el("div", "sc-topline");
  state.statusEl = el("p", "sc-status");
  state.countsEl = el("p", "sc-counts");
  topline.append(state.statusEl, state.countsEl);
  board.append(topline);
  if (view.layout === "house") {
    const roof = el("h2", "sc-roof", view.title);
    roof.id = "sc-canvas-title";
    board.append(roof);
    const pillars = el("div", "sc-band sc-pillars");
    pillars.setAttribute("role", "group");
    pillars.setAttribute("aria-label", view.labels.pillars);
    view.zones.filter((z) => z.band === "pillar").forEach((z) => pillars.append(zone(z)));
    board.append(pillars);
    const foundationLabel = el("div", "sc-band-label", view.labels.foundation);
    foundationLabel.setAttribute("aria-hidden", "true"); // the group below carries the same name
    board.append(foundationLabel);
    const foundation = el("div", "sc-band sc-foundation");
    foundation.setAttribute("role", "group");
    foundation.setAttribute("aria-label", view.labels.foundation);
    view.zones.filter((z) => z.band !== "pillar").forEach((z) => foundation.append(zone(z)));
    board.append(foundation);
  } else {
    const heading = el("h2", "sc-grid-title", view.title);
    heading.id = "sc-canvas-title";
    board.append(heading);
    const grid = el("div", "sc-band sc-grid");
    view.zones.forEach((z) => grid.append(zone(z)));
    board.append(grid);
  }
  if (state.canDrag) {
    // While discussing, the votes order each zone (the phase is part of the structure: the hint follows it).
    const drag = ranked(view) ? view.labels.discuss_hint : view.labels.drag_hint;
    const hint = el("p", "sc-hint", `${drag} ${view.labels.keyboard_hint}`);
    hint.id = "sc-move-hint";
    board.append(hint);
  }
  stageOf(root).replaceChildren(board);
  if (state.canDrag) stageOf(root).append(moveDialog(root, view, state));
}

// The root holds the live region (which must stay the same element to be heard) and the stage, which is
// redrawn when the structure changes.
function stageOf(root) {
  let stage = root.querySelector(":scope > .sc-stage");
  if (!stage) {
    const live = el("div", "sc-live sc-sr-only");
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    live.dataset.announcements = "0";
    stage = el("div", "sc-stage");
    root.replaceChildren(live, stage);
  }
  return stage;
}

function noteElement(note, view, state) {
  const card = el("article", "sc-note");
  card.dataset.noteId = String(note.id);
  // A group's name above the text and the note's dots in its corner (voting, discussion); empty otherwise.
  card.append(el("p", "sc-note-group"), el("p", "sc-note-text"), el("span", "sc-note-votes"));
  const footer = el("footer", "sc-note-author");
  footer.append(el("span", "sc-party-dot"), el("span", "sc-author-name"));
  card.append(footer);
  if (state.canDrag) {
    // Keyboard moving: every note can take focus (one tab stop per zone, see rovingTabStops) and says how.
    card.classList.add("sc-draggable");
    card.tabIndex = -1;
    card.setAttribute("aria-describedby", "sc-move-hint");
  }
  return card;
}

function updateNote(card, note, view, zoneTitle) {
  const party = view.labels.parties[note.party] || note.party;
  // No badge for no dots: a board full of zeros hides the few notes that got them.
  const votes = note.votes ? String(note.votes) : "";
  const group = note.cluster ? fill(view.labels.group, { name: note.cluster }) : "";
  const content = `${note.text}\u0000${note.author}\u0000${party}\u0000${zoneTitle}\u0000${votes}\u0000${group}`;
  card.dataset.position = String(note.position);
  card.dataset.zoneId = String(note.zone_id);
  if (card.__content === content) return false;
  card.__content = content;
  card.className = card.className.replace(/\bsc-party-\S+/g, "").trim() + ` sc-party-${note.party}`;
  card.querySelector(".sc-note-text").textContent = note.text;
  card.querySelector(".sc-author-name").textContent = `${note.author} · ${party}`;
  card.querySelector(".sc-note-group").textContent = group;
  const badge = card.querySelector(".sc-note-votes");
  badge.textContent = votes;
  badge.setAttribute("aria-hidden", "true"); // said in the note's name below
  const dots = votes === "" ? "" : `, ${fill(view.labels.dots, { count: votes })}`;
  const grouped = group ? `, ${group}` : "";
  card.setAttribute(
    "aria-label",
    fill(view.labels.note_name, { text: note.text, author: note.author, party, zone: zoneTitle }) + grouped + dots,
  );
  return true;
}

function draw(root, view, state) {
  // Moving an element takes its focus away: remember which note had it, and give it back afterwards.
  const focusedId = focusedNoteId(root);
  const key = structureKey(view, state);
  // Notes drawn with a new structure (the first drawing, another canvas) are not "new": only a note that
  // arrives on the board as it stands gets the arrival highlight.
  const firstDraw = key !== state.structure;
  if (key !== state.structure) {
    state.structure = key;
    buildSkeleton(root, view, state);
  }
  const byZone = new Map(view.zones.map((z) => [z.id, []]));
  const zoneData = new Map(view.zones.map((z) => [z.id, z]));
  for (const note of view.notes) byZone.get(note.zone_id)?.push(note);
  const present = new Set();
  const arrivals = [];
  // The zones whose notes changed (added, removed, moved, edited): only these are fitted again.
  const changed = new Set(firstDraw ? byZone.keys() : []);
  // Of those, the zones that only got new notes at their end (the usual change): see fitZone.
  const reshaped = new Set(changed);
  for (const [zoneId, notes] of byZone) {
    notes.sort((a, b) => a.position - b.position || a.id - b.id);
    const parts = state.zoneParts.get(zoneId);
    const { list, empty } = parts;
    const before = list.children.length;
    notes.forEach((note, index) => {
      let card = state.noteEls.get(note.id);
      const created = !card;
      if (!card) {
        card = noteElement(note, view, state);
        card.__arrived = !firstDraw;
        state.noteEls.set(note.id, card);
        if (!firstDraw) {
          card.classList.add("sc-new"); // a note that arrived while the board was up
          arrivals.push(parts.title);
        }
      }
      if (updateNote(card, note, view, parts.title)) {
        changed.add(zoneId);
        if (!created) reshaped.add(zoneId); // an edit: its size may change
      }
      present.add(note.id);
      // Move an element only when it is not already in its place: unchanged notes are not touched.
      const here = list.children[index];
      if (here !== card) {
        list.insertBefore(card, here || null);
        changed.add(zoneId);
        if (!created || index < before) reshaped.add(zoneId); // not simply added at the end
        const from = state.zoneOfCard.get(card);
        if (from !== undefined && from !== zoneId) reshaped.add(from); // it left that zone
      }
      state.zoneOfCard.set(card, zoneId);
    });
    // While everyone writes privately the zone says how many notes are in, never what they say.
    const hidden = zoneData.get(zoneId)?.private || 0;
    setCount(parts, notes.length + hidden, view);
    empty.textContent = hidden ? fill(view.labels.private_count, { count: hidden }) : view.labels.empty_zone;
    empty.classList.toggle("sc-private", hidden > 0);
    const emptyHidden = notes.length > 0 && !hidden;
    if (empty.hidden !== emptyHidden) reshaped.add(zoneId);
    empty.hidden = emptyHidden;
    if (parts.noteCount !== list.children.length) changed.add(zoneId);
    parts.noteCount = list.children.length;
  }
  for (const [id, card] of state.noteEls) {
    if (!present.has(id)) {
      const zoneId = state.zoneOfCard.get(card);
      if (zoneId !== undefined) reshaped.add(zoneId);
      card.remove();
      state.noteEls.delete(id);
      state.zoneOfCard.delete(card);
    }
  }
  // Whatever is left past the zone's notes (a placeholder of a cancelled drag) goes too.
  for (const [zoneId, { list }] of state.zoneParts) {
    if (list.children.length === (byZone.get(zoneId)?.length ?? 0)) continue;
    for (const child of [...list.children]) if (!present.has(Number(child.dataset.noteId))) child.remove();
    reshaped.add(zoneId);
  }
  for (const zoneId of reshaped) changed.add(zoneId);
  state.countsEl.textContent = view.counts;
  state.statusEl.textContent = view.status || "";
  state.view = view;
  followOpenZones(state, view, reshaped);
  for (const zoneId of reshaped) changed.add(zoneId);
  fitZones(root, state, changed, reshaped);
  noteArrivals(root, state, arrivals);
  if (state.canDrag) {
    for (const { list } of state.zoneParts.values()) rovingTabStops(list);
    const card = state.noteEls.get(focusedId);
    if (card && focusedNoteId(root) !== focusedId) card.focus({ preventScroll: true });
  }
  state.drawn = view.revision;
  root.dataset.revision = String(view.revision);
  root.dataset.phase = view.phase || "open";
  root.dataset.canvasId = String(view.canvas_id);
}

// Draw `view` unless something newer is already on screen; never under the facilitator's hand.
function offer(root, state, view) {
  if (!view || state.closed) return;
  if (state.dragging) {
    if (!state.pending || view.revision >= state.pending.revision) state.pending = view;
    root.dataset.heldRevision = String(state.pending.revision); // shown after the drop (tests read it)
    return;
  }
  delete root.dataset.heldRevision;
  const sameStructure = structureKey(view, state) === state.structure;
  if (view.revision < state.drawn || (view.revision === state.drawn && sameStructure)) return;
  draw(root, view, state);
}

// The page's language follows the board's UI language, so a screen reader pronounces Dutch as Dutch. The
// element lives in the page itself (Custom Components v2: a shadow root, no iframe); should it ever sit in a
// same-origin iframe, the top page is the one to set.
function setPageLanguage(root, language) {
  if (!language) return;
  root.lang = language;
  let page = root.ownerDocument;
  try {
    if (window.parent !== window && window.parent.document) page = window.parent.document;
  } catch (_error) {
    // another origin: only our own document
  }
  if (page.documentElement.lang !== language) page.documentElement.lang = language;
}

function showClosed(root, state, text) {
  state.closed = true;
  root.replaceChildren(el("p", "sc-closed", text));
  root.dataset.closed = "true";
}

function setCount(parts, count, view) {
  parts.countNumber.textContent = String(count);
  parts.countWords.textContent = count === 1 ? view.labels.count_one : fill(view.labels.count_many, { count });
}

// --- announcements ---------------------------------------------------------------------------------
// One polite live region for the whole board. New notes are gathered and told as one sentence ("3 nieuwe
// notities in Bestuur"): at most one announcement per ANNOUNCE_EVERY_MS, and a burst is waited out for
// GATHER_MS first, so a screen reader is not interrupted on every note.
const ANNOUNCE_EVERY_MS = 5000;
const GATHER_MS = 1200;

function speak(root, text) {
  const region = root.querySelector(":scope > .sc-live");
  if (!region) return;
  region.textContent = text;
  region.dataset.announcements = String(Number(region.dataset.announcements || 0) + 1);
}

// Say `text` now (a keyboard move's result, or a gathered summary of arrivals).
function announce(root, state, text) {
  state.lastSpoken = Date.now();
  speak(root, text);
}

function noteArrivals(root, state, zoneTitles) {
  if (!zoneTitles.length) return;
  state.arrivals = (state.arrivals || []).concat(zoneTitles);
  if (state.arrivalTimer) return;
  const wait = Math.max(GATHER_MS, (state.lastSpoken || 0) + ANNOUNCE_EVERY_MS - Date.now());
  state.arrivalTimer = setTimeout(() => {
    const arrived = state.arrivals;
    state.arrivals = [];
    state.arrivalTimer = null;
    const labels = state.view.labels;
    const zones = [...new Set(arrived)];
    const text = arrived.length === 1
      ? fill(labels.announce_one, { zone: zones[0] })
      : fill(labels.announce_many, { count: arrived.length, zones: zones.join(", ") });
    announce(root, state, text);
  }, wait);
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

// While a canvas is discussed, board_view orders each zone by votes and sends ranks as positions. A move
// then only changes a note's zone (Python stores it at the end of that zone's own order, see
// board_view.move_to_store); within its zone a note keeps the place its votes give it.
function ranked(view) {
  return view?.phase === "discuss";
}

function sameZoneWhileRanked(state, card, zoneId) {
  return ranked(state.view) && Number(card.dataset.zoneId) === Number(zoneId);
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
  zone.querySelector(".sc-empty").hidden = true;
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
  if (zone && sameZoneWhileRanked(state, card, zone.dataset.zoneId)) {
    placeholder.remove(); // the card never left its place in the DOM: it is back where the votes put it
  } else if (zone && placeholder.isConnected) {
    // Optimistic: the note stays where it was dropped while Python stores the move.
    placeholder.replaceWith(card);
    const prev = card.previousElementSibling?.classList.contains("sc-note") ? card.previousElementSibling : null;
    const next = card.nextElementSibling?.classList.contains("sc-note") ? card.nextElementSibling : null;
    const position = positionBetween(
      prev ? Number(prev.dataset.position) : null, next ? Number(next.dataset.position) : null,
    );
    card.dataset.position = String(position);
    state.setTriggerValue("move", {
      note_id: Number(card.dataset.noteId), zone_id: Number(zone.dataset.zoneId), position,
    });
  } else {
    placeholder.remove();
  }
  // A redraw that arrived mid-drag was held back; apply the newest one now.
  const pending = state.pending;
  state.pending = null;
  if (pending) offer(root, state, pending);
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
    const pressed = press.card;
    press = null;
    if (state.dragging) drop(root, state, event);
    // WCAG 2.5.7: a tap (pressed and let go without dragging) opens "Verplaats naar…", the keyboard's dialog,
    // where a zone and a place are chosen with taps alone.
    else if (event.type === "pointerup" && pressed.isConnected && state.moveDialog) {
      openMoveDialog(root, state, pressed);
    }
  };
  root.addEventListener("pointerup", finish);
  root.addEventListener("pointercancel", finish);
}

// --- fitting the screen -------------------------------------------------------------------------------
// On a wide screen (the presentation and the console) the board has a fixed size: the presentation fills
// the viewport below its header, the console about one screen. Zones get fixed shares of it (CSS), so a new
// note never moves a zone. Inside a zone, notes first shrink (.sc-dense: the minimum legible size on the
// projector) and then fold: the last notes in the zone's order are hidden behind "+ N meer". Folding from
// the end keeps the facilitator's order and keeps every shown note where it was when another one arrives.
// On a phone the board is one column that scrolls, and every note is shown.
const WIDE_SCREEN = "(min-width: 701px)";
const BOTTOM_GAP_PX = 8;
const CONSOLE_BOARD_SHARE = 0.92;

function isWide() {
  return window.matchMedia(WIDE_SCREEN).matches;
}

function sizeToViewport(root, state) {
  if (!state.fit || !isWide()) {
    root.style.height = "";
    return;
  }
  let height;
  if (state.canDrag) {
    height = window.innerHeight * CONSOLE_BOARD_SHARE;
  } else {
    const top = root.getBoundingClientRect().top + window.scrollY;
    height = window.innerHeight - top - BOTTOM_GAP_PX;
  }
  root.style.height = `${Math.max(320, Math.floor(height))}px`;
}

function overflowing(list) {
  return list.scrollHeight > list.clientHeight + 1;
}

// The type steps a zone's notes may take, largest first. The presentation's come from
// canvas/projector_type.py (FIT_LEVELS: the note text and the lines beside it, px at 1920 wide); the console
// has two: its own size and, crowded, a smaller one (.sc-dense).
function levelCount(state) {
  return state.levels?.length || 2;
}

function setLevel(state, parts, level) {
  parts.level = level;
  parts.section.dataset.fit = String(level);
  parts.list.classList.toggle("sc-dense", level > 0 && level === levelCount(state) - 1);
  const size = state.levels?.[level];
  if (size) {
    parts.section.style.setProperty("--sc-note-px", String(size.note_text));
    parts.section.style.setProperty("--sc-small-px", String(size.secondary));
  }
}

// Fit one zone: the largest type at which all its notes fit, else the smallest with the rest folded into
// "+ N meer". Each size tried costs one layout of this zone (a handful of sizes, whatever the board holds);
// the fold itself reads every card's place in one go (fold), never a layout per card.
function fitZone(state, zoneId, parts, grown = false) {
  const { list, more, section } = parts;
  const cards = notesOf(list);
  const opened = state.openZones.has(zoneId);
  if (grown && parts.folded > 0 && !opened && state.fit && isWide()) {
    // The zone already folds and only got notes at its end: they go behind the fold, with no layout.
    const first = cards.findIndex((card) => card.hidden);
    for (let i = first; i < cards.length; i++) cards[i].hidden = true;
    parts.folded = cards.length - first;
    more.textContent = fill(state.view.labels.more, { count: parts.folded });
    if (cards.some((card) => card.hidden && card.__arrived)) more.classList.add("sc-new");
    return;
  }
  // A zone that only got notes never takes a larger size than it had: start at its own.
  const start = grown ? Math.min(parts.level || 0, levelCount(state) - 1) : 0;
  section.classList.toggle("sc-open", opened && state.fit && isWide());
  for (const card of cards) card.hidden = false;
  section.classList.remove("sc-crowded", "sc-packed");
  more.hidden = true;
  more.classList.remove("sc-new");
  parts.folded = 0;
  if (!state.fit || !isWide() || !cards.length) {
    setLevel(state, parts, 0);
    return;
  }
  const labels = state.view.labels;
  const onConsole = state.canDrag;
  if (opened && onConsole) {
    // Opened on the console: every note, the zone scrolls; the button folds it again (here and on the
    // presentation, which shows the zone over the whole board while it is open).
    more.hidden = false;
    more.textContent = labels.fewer;
    more.setAttribute("aria-expanded", "true");
  }
  for (let level = start; level < levelCount(state); level++) {
    setLevel(state, parts, level);
    if (!overflowing(list)) return;
  }
  if (opened && onConsole) return;
  // Crowded: the zone's question in at most two lines.
  section.classList.add("sc-crowded");
  if (!overflowing(list)) return;
  more.hidden = false;
  more.textContent = fill(labels.more, { count: cards.length }); // holds the line while we measure
  let folded = fold(list, cards);
  if (folded === cards.length) {
    // Not even one note fits under the question: the question makes way (it is on every phone too).
    section.classList.add("sc-packed");
    for (const card of cards) card.hidden = false;
    folded = fold(list, cards);
  }
  parts.folded = folded;
  more.textContent = fill(labels.more, { count: folded });
  if (onConsole) more.setAttribute("aria-expanded", "false"); // a button on the console only
  // A note that arrived behind the fold: the "+ N meer" lights up instead.
  if (cards.some((card) => card.hidden && card.__arrived)) more.classList.add("sc-new");
}

// Hide the notes from the first that does not fit to the end; how many were hidden. Every place is read in
// one go before anything is hidden, so this costs one layout whatever the number of notes. Hiding a note
// only ever makes the ones before it narrower-or-equal in height (a row's others widen), so the rest fits.
function fold(list, cards) {
  const bottom = list.getBoundingClientRect().bottom + 1;
  const first = cards.findIndex((card) => card.getBoundingClientRect().bottom > bottom);
  if (first < 0) return 0;
  for (let i = first; i < cards.length; i++) cards[i].hidden = true;
  return cards.length - first;
}

// Fit the zones in `only` (the zones a redraw changed), or every zone (a new size of the window, the font).
// Zones in `only` but not in `reshaped` only got new notes at their end.
function fitZones(root, state, only, reshaped) {
  if (!state.zoneParts) return;
  sizeToViewport(root, state);
  let fitted = 0;
  let folded = 0;
  for (const [zoneId, parts] of state.zoneParts) {
    if (!only || only.has(zoneId)) {
      fitZone(state, zoneId, parts, Boolean(only && reshaped && !reshaped.has(zoneId)));
      fitted += 1;
      if (state.canDrag) rovingTabStops(parts.list);
    }
    folded += parts.folded || 0;
  }
  for (const card of state.noteEls.values()) card.__arrived = false;
  root.dataset.folded = String(folded);
  root.dataset.fittedZones = String(fitted); // how many zones the last drawing fitted (tests read it)
}

// The zones the facilitator opened on a console ("+ N meer") travel with the view (zone.open): the
// presentation opens them too, and every console follows a change made on another.
function followOpenZones(state, view, changed) {
  const shared = new Set(view.zones.filter((zone) => zone.open).map((zone) => zone.id));
  const before = state.sharedOpen || new Set();
  for (const id of new Set([...shared, ...before])) {
    if (shared.has(id) === before.has(id) || !state.zoneParts.has(id)) continue;
    if (shared.has(id)) state.openZones.add(id);
    else state.openZones.delete(id);
    changed.add(id);
  }
  state.sharedOpen = shared;
}

function toggleZone(state, zoneId, open, share = false) {
  const parts = state.zoneParts.get(zoneId);
  const opening = open ?? !state.openZones.has(zoneId);
  if (opening) state.openZones.add(zoneId);
  else state.openZones.delete(zoneId);
  fitZone(state, zoneId, parts);
  rovingTabStops(parts.list);
  if (share) state.setTriggerValue("open_zone", { zone_id: zoneId, open: opening });
}

function installFitting(root, state) {
  if (state.fittingInstalled) return;
  state.fittingInstalled = true;
  let frame = 0;
  const refit = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => fitZones(root, state));
  };
  window.addEventListener("resize", refit);
  document.fonts?.ready.then(refit); // sizes measured before the web font arrived are wrong
  // The page above the board can change height after the board was fitted (the QR code's image loads, a
  // control appears): then the board's top moves, and it is fitted again. Streamlit's page has a fixed
  // height and scrolls inside, so watch the block that holds the page's content, not the body.
  if (typeof ResizeObserver !== "undefined") {
    const host = root.getRootNode().host || root;
    const page = host.closest?.("[data-testid=stMainBlockContainer], .stMainBlockContainer") || document.body;
    let lastTop = null;
    new ResizeObserver(() => {
      const top = root.getBoundingClientRect().top + window.scrollY;
      if (lastTop !== null && Math.abs(top - lastTop) < 1) return;
      lastTop = top;
      refit();
    }).observe(page);
  }
}

function setTypeScale(root, sizes) {
  root.classList.toggle("sc-present", Boolean(sizes));
  for (const [name, px] of Object.entries(sizes || {})) root.style.setProperty(`--sc-fs-${name}`, String(px));
}

// --- moving with the keyboard (facilitator only) --------------------------------------------------
// WCAG 2.1.1 and 2.5.7: everything a drag does can be done without one. Each zone is one tab stop (its
// last-focused note); the arrow keys go from note to note; Enter or Space opens "Move to…" (zone and place);
// Alt with an arrow moves the note one place up or down, or to the zone before or after. A move goes out as
// the same "move" trigger as a drop, so Python stores it the same way.

function focusedNoteId(root) {
  const active = root.getRootNode().activeElement;
  return active?.classList?.contains("sc-note") && root.contains(active) ? Number(active.dataset.noteId) : null;
}

function notesOf(list, except) {
  return [...list.children].filter((child) => child.classList.contains("sc-note") && child !== except);
}

// Exactly one note per zone is in the tab order: the one focused last, or else the first.
function rovingTabStops(list, current) {
  const cards = notesOf(list).filter((card) => !card.hidden);
  const stop = current && cards.includes(current) ? current : cards.find((c) => c.tabIndex === 0) || cards[0];
  for (const card of notesOf(list)) card.tabIndex = card === stop ? 0 : -1;
}

function zoneListOf(state, zoneId) {
  return state.zoneParts.get(zoneId)?.list;
}

// Put `card` at `index` among the other notes of zone `zoneId`, at once (optimistic, like a drop), and ask
// Python to store it. Focus stays on the note.
function moveCard(root, state, card, zoneId, index) {
  if (sameZoneWhileRanked(state, card, zoneId)) {
    card.focus({ preventScroll: false });
    announce(root, state, state.view.labels.discuss_hint);
    return;
  }
  const list = zoneListOf(state, zoneId);
  const others = notesOf(list, card);
  const before = others[index - 1] || null;
  const after = others[index] || null;
  const position = positionBetween(
    before ? Number(before.dataset.position) : null, after ? Number(after.dataset.position) : null,
  );
  const fromList = card.parentElement;
  list.insertBefore(card, after);
  card.dataset.position = String(position);
  card.dataset.zoneId = String(zoneId);
  for (const changed of new Set([fromList, list])) {
    rovingTabStops(changed, changed === list ? card : null);
    const parts = [...state.zoneParts.values()].find((p) => p.list === changed);
    if (parts) {
      const count = notesOf(changed).length;
      parts.empty.hidden = count > 0;
      setCount(parts, count, state.view);
    }
  }
  fitZones(root, state);
  if (card.hidden) toggleZone(state, zoneId, true);
  card.focus({ preventScroll: false });
  const labels = state.view.labels;
  announce(root, state, fill(labels.moved, {
    zone: state.zoneParts.get(zoneId).title, place: index + 1, count: others.length + 1,
  }));
  state.setTriggerValue("move", { note_id: Number(card.dataset.noteId), zone_id: zoneId, position });
}

function zoneOrder(state) {
  return [...state.zoneParts.keys()];
}

function onNoteKey(root, state, event) {
  const card = event.target.closest?.(".sc-note.sc-draggable");
  if (!card || state.dragging) return;
  const list = card.parentElement;
  const cards = notesOf(list);
  const index = cards.indexOf(card);
  const zoneId = Number(card.dataset.zoneId);
  const visible = cards.filter((c) => !c.hidden);
  const at = visible.indexOf(card);
  const focusNote = (target) => {
    if (!target) return;
    rovingTabStops(list, target);
    target.focus();
  };
  const key = event.key;
  if (event.altKey && key.startsWith("Arrow")) {
    const zones = zoneOrder(state);
    const here = zones.indexOf(zoneId);
    if (key === "ArrowUp" && index > 0) moveCard(root, state, card, zoneId, index - 1);
    else if (key === "ArrowDown" && index < cards.length - 1) moveCard(root, state, card, zoneId, index + 1);
    else if (key === "ArrowLeft" && here > 0) {
      moveCard(root, state, card, zones[here - 1], notesOf(zoneListOf(state, zones[here - 1])).length);
    } else if (key === "ArrowRight" && here < zones.length - 1) {
      moveCard(root, state, card, zones[here + 1], notesOf(zoneListOf(state, zones[here + 1])).length);
    } else return;
  } else if (key === "Enter" || key === " ") {
    openMoveDialog(root, state, card);
  } else if (key === "ArrowUp" || key === "ArrowLeft") {
    focusNote(visible[at - 1]);
  } else if (key === "ArrowDown" || key === "ArrowRight") {
    focusNote(visible[at + 1]);
  } else if (key === "Home") {
    focusNote(visible[0]);
  } else if (key === "End") {
    focusNote(visible[visible.length - 1]);
  } else return;
  event.preventDefault();
}

function moveDialog(root, view, state) {
  const labels = view.labels;
  const dialog = el("dialog", "sc-move-dialog");
  dialog.setAttribute("aria-labelledby", "sc-move-title");
  const form = el("form");
  form.method = "dialog";
  const title = el("h2", "sc-move-title", labels.move_title);
  title.id = "sc-move-title";
  const subject = el("p", "sc-move-subject");
  const field = (id, text) => {
    const label = el("label", "sc-move-label", text);
    label.htmlFor = id;
    const select = el("select", "sc-move-select");
    select.id = id;
    return [label, select];
  };
  const [zoneLabel, zoneSelect] = field("sc-move-zone", labels.move_zone);
  const [placeLabel, placeSelect] = field("sc-move-place", labels.move_place);
  const buttons = el("div", "sc-move-buttons");
  const confirm = el("button", "sc-button sc-button-primary", labels.move_confirm);
  confirm.type = "submit";
  confirm.value = "move";
  const cancel = el("button", "sc-button", labels.move_cancel);
  cancel.type = "button";
  buttons.append(confirm, cancel);
  form.append(title, subject, zoneLabel, zoneSelect, placeLabel, placeSelect, buttons);
  dialog.append(form);
  for (const [zoneId, parts] of state.zoneParts) {
    const option = el("option", null, parts.title);
    option.value = String(zoneId);
    zoneSelect.append(option);
  }
  const fillPlaces = () => {
    const card = state.moving;
    const others = notesOf(zoneListOf(state, Number(zoneSelect.value)), card);
    const options = [["first", labels.move_first]];
    for (const other of others.slice(0, -1)) {
      const text = other.querySelector(".sc-note-text").textContent;
      options.push([`after:${other.dataset.noteId}`, fill(labels.move_after, { text: shorten(text, 48) })]);
    }
    if (others.length) options.push(["last", labels.move_last]);
    placeSelect.replaceChildren(...options.map(([value, text]) => {
      const option = el("option", null, text);
      option.value = value;
      return option;
    }));
    // Same zone: start on the note's own place; another zone: at the bottom.
    const sameZone = card && Number(card.dataset.zoneId) === Number(zoneSelect.value);
    const own = sameZone ? notesOf(card.parentElement).indexOf(card) : others.length;
    placeSelect.selectedIndex = Math.min(own, placeSelect.options.length - 1);
    // While discussing the votes give the place: only the zone is chosen.
    placeLabel.hidden = placeSelect.hidden = ranked(state.view);
  };
  zoneSelect.addEventListener("change", fillPlaces);
  cancel.addEventListener("click", () => dialog.close("cancel"));
  dialog.addEventListener("close", () => {
    const card = state.moving;
    state.moving = null;
    if (!card?.isConnected) return;
    if (dialog.returnValue !== "move") {
      card.focus();
      return;
    }
    const zoneId = Number(zoneSelect.value);
    const others = notesOf(zoneListOf(state, zoneId), card);
    const place = placeSelect.value;
    let index = others.length;
    if (place === "first") index = 0;
    else if (place.startsWith("after:")) {
      const after = others.findIndex((c) => c.dataset.noteId === place.slice(6));
      index = after >= 0 ? after + 1 : others.length;
    }
    moveCard(root, state, card, zoneId, index);
  });
  state.moveDialog = { dialog, zoneSelect, subject, fillPlaces };
  return dialog;
}

function shorten(text, length) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

function openMoveDialog(root, state, card) {
  const { dialog, zoneSelect, subject, fillPlaces } = state.moveDialog;
  state.moving = card;
  subject.textContent = shorten(card.querySelector(".sc-note-text").textContent, 80);
  zoneSelect.value = card.dataset.zoneId;
  fillPlaces();
  dialog.returnValue = "";
  dialog.showModal();
  zoneSelect.focus();
}

function installKeyboard(root, state) {
  if (state.keyboardInstalled) return;
  state.keyboardInstalled = true;
  root.addEventListener("keydown", (event) => {
    if (event.target.closest?.("dialog")) return;
    onNoteKey(root, state, event);
  });
  root.addEventListener("focusin", (event) => {
    const card = event.target.closest?.(".sc-note.sc-draggable");
    if (card?.parentElement) rovingTabStops(card.parentElement, card);
  });
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
    drawn: -1, dragging: null, pending: null, rendered: { rev: -1, sig: null }, stream: null, follow: "structure",
  });
  state.setTriggerValue = setTriggerValue;
  state.root = root;
  if (!data) return undefined;
  state.canDrag = Boolean(data.can_drag);
  state.fit = Boolean(data.fit);
  state.levels = data.fit_levels || null;
  state.openZones = state.openZones || new Set();
  root.classList.toggle("sc-fit", state.fit);
  setTypeScale(root, data.type_px);
  installFitting(root, state);
  if (state.canDrag) {
    installDragging(root, state);
    installKeyboard(root, state);
  }
  setPageLanguage(root, data.view.language);
  noteRendered(state, { revision: data.view.revision, signature: data.view.signature, answered: data.answered });
  offer(root, state, data.view);
  followLive(root, state, data.push_url || null, (message) => {
    if (message.closed) showClosed(root, state, data.closed_label);
    else offer(root, state, message.view);
  });
  askForRerun(state);
  return closeStreamWhenDetached(root, state);
}
