// @ts-check
/**
 * The glossterm theme: the light/dark toggle.  The page follows the system
 * until the reader chooses; the choice is kept in localStorage and applied by
 * a line in the page's head before the first paint.
 */

const KEY = "glossterm-theme";
const dark = window.matchMedia("(prefers-color-scheme: dark)");

/** The mode the page shows now. */
function mode() {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === "dark" || chosen === "light") return chosen;
  return dark.matches ? "dark" : "light";
}

/** Tell the toggle (and the graph, which draws with the theme's colours). */
function announce() {
  for (const button of document.querySelectorAll(".gt-theme-toggle")) {
    button.setAttribute("aria-pressed", String(mode() === "dark"));
  }
  document.dispatchEvent(new CustomEvent("glossterm-theme-change", { detail: mode() }));
}

function start() {
  for (const button of document.querySelectorAll(".gt-theme-toggle")) {
    button.addEventListener("click", () => {
      const next = mode() === "dark" ? "light" : "dark";
      document.documentElement.dataset.theme = next;
      try {
        localStorage.setItem(KEY, next);
      } catch {
        // Private mode or storage disabled: the choice lasts for this page.
      }
      announce();
    });
  }
  dark.addEventListener("change", announce);
  announce();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
