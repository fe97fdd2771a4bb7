// The participant's phone after joining, drawn in the browser from its live messages (canvas/phone_view.py).
// Needs push.js, which board_component.component_js puts in front of this file.
//
// A message is {rev, now, room, own}: `room` is what every phone of the board shows alike (the canvas on the
// screen, its phase and timer, the notes read back, the open round), `own` is this participant's part (their
// notes, dots and scores). What the person does goes to the server as one small request (POST to `act_url`,
// or, without push, through Streamlit's trigger) and comes back through the next message: nothing here
// asks for a Streamlit rerun, so a facilitator's press costs the server one message, not a script per phone.
//
// Nothing typed is ever lost: the boxes people type in (the note, an edit, a score's comment) are made once
// and never rebuilt while the board changes around them; a request that fails keeps the text and says why.
// User text is set with textContent, never as HTML.

const ANNOUNCE_DELAY_MS = 120;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key in node && key !== "list") node[key] = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child != null && child !== false) node.append(child);
  return node;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}

function plural(forms, count, values = {}) {
  return fill(count === 1 ? forms.one : forms.other, { count, ...values });
}

function clock(seconds) {
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  const two = (n) => String(n).padStart(2, "0");
  return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

// Rebuild `box`'s children only when `signature` changed, keeping the focus on the element with the same
// data-focus key (a button pressed in a list that is redrawn keeps the keyboard where it was). When that
// element is now disabled (the last dot placed), the focus goes to its data-focus-alt (the dot's "−").
function redraw(ui, box, signature, build) {
  if (box.__sig === signature) return;
  box.__sig = signature;
  const active = ui.shadow.activeElement;
  const focusKey = active && box.contains(active) ? active.dataset.focus : null;
  box.replaceChildren(...build().flat().filter((child) => child != null && child !== false));
  if (!focusKey) return;
  const find = (key) => (key ? box.querySelector(`[data-focus="${CSS.escape(key)}"]`) : null);
  const again = find(focusKey);
  const alt = find(again?.dataset.focusAlt);
  (again && !again.disabled ? again : alt && !alt.disabled ? alt : again)?.focus();
}

// --- the page's frame, made once --------------------------------------------------------------------

function makeFrame(root, ui) {
  const L = ui.labels;
  ui.live = el("div", { class: "sc-sr", "aria-live": "polite", role: "status" });
  ui.banner = el("p", { class: "sc-banner", role: "alert", hidden: true });
  ui.who = el("p", { class: "sc-who" });
  ui.step = el("section", { class: "sc-card sc-step", "aria-labelledby": "sc-step-title" });
  ui.timer = el("p", { class: "sc-timer", role: "timer", hidden: true });
  ui.modeEl = el("div", { class: "sc-mode", hidden: true });
  ui.score = el("section", { class: "sc-card sc-score", hidden: true, "aria-labelledby": "sc-score-title" });
  ui.list = el("section", { class: "sc-card sc-list", hidden: true, "aria-labelledby": "sc-list-title" });
  ui.formBelow = el("p", { class: "sc-caption", text: L.note_form_below, hidden: true });
  ui.form = makeNoteForm(ui);
  ui.editing = el("div", { class: "sc-editing" });
  ui.own = el("section", { class: "sc-own", "aria-labelledby": "sc-own-title" });
  ui.lookBack = el("section", { class: "sc-lookback", hidden: true });
  ui.gone = el("p", { class: "sc-gone", role: "alert", text: L.board_gone, hidden: true });
  ui.body = el("div", { class: "sc-body" },
    ui.who, ui.step, ui.timer, ui.modeEl, ui.score, ui.list, ui.formBelow, ui.form.box,
    el("div", { class: "sc-own-wrap" }, ui.editing, ui.own), ui.lookBack);
  root.replaceChildren(ui.live, ui.banner, ui.gone, ui.body);
}

function announce(ui, text) {
  if (!text) return;
  // Cleared first and set a moment later: screen readers say a repeated message again.
  ui.live.textContent = "";
  clearTimeout(ui.announceTimer);
  ui.announceTimer = setTimeout(() => { ui.live.textContent = text; }, ANNOUNCE_DELAY_MS);
}

// --- sending ----------------------------------------------------------------------------------------

async function send(ui, action) {
  if (ui.data.act_url) {
    try {
      const response = await fetch(ui.data.act_url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ p: ui.data.p, lang: ui.labels_lang, action }),
      });
      const outcome = await response.json();
      if (typeof outcome.ok !== "boolean") throw new Error("not an outcome");
      if (outcome.ok && typeof outcome.rev === "number") ui.waitingFor = Math.max(ui.waitingFor || 0, outcome.rev);
      return outcome;
    } catch (_error) {
      return { ok: false, message: ui.labels.send_failed };
    }
  }
  // Without push: Streamlit's trigger runs the same action on the server; its answer comes back as data.
  ui.seq = (ui.seq || 0) + 1;
  const seq = ui.seq;
  return new Promise((resolve) => {
    ui.pending.set(seq, resolve);
    ui.setTriggerValue("act", { seq, action });
    setTimeout(() => {
      if (ui.pending.delete(seq)) resolve({ ok: false, message: ui.labels.send_failed });
    }, 15000);
  });
}

