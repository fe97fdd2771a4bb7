// An invisible element that follows a board's live channel and reruns its page (or fragment) when the page
// must change: in "structure" mode when the signature it was drawn with differs from the message's field
// (`sig`, the structure, for a phone's page; `shown` or `own` for a part of a phone, in a fragment: see
// canvas/ui/follow.py), in "revision" mode on every change (the radar). Needs push.js, which
// board_component.component_js puts in front of this file.

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(".sc-listener");
  if (!root) {
    root = document.createElement("div");
    root.className = "sc-listener";
    parentElement.append(root);
  }
  const state = root.__scState || (root.__scState = { rendered: { rev: -1, sig: null }, stream: null });
  state.setTriggerValue = setTriggerValue;
  state.root = root;
  if (!data) return undefined;
  state.follow = data.follow;
  state.field = data.field || "sig";
  noteRendered(state, data);
  root.dataset.revision = String(data.revision);
  root.dataset.signature = data.signature;
  root.dataset.field = state.field; // which signature it follows: tests and devtools tell the listeners apart
  followLive(root, state, data.push_url || null);
  askForRerun(state);
  return closeStreamWhenDetached(root, state);
}
