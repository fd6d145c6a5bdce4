import { spaSays } from "@vs/greeting";

// Client-side routing with the History API: a deep link such as
// /settings/profile only works when the server answers index.html for it.
function render(): void {
  document.querySelector("#greeting")!.textContent = spaSays();
  document.querySelector("#route")!.textContent = `route: ${location.pathname}`;
}

document.addEventListener("click", (event) => {
  const link = (event.target as Element).closest("a[data-link]");
  if (link instanceof HTMLAnchorElement) {
    event.preventDefault();
    history.pushState(null, "", link.pathname);
    render();
  }
});
window.addEventListener("popstate", render);
render();