function say(line, outcome) {
  line.textContent = outcome.message || "";
  line.dataset.kind = outcome.ok ? "ok" : "error";
  line.hidden = !outcome.message;
}

// --- the note form (made once: the text box is never rebuilt) ---------------------------------------

function makeNoteForm(ui) {
  const L = ui.labels;
  const form = {};
  form.title = el("h2", { class: "sc-h", id: "sc-new-title", text: L.new_note });
  form.canvases = el("fieldset", { class: "sc-choices", hidden: true });
  form.zones = el("fieldset", { class: "sc-choices", id: "sc-zones" });
  form.question = el("p", { class: "sc-caption", id: "sc-zone-question", text: L.zone_hint });
  form.text = el("textarea", {
    id: "sc-note-text", rows: 4, placeholder: L.note_placeholder, "aria-describedby": "sc-zone-question",
  });
  form.send = el("button", { type: "submit", class: "sc-primary", text: L.add_button, dataset: { focus: "send" } });
  form.line = el("p", { class: "sc-line", role: "status", hidden: true });
  form.box = el("form", { class: "sc-card sc-form", "aria-labelledby": "sc-new-title" },
    form.title, form.canvases, form.zones, form.question,
    el("label", { for: "sc-note-text", class: "sc-label", text: L.note_label }), form.text, form.send, form.line);
  form.box.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (form.busy) return;
    const zone = ui.zoneId;
    if (zone == null) {
      say(form.line, { ok: false, message: ui.labels.zone_missing });
      form.zones.querySelector("input")?.focus();
      return;
    }
    form.busy = true;
    form.send.setAttribute("aria-disabled", "true");
    form.send.textContent = L.sending;
    const sent = form.text.value;
    const outcome = await send(ui, { kind: "add_note", zone_id: zone, text: sent });
    form.busy = false;
    form.send.removeAttribute("aria-disabled");
    form.send.textContent = L.add_button;
    drawLock(ui);
    if (outcome.ok && form.text.value === sent) form.text.value = ""; // what was typed meanwhile stays
    say(form.line, outcome);
    announce(ui, outcome.message);
    if (!outcome.ok) form.text.focus();
  });
  return form;
}

function drawNoteForm(ui, room) {
  const L = ui.labels;
  const form = ui.form;
  const canvases = room.canvases;
  if (ui.followed !== room.active.id) {
    // The screen moved to another canvas: the note goes there too (a phone that picked another follows again).
    ui.followed = room.active.id;
    ui.canvasId = room.active.id;
  }
  if (!canvases.some((c) => c.id === ui.canvasId)) ui.canvasId = room.active.id;
  const canvas = canvases.find((c) => c.id === ui.canvasId) || canvases[0];
  if (!canvas.zones.some((z) => z.id === ui.zoneId)) ui.zoneId = null;
  form.canvases.hidden = canvases.length < 2;
  redraw(ui, form.canvases, JSON.stringify([canvases.map((c) => [c.id, c.title]), ui.canvasId]), () => [
    el("legend", { class: "sc-label", text: L.canvas_label }),
    ...canvases.map((c) => choice("sc-canvas", c.id, c.title, c.id === ui.canvasId, () => {
      ui.canvasId = c.id;
      draw(ui);
    })),
  ]);
  redraw(ui, form.zones, JSON.stringify([canvas.zones, ui.zoneId]), () => [
    el("legend", { class: "sc-label", text: L.zone_label }),
    ...canvas.zones.map((z) => choice("sc-zone", z.id, z.title, z.id === ui.zoneId, () => {
      ui.zoneId = z.id;
      draw(ui);
    }, z.plain)),
  ]);
  const zone = canvas.zones.find((z) => z.id === ui.zoneId);
  form.question.textContent = zone ? zone.prompt || zone.title : L.zone_hint;
}

