// The search page: Pagefind's interface, started with the words the header's form sent (?q=).
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("letopis-search");
  if (!box || typeof PagefindUI === "undefined") return;
  // Pagefind's interface knows two forms of a count (one, many); Russian has three (1 результат,
  // 3 результата, 5 результатов). Its message is given a marker instead, which is replaced with
  // the catalog's form that the browser's CLDR plural rules choose (Intl.PluralRules).
  const MARK = "\u2063";
  const forms = JSON.parse(box.dataset.results);
  const rules = new Intl.PluralRules(document.documentElement.lang || undefined);
  // The other bundles of a large archive, as absolute addresses: Pagefind fetches them from
  // its worker, where a relative address would not resolve against this page. Each is given
  // the site's folder as the first one is, or its results would link to full addresses.
  const merged = JSON.parse(box.dataset.merge || "[]").map((path) => ({
    bundlePath: new URL(path, document.baseURI).href,
    baseUrl: box.dataset.baseUrl,
  }));
  const search = new PagefindUI({
    element: box,
    baseUrl: box.dataset.baseUrl,
    mergeIndex: merged,
    showSubResults: true,
    showImages: false,
    autofocus: true,
    translations: {
      one_result: `${MARK}[COUNT]${MARK}[SEARCH_TERM]`,
      many_results: `${MARK}[COUNT]${MARK}[SEARCH_TERM]`,
    },
  });
  const rewrite = (node) => {
    if (!node.data.startsWith(MARK)) return;
    const [, shown, words] = node.data.split(MARK);
    const count = Number(shown.replace(/\D/g, ""));
    const form = forms[rules.select(count)] || forms.other;
    // The text node is changed in place: Pagefind's interface keeps it and updates it later.
    node.data = form.replace("[COUNT]", shown).replace("[SEARCH_TERM]", words);
  };
  const walk = (root) => {
    const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (texts.nextNode()) rewrite(texts.currentNode);
  };
  walk(box);
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "characterData") rewrite(change.target);
      else change.addedNodes.forEach((node) => walk(node));
    }
  }).observe(box, { subtree: true, childList: true, characterData: true });
  // The field has a placeholder and a title only; a label names it for everyone (WCAG 3.3.2).
  const input = box.querySelector("input");
  if (input) {
    input.id = "letopis-search-input";
    const label = document.createElement("label");
    label.htmlFor = input.id;
    label.className = "letopis-search__label";
    label.textContent = box.dataset.label;
    box.before(label);
  }
  const words = new URLSearchParams(window.location.search).get("q");
  if (words) search.triggerSearch(words);
});
