// Moves focus to the error summary after a form was sent back, so screen readers hear what to fix.
document.querySelectorAll("[data-focus-on-load]").forEach((element) => element.focus());

// Print buttons (the print style sheet leaves out the header, footer and buttons).
document.querySelectorAll("[data-print]").forEach((button) => button.addEventListener("click", () => window.print()));