// A radio button with its label, big enough for a thumb; `plain` says in everyday words what the label means
// (a part of the house): shown under it, read out as the radio's description (its name stays the label).
function choice(name, value, text, checked, onPick, plain) {
  const id = `${name}-${value}`;
  const input = el("input", { type: "radio", name, id, value: String(value), checked, dataset: { focus: id },
    "aria-labelledby": plain ? `${id}-name` : null, "aria-describedby": plain ? `${id}-plain` : null });
  input.addEventListener("change", onPick);
  const label = el("span", { text, id: plain ? `${id}-name` : null });
  if (!plain) return el("label", { class: "sc-choice", for: id }, input, label);
  return el("label", { class: "sc-choice sc-choice-plain", for: id }, input,
    el("span", {}, label, el("span", { class: "sc-plain", id: `${id}-plain`, text: plain })));
}

function drawLock(ui) {
  const locked = Boolean(ui.msg?.room.locked);
  // Locked: nothing can be sent, but the box stays open: someone may finish a thought and send it later.
  ui.form.send.disabled = locked || ui.form.busy === true;
  for (const button of ui.body.querySelectorAll("[data-locks]")) button.disabled = locked;
}

// --- the step: phase, lock, timer, notes read back, dots, ranking -----------------------------------

function drawStep(ui, room) {
  const L = ui.labels;
  const a = room.active;
  redraw(ui, ui.step, JSON.stringify([a.title, a.phase_name, a.help, room.locked, room.anonymous]), () => [
    room.locked ? el("p", { class: "sc-lock", text: L.locked_notice }) : null,
    el("h2", { class: "sc-h", id: "sc-step-title", text: `${a.title} · ${a.phase_name}` }),
    el("p", { text: a.help }),
    room.anonymous ? el("p", { class: "sc-caption", text: L.anonymous_notice }) : null,
  ]);
  drawTimer(ui, a.timer);
}

function drawTimer(ui, timer) {
  clearInterval(ui.timerTick);
  ui.timer.hidden = !timer;
  if (!timer) return;
  const L = ui.labels;
  const received = ui.receivedAt;
  const serverNow = ui.msg.now;
  const tick = () => {
    const running = timer.ends_at != null;
    const ms = running ? timer.ends_at - serverNow - (performance.now() - received) : timer.left * 1000;
    const seconds = Math.max(0, Math.ceil(ms / 1000 - 0.0005));
    const state = seconds <= 0 ? "done" : running ? "running" : "paused";
    const text = state === "done" ? L.timer_done : fill(state === "running" ? L.timer_left : L.timer_paused,
      { time: clock(seconds) });
    if (ui.timer.textContent !== text) ui.timer.textContent = text;
    ui.timer.dataset.state = state;
    ui.timer.dataset.seconds = String(seconds);
    if (state !== "running") clearInterval(ui.timerTick);
  };
  tick();
  if (timer.ends_at != null) ui.timerTick = setInterval(tick, 250);
}

function itemText(ui, item) {
  if (item.group == null) return item.text;
  return fill(ui.labels.group, { title: item.group });
}

function itemBody(ui, item) {
  if (item.group == null) {
    return [el("p", { class: "sc-caption", text: item.zone }), el("p", { class: "sc-text", text: item.text })];
  }
  return [
    el("p", { class: "sc-strong", text: fill(ui.labels.group, { title: item.group }) }),
    el("ul", { class: "sc-members" }, item.notes.map((text) => el("li", { class: "sc-text", text }))),
  ];
}

function drawList(ui, room, own) {
  const L = ui.labels;
  const a = room.active;
  const items = a.items;
  const show = ui.mode === "notes" && items != null;
  ui.list.hidden = !show;
  if (!show) return;
  const signature = JSON.stringify([a.phase, items, own.votes, own.dots_left, room.locked]);
  redraw(ui, ui.list, signature, () => {
    if (a.phase === "vote") return voteList(ui, room, own);
    if (a.phase === "discuss") return rankingList(ui, items, "sc-list-title");
    const count = items.reduce((n, item) => n + (item.notes ? item.notes.length : 1), 0);
    return [
      el("h2", { class: "sc-h", id: "sc-list-title", text: plural(L.all_notes, count) }),
      items.length ? null : el("p", { class: "sc-caption", text: L.no_notes_yet }),
      el("ul", { class: "sc-items" }, items.map((item) => el("li", { class: "sc-item" }, itemBody(ui, item)))),
    ];
  });
}

