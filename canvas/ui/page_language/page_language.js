// An invisible element that tells the browser (and so screen readers and translation tools) which language
// the page is in. Streamlit's index.html says lang="en" on every page; this element runs in the page itself
// (Custom Components v2: no iframe), so it can set the document's own lang attribute.

export default function (component) {
  const { data } = component;
  if (data && data.lang && document.documentElement.lang !== data.lang) {
    document.documentElement.lang = data.lang;
  }
  return undefined;
}
