// Follows a background job on its page: asks for its progress every two seconds and shows it; when the job is done
// the page reloads to show the result. Without scripts the page reloads itself (a <noscript> refresh).
document.querySelectorAll("[data-job-status]").forEach((job) => {
  const progress = job.querySelector("[data-job-progress]");
  const count = job.querySelector("[data-job-count]");
  const label = job.querySelector("[data-job-label]");
  const message = job.querySelector("[data-job-message]");
  const poll = async () => {
    let state;
    try {
      const response = await fetch(job.dataset.jobStatus, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      state = await response.json();
    } catch {
      window.setTimeout(poll, 5000);
      return;
    }
    if (state.finished) {
      window.location.reload();
      return;
    }
    if (progress && state.total) {
      progress.max = state.total;
      progress.value = state.done;
      progress.textContent = `${state.percent}%`;
    }
    if (count && state.total) count.textContent = `${state.done.toLocaleString("nl-NL")} / ${state.total.toLocaleString("nl-NL")}`;
    if (label) label.textContent = state.statusLabel;
    if (message && state.message) message.textContent = state.message;
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 2000);
});