function rankingList(ui, items, titleId) {
  const L = ui.labels;
  return [
    el("h2", { class: "sc-h", id: titleId, text: L.ranking_title }),
    items.length ? null : el("p", { class: "sc-caption", text: L.no_notes_yet }),
    items.length && !items.some((item) => item.votes) ? el("p", { class: "sc-caption", text: L.no_votes }) : null,
    el("ol", { class: "sc-items" }, items.map((item, index) => el("li", { class: "sc-item" },
      el("p", { class: "sc-strong", text: `#${index + 1} · ${plural(L.votes_count, item.votes)}` }),
      itemBody(ui, item)))),
  ];
}

function voteList(ui, room, own) {
  const L = ui.labels;
  const items = room.active.items;
  const left = own.dots_left;
  return [
    el("h2", { class: "sc-h", id: "sc-list-title", text: L.votes_title }),
    el("p", { class: "sc-strong", id: "sc-dots-left", text: plural(L.dots_left, left) }),
    items.length ? null : el("p", { class: "sc-caption", text: L.no_notes_yet }),
    el("ul", { class: "sc-items" }, items.map((item) => {
      const mine = own.votes[item.key] || 0;
      const target = item.group == null ? { note_id: item.note_id } : { cluster_id: item.cluster_id };
      const name = itemText(ui, item);
      const short = name.length > 60 ? `${name.slice(0, 57)}…` : name;
      // A refusal stays under its note while the list is drawn again (the change that made the store refuse
      // comes in the same moment and rebuilds the list): it is kept on `ui`, not only in the element.
      const line = el("p", { class: "sc-line", role: "status", hidden: true });
      if (ui.voteRefused?.key === item.key) say(line, ui.voteRefused.outcome);
      const vote = async (add) => {
        const outcome = await send(ui, { kind: "vote", add, ...target });
        const refusedBefore = ui.voteRefused != null;
        ui.voteRefused = outcome.ok ? null : { key: item.key, outcome };
        if (!outcome.ok || refusedBefore) {
          ui.list.__sig = null; // drawn again with the refusal under its note, or without the old one
          draw(ui);
        }
        if (!outcome.ok) {
          announce(ui, outcome.message);
          return;
        }
        // Said together with the dots left: now if the change is drawn already, else when it comes back
        // (announceChanges). Said apart, the later of the two would cut the other off.
        if (ui.msg && typeof outcome.rev === "number" && ui.msg.rev >= outcome.rev) {
          announce(ui, `${outcome.message} ${plural(L.dots_left, ui.msg.own.dots_left)}`);
        } else {
          ui.voteSaid = outcome.message;
        }
      };
      return el("li", { class: "sc-item", dataset: { key: item.key } },
        itemBody(ui, item),
        el("p", { class: "sc-dots" }, el("span", { "aria-hidden": "true", text: "●".repeat(mine) || "○" }), " ",
          el("span", { text: plural(L.my_dots, mine) })),
        el("div", { class: "sc-row" },
          el("button", {
            type: "button", class: "sc-button", text: "+", "aria-label": fill(L.vote_add, { text: short }),
            title: fill(L.vote_add, { text: short }), disabled: room.locked || left <= 0 || (!room.stack && mine > 0),
            dataset: { focus: `add-${item.key}`, focusAlt: `remove-${item.key}` }, onclick: () => vote(true),
          }),
          el("button", {
            type: "button", class: "sc-button", text: "−", "aria-label": fill(L.vote_remove, { text: short }),
            title: fill(L.vote_remove, { text: short }), disabled: room.locked || mine === 0,
            dataset: { focus: `remove-${item.key}`, focusAlt: `add-${item.key}` }, onclick: () => vote(false),
          })),
        line);
    })),
  ];
}

// --- the scoring round: one part at a time ----------------------------------------------------------

