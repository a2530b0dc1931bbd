// Moves focus to the error summary after a form was sent back, so screen readers hear what to fix.
document.querySelectorAll("[data-focus-on-load]").forEach((element) => element.focus());

// Print buttons (the print style sheet leaves out the header, footer and buttons).
document.querySelectorAll("[data-print]").forEach((button) => button.addEventListener("click", () => window.print()));

// A follow-up question is shown only while its yes/no question is answered "ja"; without scripts all show.
document.querySelectorAll("[data-follow-up-of]").forEach((block) => {
  const name = block.dataset.followUpOf;
  const update = () => {
    const chosen = document.querySelector(`input[name="${name}"]:checked`);
    block.hidden = !chosen || chosen.value !== "ja";
  };
  document.querySelectorAll(`input[name="${name}"]`).forEach((input) => input.addEventListener("change", update));
  update();
});

// The menu is a <details> element, closed on a phone. A wide screen shows it open: by CSS where the browser can
// style the disclosure's content, else here.
const menu = document.querySelector("[data-menu]");
if (menu && !CSS.supports("selector(::details-content)")) {
  const wide = window.matchMedia("(min-width: 64rem)");
  const follow = () => {
    menu.open = wide.matches;
  };
  wide.addEventListener("change", follow);
  follow();
}
