/* global document */
// Keyboard shortcuts of the moderation queue: j/k move between cards, a/r/s act, x selects.
// A file of its own, since the Content-Security-Policy allows no inline script.
(() => {
  const cards = () => [...document.querySelectorAll('.mq-card')];
  let at = -1;
  const focus = (i) => {
    const list = cards();
    if (list.length === 0) return;
    at = Math.max(0, Math.min(list.length - 1, i));
    list.forEach((c, n) => c.classList.toggle('mq-card--current', n === at));
    list[at].focus();
    list[at].scrollIntoView({ block: 'nearest' });
  };
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest('input, textarea, select, [contenteditable]')) return;
    const card = cards()[at];
    const press = (cls) => card && card.querySelector(cls)?.click();
    switch (e.key) {
      case 'j': focus(at + 1); break;
      case 'k': focus(at - 1); break;
      case 'a': press('.mq-approve'); break;
      case 'r': press('.mq-reject'); break;
      case 's': press('.mq-spam'); break;
      case 'x': press('.mq-check'); break;
      default: return;
    }
    e.preventDefault();
  });
})();