function drawModeSwitch(ui, room) {
  const L = ui.labels;
  const open = room.round != null;
  const box = ui.modeEl;
  box.hidden = !open;
  redraw(ui, box, JSON.stringify([open, ui.mode]), () => !open ? [] : [
    el("p", { class: "sc-info", text: L.round_open }),
    el("div", { class: "sc-row", role: "group", "aria-label": L.mode_label },
      ["notes", "score"].map((mode) => el("button", {
        type: "button", class: "sc-toggle", "aria-pressed": String(ui.mode === mode),
        text: mode === "notes" ? L.mode_notes : L.mode_score, dataset: { focus: `mode-${mode}` },
        onclick: () => { ui.mode = mode; draw(ui); },
      }))),
  ]);
}

function drawScore(ui, room, own) {
  const L = ui.labels;
  const show = ui.mode === "score" && room.round != null;
  ui.score.hidden = !show;
  ui.formBelow.hidden = !show;
  if (!show) return;
  const rubric = ui.data.static.rubric;
  const scores = own.scores || {};
  ui.part = Math.min(Math.max(ui.part || 0, 0), rubric.length - 1);
  const dimension = rubric[ui.part];
  const done = rubric.filter((d) => d.key in scores).length;
  const stored = scores[dimension.key];
  const key = `${room.round.id}:${dimension.key}`;
  // The part's card is rebuilt only when another part or round is shown: a score saved (which comes back in
  // the next message) updates the choice in place, and a comment being typed stays.
  if (ui.score.__key !== key) {
    ui.score.__key = key;
    ui.score.__sig = null;
    ui.comment = el("input", {
      type: "text", id: "sc-comment", maxLength: ui.data.static.comment_max, placeholder: L.comment_placeholder,
      value: stored ? stored[1] : "",
    });
    ui.scoreLine = el("p", { class: "sc-line", role: "status", hidden: true });
    const levels = [...dimension.levels.map((level) => ({ value: level.level, name: `${level.level} · ${level.name}`,
      line: level.line })), { value: null, name: L.dont_know, line: "" }];
    const save = async () => {
      const picked = ui.score.querySelector("input[name=sc-level]:checked");
      if (!picked) {
        say(ui.scoreLine, { ok: false, message: L.level_first });
        return;
      }
      const level = picked.value === "" ? null : Number(picked.value);
      const outcome = await send(ui, { kind: "score", dimension: dimension.key, level, comment: ui.comment.value });
      say(ui.scoreLine, outcome);
      announce(ui, outcome.message);
    };
    ui.comment.addEventListener("change", save);
    ui.scoreCard = el("div", { class: "sc-part" },
      el("h3", { class: "sc-h3", id: "sc-part-title", text: dimension.name }),
      el("p", { class: "sc-caption", text: dimension.plain }),
      el("fieldset", { class: "sc-levels", "aria-labelledby": "sc-part-title" },
        levels.map((level) => {
          const id = `sc-level-${level.value ?? "x"}`;
          const input = el("input", { type: "radio", name: "sc-level", id, value: level.value ?? "",
            dataset: { focus: id, locks: "" } });
          input.addEventListener("change", save);
          return el("label", { class: "sc-choice sc-level", for: id }, input,
            el("span", {}, el("strong", { text: level.name }), level.line ? el("span", { text: ` — ${level.line}` }) : null));
        })),
      el("label", { for: "sc-comment", class: "sc-label", text: L.comment_label }), ui.comment, ui.scoreLine);
    ui.scoreHead = el("div");
    ui.scoreNav = el("div", { class: "sc-row sc-nav" });
    ui.score.replaceChildren(ui.scoreHead, ui.scoreCard, ui.scoreNav);
  }
  const level = stored ? (stored[0] == null ? "" : String(stored[0])) : undefined;
  if (level !== undefined) {
    const input = ui.score.querySelector(`input[name=sc-level][value="${level}"]`);
    if (input && !input.checked) input.checked = true;
  }
  redraw(ui, ui.scoreHead, JSON.stringify([done, ui.part]), () => [
    el("h2", { class: "sc-h", id: "sc-score-title", text: L.score_heading }),
    el("p", { class: "sc-caption", text: L.score_intro }),
    el("p", { class: "sc-strong" }, fill(L.progress, { done, total: rubric.length }), " · ",
      fill(L.score_part, { number: ui.part + 1, total: rubric.length })),
    el("progress", { max: rubric.length, value: done, "aria-label": fill(L.progress, { done, total: rubric.length }) }),
  ]);
  redraw(ui, ui.scoreNav, JSON.stringify([ui.part, rubric.length]), () => [
    el("button", { type: "button", class: "sc-button", text: L.score_previous, disabled: ui.part === 0,
      dataset: { focus: "score-prev" }, onclick: () => { ui.part -= 1; draw(ui); ui.score.querySelector("#sc-part-title")?.focus(); } }),
    ui.part < rubric.length - 1
      ? el("button", { type: "button", class: "sc-primary", text: L.score_next, dataset: { focus: "score-next" },
        onclick: () => { ui.part += 1; draw(ui); ui.score.querySelector("#sc-part-title")?.focus(); } })
      : el("button", { type: "button", class: "sc-primary", text: L.score_done, dataset: { focus: "score-done" },
        onclick: () => { ui.mode = "notes"; draw(ui); ui.form.text.focus(); } }),
  ]);
  ui.score.querySelector("#sc-part-title")?.setAttribute("tabindex", "-1");
}

