// Small DOM helpers. Text always goes in as text (never as HTML), so nothing from the API can become markup.
import { wordsFor, fieldWords } from './messages.js';

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

/** A labelled input with its error line; the error is tied to the input for screen readers. */
export function field({ label, name, type = 'text', hint, ...attrs }) {
  const id = `f-${name}-${++ids}`;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const hintLine = hint ? h('p', { class: 'hint', id: `${id}-hint`, text: hint }) : null;
  const input = h('input', {
    id, name, type, 'aria-describedby': [hintLine ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' '),
    ...attrs,
  });
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

/** A labelled select. options: [[value, text], …] */
export function select({ label, name, options, value }) {
  const id = `f-${name}-${++ids}`;
  const input = h('select', { id, name }, options.map(([v, text]) => h('option', { value: v, text, selected: v === value })));
  return { wrap: h('div', { class: 'field' }, h('label', { for: id, text: label }), input), input };
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

/**
 * Shows a problem where it belongs: next to the field it concerns (by the API's field name or by code), else on the
 * form's message line. fields: {apiFieldName: field}; byCode: {problemCode: field}.
 */
export function showProblem(problem, { fields = {}, byCode = {}, message }) {
  Object.values(fields).forEach((f) => f.clearError());
  message?.clear();
  let shown = false;
  if (problem.code === 'validation_failed' && problem.errors.length) {
    for (const { field: name, message: text } of problem.errors) {
      const target = fields[name];
      if (target) { target.showError(fieldWords(target.label, text)); shown = true; }
    }
  }
  const target = byCode[problem.code];
  if (!shown && target) { target.showError(wordsFor(problem)); target.input.focus(); shown = true; }
  if (!shown) message?.show(wordsFor(problem));
}

/** Runs a form's submit handler with the button disabled, so a double click sends once. */
export function onSubmit(form, handler) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    try { await handler(); } finally { buttons.forEach((b) => { b.disabled = false; }); }
  });
}

/** mm:ss for a countdown. */
export function clockText(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Copies text to the clipboard; says whether it worked. */
export async function copy(text, status) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied.';
  } catch (e) {
    status.textContent = 'Copying is not allowed here: select the text and copy it yourself.';
  }
}

/** A modal dialog with a question and two buttons; resolves true when confirmed. */
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
