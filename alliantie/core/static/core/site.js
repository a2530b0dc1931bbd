// Moves focus to the error summary after a form was sent back, so screen readers hear what to fix.
document.querySelectorAll("[data-focus-on-load]").forEach((element) => element.focus());