// --- own notes: edit, move, delete ------------------------------------------------------------------

function zoneTitle(room, zoneId) {
  for (const canvas of room.canvases) {
    const zone = canvas.zones.find((z) => z.id === zoneId);
    if (zone) return room.canvases.length > 1 ? `${canvas.title} · ${zone.title}` : zone.title;
  }
  return "?";
}

function drawOwn(ui, room, own) {
  const L = ui.labels;
  const notes = own.notes;
  const show = ui.mode === "notes";
  ui.own.hidden = !show;
  ui.editing.hidden = !show;
  if (ui.editId != null && !notes.some((n) => n.id === ui.editId)) closeEditor(ui); // deleted meanwhile
  const listed = notes.filter((n) => n.id !== ui.editId);
  redraw(ui, ui.own, JSON.stringify([notes.length, listed, room.locked, room.canvases.length]), () => [
    el("h2", { class: "sc-h", id: "sc-own-title", text: plural(L.own_notes, notes.length) }),
    notes.length ? null : el("p", { class: "sc-caption", text: L.no_notes }),
    el("ul", { class: "sc-items" }, listed.map((note) => el("li", { class: "sc-item" },
      el("p", { class: "sc-caption", text: placeOf(ui, room, note) }),
      el("p", { class: "sc-text", text: note.text }),
      el("button", { type: "button", class: "sc-button", text: L.edit, disabled: room.locked,
        "aria-label": `${L.edit}: ${note.text.slice(0, 60)}`, dataset: { focus: `edit-${note.id}`, locks: "" },
        onclick: () => openEditor(ui, note.id) })))),
  ]);
  if (ui.editId != null) drawEditor(ui, room, notes.find((n) => n.id === ui.editId));
}

function placeOf(ui, room, note) {
  const place = zoneTitle(room, note.zone_id);
  return note.group ? `${place} · ${fill(ui.labels.group, { title: note.group })}` : place;
}

function openEditor(ui, noteId) {
  ui.editId = noteId;
  ui.confirmDelete = false;
  ui.editor = null;
  draw(ui);
  ui.editor?.text.focus();
}

function closeEditor(ui, focusTarget) {
  ui.editId = null;
  ui.editor = null;
  ui.editing.replaceChildren();
  if (focusTarget) setTimeout(() => focusTarget.focus(), 0);
}

