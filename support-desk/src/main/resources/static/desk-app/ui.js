// Small DOM helpers. Text always goes in as text (textContent, text nodes), never as HTML, so nothing from a ticket's
// mail or the API can become markup.
import { wordsFor } from './messages.js';

/** h('button', {class: 'primary', onclick: f}, 'Save') */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

let ids = 0;

/** A labelled input (or textarea, with multiline) with its error line, tied to the input for screen readers. */
export function field({ label, name, type = 'text', hint, multiline = false, ...attrs }) {
  const id = `f-${name}-${++ids}`;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const hintLine = hint ? h('p', { class: 'hint', id: `${id}-hint`, text: hint }) : null;
  const describedBy = [hintLine ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
  const input = multiline
    ? h('textarea', { id, name, 'aria-describedby': describedBy, ...attrs })
    : h('input', { id, name, type, 'aria-describedby': describedBy, ...attrs });
  const wrap = h('div', { class: 'field' }, h('label', { for: id, text: label }), hintLine, input, error);
  return {
    wrap, input, label,
    get value() { return input.value; },
    showError(message) {
      error.textContent = message;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
    },
    clearError() {
      error.textContent = '';
      error.hidden = true;
      input.removeAttribute('aria-invalid');
    },
  };
}

/** The message line of a form (errors that concern no single field, and confirmations). */
export function messageLine() {
  const line = h('p', { class: 'form-message', role: 'alert', hidden: true });
  return {
    element: line,
    show(text, kind = 'error') { line.textContent = text; line.className = `form-message ${kind}`; line.hidden = false; },
    clear() { line.textContent = ''; line.hidden = true; },
  };
}

/** Shows a problem next to the field its code concerns (byCode: {code: field}), else on the form's message line. */
export function showProblem(problem, { fields = [], byCode = {}, message }) {
  fields.forEach((f) => f.clearError());
  message?.clear();
  const target = byCode[problem.code];
  if (target) { target.showError(wordsFor(problem)); target.input.focus(); return; }
  message?.show(wordsFor(problem));
}

/** Runs a form's submit handler with its buttons disabled, so a double click sends once. */
export function onSubmit(form, handler) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    try { await handler(); } finally { buttons.forEach((b) => { b.disabled = false; }); }
  });
}

/** A modal dialog with a question and two buttons; resolves true when confirmed. Escape cancels. */
export function confirmDialog({ title, body, confirm, cancel = 'Cancel', danger = false }) {
  return new Promise((resolve) => {
    const titleId = `d-${++ids}`;
    const yes = h('button', { type: 'button', class: danger ? 'danger' : 'primary', text: confirm });
    const no = h('button', { type: 'button', class: 'secondary', text: cancel });
    const dialog = h('dialog', { 'aria-labelledby': titleId },
      h('h2', { id: titleId, text: title }), ...[body].flat().map((text) => h('p', { text })),
      h('div', { class: 'actions' }, yes, no));
    const close = (answer) => { dialog.close(); dialog.remove(); resolve(answer); };
    yes.addEventListener('click', () => close(true));
    no.addEventListener('click', () => close(false));
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); close(false); });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

/** A date and time in the reader's locale. */
export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

const present = (nodes) => nodes.flat().filter((n) => n !== null && n !== undefined && n !== false);

/** element.append, skipping the parts a screen leaves out (null, undefined, false). */
export function add(element, ...children) {
  element.append(...present(children));
}

/** element.replaceChildren, skipping the parts a screen leaves out. */
export function fill(element, ...children) {
  element.replaceChildren(...present(children));
}
