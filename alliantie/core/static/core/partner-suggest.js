// Suggests partners while typing in a field of names separated by commas ("Samen met welke partners?"): the last
// name typed is looked up in the open API and the choices fill in the exact name. Without scripts the field takes
// the names as typed, and the form says which names it does not know.
document.querySelectorAll("[data-partner-suggest]").forEach((input) => {
  const list = document.createElement("datalist");
  list.id = `${input.id}-suggesties`;
  input.after(list);
  input.setAttribute("list", list.id);
  let timer;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const parts = input.value.split(",");
      const term = parts.pop().trim();
      if (term.length < 2) {
        list.replaceChildren();
        return;
      }
      const before = parts.map((part) => part.trim()).filter(Boolean);
      try {
        const address = `${input.dataset.partnerSuggest}?zoek=${encodeURIComponent(term)}&pageSize=8`;
        const response = await fetch(address, { headers: { Accept: "application/json" } });
        if (!response.ok) return;
        const found = await response.json();
        list.replaceChildren(
          ...found.results.map((organisation) => {
            const option = document.createElement("option");
            option.value = [...before, organisation.naam].join(", ");
            return option;
          }),
        );
      } catch {
        // Without suggestions the field works as before.
      }
    }, 250);
  });
});