// The note being changed stands in its own slot, made once: the list around it may change (the facilitator
// deletes a note above it) without the box or its focus being rebuilt.
function drawEditor(ui, room, note) {
  const L = ui.labels;
  if (!ui.editor) {
    const ed = {};
    ed.place = el("p", { class: "sc-caption" });
    ed.text = el("textarea", { id: "sc-edit-text", rows: 4, value: note.text });
    ed.line = el("p", { class: "sc-line", role: "status", hidden: true });
    ed.move = el("select", { id: "sc-move-zone" });
    ed.confirm = el("div", { class: "sc-confirm", hidden: true });
    const done = (outcome) => {
      announce(ui, outcome.message);
      if (!outcome.ok) {
        say(ed.line, outcome);
        return;
      }
      ui.flash = outcome.message;
      closeEditor(ui, ui.own.querySelector("h2"));
      ui.own.__sig = null;
      draw(ui);
    };
    ed.box = el("div", { class: "sc-card sc-editor" },
      ed.place,
      el("label", { for: "sc-edit-text", class: "sc-label", text: L.edit_label }), ed.text,
      el("div", { class: "sc-row" },
        el("button", { type: "button", class: "sc-primary", text: L.save, dataset: { focus: "edit-save", locks: "" },
          onclick: async () => done(await send(ui, { kind: "edit_note", note_id: note.id, text: ed.text.value })) }),
        el("button", { type: "button", class: "sc-button", text: L.delete, dataset: { focus: "edit-delete", locks: "" },
          onclick: () => { ed.confirm.hidden = false; ed.confirm.querySelector("button")?.focus(); } }),
        el("button", { type: "button", class: "sc-button", text: L.cancel, dataset: { focus: "edit-cancel" },
          onclick: () => { closeEditor(ui); ui.own.__sig = null; draw(ui); ui.own.querySelector(`[data-focus="edit-${note.id}"]`)?.focus(); } })),
      ed.moveRow = el("div", { class: "sc-row sc-move" },
        el("label", { for: "sc-move-zone", class: "sc-label", text: L.move_to }), ed.move,
        el("button", { type: "button", class: "sc-button", text: L.move_button, dataset: { focus: "edit-move", locks: "" },
          onclick: async () => done(await send(ui, { kind: "move_note", note_id: note.id, zone_id: Number(ed.move.value) })) })),
      ed.confirm, ed.line);
    ed.confirm.append(
      el("p", { class: "sc-warning", text: L.delete_confirm }),
      el("div", { class: "sc-row" },
        el("button", { type: "button", class: "sc-danger", text: L.delete_yes, dataset: { focus: "delete-yes", locks: "" },
          onclick: async () => done(await send(ui, { kind: "delete_note", note_id: note.id })) }),
        el("button", { type: "button", class: "sc-button", text: L.cancel, dataset: { focus: "delete-no" },
          onclick: () => { ed.confirm.hidden = true; ed.box.querySelector("[data-focus=edit-delete]")?.focus(); } })));
    ui.editor = ed;
    ui.editing.replaceChildren(ed.box);
  }
  const ed = ui.editor;
  ed.place.textContent = placeOf(ui, room, note);
  const canvas = room.canvases.find((c) => c.zones.some((z) => z.id === note.zone_id));
  const targets = canvas ? canvas.zones.filter((z) => z.id !== note.zone_id) : [];
  ed.moveRow.hidden = targets.length === 0;
  redraw(ui, ed.move, JSON.stringify(targets), () => targets.map((z) => el("option", { value: String(z.id), text: z.title })));
}

// --- reading back an earlier canvas -------------------------------------------------------------------

function drawLookBack(ui, room) {
  const L = ui.labels;
  const readable = room.canvases.filter((c) => String(c.id) in room.readable);
  ui.lookBack.hidden = ui.mode !== "notes" || readable.length === 0;
  if (!readable.some((c) => c.id === ui.lookId)) ui.lookId = 0;
  if (ui.lookFollowed !== room.active.id) {
    ui.lookFollowed = room.active.id;
    ui.lookId = 0; // the screen moved on: follow it again
  }
  if (!ui.lookSelect) {
    ui.lookSelect = el("select", { id: "sc-look-back" });
    ui.lookSelect.addEventListener("change", () => { ui.lookId = Number(ui.lookSelect.value); draw(ui); });
    ui.lookList = el("div");
    ui.lookBack.replaceChildren(el("label", { for: "sc-look-back", class: "sc-label", text: L.look_back }),
      ui.lookSelect, ui.lookList);
  }
  redraw(ui, ui.lookSelect, JSON.stringify(readable.map((c) => [c.id, c.title])), () => [
    el("option", { value: "0", text: L.look_back_none }),
    ...readable.map((c) => el("option", { value: String(c.id), text: c.title })),
  ]);
  ui.lookSelect.value = String(ui.lookId);
  const canvas = readable.find((c) => c.id === ui.lookId);
  redraw(ui, ui.lookList, JSON.stringify([ui.lookId, canvas ? room.readable[String(canvas.id)] : null]), () => {
    if (!canvas) return [];
    const items = room.readable[String(canvas.id)];
    if (canvas.phase === "discuss") return rankingList(ui, items, "sc-look-title");
    return [el("ul", { class: "sc-items" }, items.map((item) => el("li", { class: "sc-item" }, itemBody(ui, item))))];
  });
}

// --- one message in ------------------------------------------------------------------------------------

