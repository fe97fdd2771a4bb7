// Moves keyboard focus to where the user's next step is, once, after a page change (without it focus drops
// to the page body, and a keyboard or screen-reader user starts again at the top). The element may not be
// drawn yet when this runs: look for it on every frame for a few seconds. A target that takes no focus of its
// own (a heading) gets tabindex="-1": focus can be put there, Tab does not stop there.

export default function (component) {
  const { data, parentElement } = component;
  // Once per request: the element is drawn again on every data change, with the same token.
  if (!data || !data.selector || parentElement.__scFocusToken === data.token) return undefined;
  parentElement.__scFocusToken = data.token;
  const until = performance.now() + 5000;
  const attempt = () => {
    const target = document.querySelector(data.selector);
    if (target) {
      if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    } else if (performance.now() < until) {
      requestAnimationFrame(attempt);
    }
  };
  attempt();
  return undefined;
}
