// An invisible element that tells the browser (and so screen readers and translation tools) which language
// the page is in, and puts the page's own words where Streamlit draws English of its own.
// Streamlit's index.html says lang="en" on every page; this element runs in the page itself (Custom
// Components v2: no iframe), so it can set the document's own lang attribute and watch the document.
//
// Streamlit's words: `data.words` maps an exact English string to the page's words for it, `data.patterns`
// a pattern (with one group) to words with "{1}" (as text only when its third item says so). They replace the aria-label, placeholder and title
// attributes that equal such a string, and text nodes that equal one of `data.texts` or match a pattern, now and whenever Streamlit draws again (one
// MutationObserver per page, installed once; a language switch only changes its words). What people wrote
// is left alone: the board (its own shadow root), charts, code blocks and markdown, except a button's label.
// After a language switch the words of the language before are replaced too.

const ATTRIBUTES = ["aria-label", "placeholder", "title"];
const NOT_STREAMLIT =
  ".sc-board, svg, [data-testid=stCode], [data-testid=stMarkdownContainer]:not(button *), textarea";

function localWords(state, text, asText) {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const known = Object.hasOwn(state.words, trimmed) && (!asText || state.texts.has(trimmed));
  let local = known ? state.words[trimmed] : null;
  if (local === null) {
    for (const [pattern, words, alsoText] of state.patterns) {
      const found = (alsoText || !asText) && trimmed.match(pattern);
      if (found) {
        local = words.replace("{1}", found[1]);
        break;
      }
    }
  }
  return local === null || local === trimmed ? null : text.replace(trimmed, local);
}

function rewriteText(state, node) {
  const parent = node.parentElement;
  if (!parent || parent.closest(NOT_STREAMLIT)) return;
  const local = localWords(state, node.nodeValue || "", true);
  if (local !== null) node.nodeValue = local;
}

function rewriteAttribute(state, element, name) {
  const value = element.getAttribute(name);
  if (!value || element.closest(".sc-board")) return;
  const local = localWords(state, value, false);
  if (local !== null) element.setAttribute(name, local);
}

function rewriteTree(state, root) {
  if (root.nodeType === Node.TEXT_NODE) {
    rewriteText(state, root);
    return;
  }
  if (root.nodeType !== Node.ELEMENT_NODE) return;
  const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (texts.nextNode()) rewriteText(state, texts.currentNode);
  const selector = ATTRIBUTES.map((name) => `[${name}]`).join(",");
  for (const element of [root, ...root.querySelectorAll(selector)]) {
    for (const name of ATTRIBUTES) if (element.hasAttribute(name)) rewriteAttribute(state, element, name);
  }
}

function watchStreamlitWords(data) {
  const patterns = (data.patterns || []).map(([pattern, local, alsoText]) => [new RegExp(pattern), local, alsoText]);
  const words = { ...data.words };
  const texts = new Set(data.texts || []);
  let state = window.__scStreamlitWords;
  if (state) {
    if (JSON.stringify(state.given) === JSON.stringify(data.words)) return;
    // A language switch: what the words of the language before put in the page is replaced as well.
    for (const [english, before] of Object.entries(state.given)) {
      if (before !== words[english] && !Object.hasOwn(words, before)) {
        words[before] = words[english];
        if (texts.has(english)) texts.add(before);
      }
    }
    Object.assign(state, { given: data.words, words, texts, patterns });
    rewriteTree(state, document.body);
    return;
  }
  state = window.__scStreamlitWords = { given: data.words, words, texts, patterns };
  rewriteTree(state, document.body);
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "childList") record.addedNodes.forEach((node) => rewriteTree(state, node));
      else if (record.type === "characterData") rewriteText(state, record.target);
      else if (record.type === "attributes") rewriteAttribute(state, record.target, record.attributeName);
    }
  }).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ATTRIBUTES,
  });
}

export default function (component) {
  const { data } = component;
  if (data && data.lang && document.documentElement.lang !== data.lang) {
    document.documentElement.lang = data.lang;
  }
  if (data && data.words) watchStreamlitWords(data);
  return undefined;
}