function draw(ui) {
  const message = ui.msg;
  if (!message) return;
  const { room, own } = message;
  const L = ui.labels;
  const me = ui.data.me;
  const party = L.parties[me.party] || me.party;
  ui.who.textContent = room.anonymous || !me.name
    ? fill(L.you_are_party, { party })
    : fill(L.you_are, { name: me.name, party });
  drawStep(ui, room);
  drawModeState(ui, room);
  drawModeSwitch(ui, room);
  drawScore(ui, room, own);
  drawList(ui, room, own);
  drawNoteForm(ui, room);
  drawOwn(ui, room, own);
  drawLookBack(ui, room);
  drawLock(ui);
  ui.root.dataset.revision = String(message.rev);
  ui.root.dataset.phase = room.active.phase;
  ui.root.dataset.mode = ui.mode;
  window.__scPhoneRevision = message.rev; // outside the shadow root: tests and devtools wait on it
}

function drawModeState(ui, room) {
  const open = room.round != null;
  const roundId = open ? room.round.id : null;
  if (ui.roundSeen !== roundId) {
    if (open && ui.roundSeen !== undefined) announce(ui, ui.labels.round_opened);
    ui.roundSeen = roundId;
    ui.mode = open ? "score" : "notes";
    ui.part = 0;
  }
  if (!open) ui.mode = "notes";
}

function announceChanges(ui, before, after) {
  const L = ui.labels;
  if (!before) return;
  const a = after.room.active, b = before.room.active;
  if (a.id !== b.id || a.phase !== b.phase) announce(ui, `${a.title} · ${a.phase_name}. ${a.help}`);
  else if (after.room.locked !== before.room.locked) announce(ui, after.room.locked ? L.locked_notice : a.help);
  else if (a.phase === "vote" && after.own.dots_left !== before.own.dots_left) {
    announce(ui, [ui.voteSaid, plural(L.dots_left, after.own.dots_left)].filter(Boolean).join(" "));
    ui.voteSaid = null;
  }
}

function receive(ui, message) {
  if (message.closed) {
    ui.body.hidden = true;
    ui.gone.hidden = false;
    clearInterval(ui.timerTick);
    ui.root.dataset.closed = "true";
    return;
  }
  if (!message.room || typeof message.rev !== "number") return;
  if (ui.msg && message.rev < ui.msg.rev) return; // older than what is drawn
  ui.banner.hidden = true;
  const before = ui.msg;
  ui.msg = message;
  ui.receivedAt = performance.now();
  draw(ui);
  announceChanges(ui, before, message);
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(".sc-phone");
  if (!root) {
    root = document.createElement("div");
    root.className = "sc-phone";
    parentElement.append(root);
  }
  if (!data) return undefined;
  let ui = root.__ui;
  if (!ui || ui.language !== data.static.language) {
    ui = root.__ui = {
      root, language: data.static.language, labels: data.static.labels, labels_lang: data.static.language,
      pending: new Map(), shadow: root.getRootNode(),
    };
    root.lang = data.static.language;
    makeFrame(root, ui);
    ui.mode = "notes";
    // The browser knows when the phone loses its network: say so (what is typed stays). The stream catches
    // up by itself when it is back: its first message is the whole state.
    window.addEventListener("offline", () => { ui.banner.textContent = ui.labels.offline; ui.banner.hidden = false; });
    window.addEventListener("online", () => { ui.banner.hidden = true; announce(ui, ui.labels.back_online); });
  }
  ui.data = data;
  ui.setTriggerValue = setTriggerValue;
  // The trigger's answer (no push): resolve the request it answers.
  if (data.outcome && ui.pending.has(data.outcome.seq)) {
    const resolve = ui.pending.get(data.outcome.seq);
    ui.pending.delete(data.outcome.seq);
    resolve(data.outcome);
  }
  if (data.message) receive(ui, data.message);
  // Just joined: the next step is choosing a zone (asked once per token; polling sends the same token again).
  if (data.focus_zone && data.focus_zone !== ui.focusedFor && ui.msg) {
    ui.focusedFor = data.focus_zone;
    (ui.form.zones.querySelector("input:checked") || ui.form.zones.querySelector("input"))?.focus();
  }
  // Push: the live channel; a stream that keeps failing tells the page, which then polls.
  const state = ui.state || (ui.state = { root, stream: null });
  state.setTriggerValue = setTriggerValue;
  if (data.push_url && state.live?.url !== data.push_url) {
    state.live?.close();
    state.live = openLiveStream(data.push_url, (message) => {
      if (message.giveUp) {
        state.live?.close();
        state.live = null;
        setTriggerValue("push_failed", message.giveUp);
        return;
      }
      receive(ui, message);
    });
  }
  return closeStreamWhenDetached(root, state);
}
