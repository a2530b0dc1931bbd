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
