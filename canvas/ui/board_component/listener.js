// An invisible element that reruns its Streamlit fragment when the board's revision moves on.
// Needs push.js (put in front of this file by live_listener.py). Used by pages other than the board,
// such as the radar, so they follow the phones as quickly as the board does.

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(".sc-listener");
  if (!root) {
    root = document.createElement("div");
    root.className = "sc-listener";
    parentElement.append(root);
  }
  const state = root.__scState || (root.__scState = { drawnRevision: -1, wanted: -1, inFlight: false });
  state.setTriggerValue = setTriggerValue;
  state.root = root;
  if (!data) return undefined;
  followPush(root, state, data.push_url || null);
  noteNewData(state, data.revision);
  state.drawnRevision = data.revision;
  root.dataset.revision = String(data.revision);
  askForNewerBoard(state);
  return closeStreamWhenDetached(root, state);
}
