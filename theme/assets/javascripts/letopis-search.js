// The search page: Pagefind's interface, started with the words the header's form sent (?q=).
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("letopis-search");
  if (!box || typeof PagefindUI === "undefined") return;
  const search = new PagefindUI({
    element: box,
    baseUrl: box.dataset.baseUrl,
    showSubResults: true,
    showImages: false,
    autofocus: true,
  });
  const words = new URLSearchParams(window.location.search).get("q");
  if (words) search.triggerSearch(words);
});
