// convgate console: pages drawn from the admin API (/api/v1) with the session cookie and the
// session's CSRF token. Every value is put into the page as text (textContent), never as HTML.
'use strict';

const state = { me: null, timer: null };

// ---------------------------------------------------------------- helpers

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'text') el.textContent = value;
    else el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const main = () => document.getElementById('main');

function show(...nodes) {
  const m = main();
  m.replaceChildren(...nodes);
}

function may(code) {
  return !!(state.me && state.me.may && state.me.may[code]);
}

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || 'convgate answered ' + status);
    this.status = status;
    this.body = body || {};
  }
}

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (state.me) headers['X-CSRF-Token'] = state.me.csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { message: 'convgate cannot be reached: is it running?' });
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = { message: text }; }
  if (response.status === 401 && path !== '/console/session') {
    state.me = null;
    signIn('Your session has ended: sign in again.');
    throw new ApiError(401, json);
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

function errorBox(error) {
  const body = error.body || {};
  const box = h('div', { class: 'alert error', role: 'alert' },
    h('strong', {}, error.status === 403 ? 'Not allowed. ' : error.status === 0 ? '' : 'Refused. '),
    error.message);
  if (Array.isArray(body.fieldErrors) && body.fieldErrors.length) {
    box.append(h('ul', {}, body.fieldErrors.map(p => h('li', {}, h('code', {}, p.pointer), ' ', p.message))));
  }
  return box;
}

function note(kind, ...text) {
  return h('div', { class: 'alert ' + kind, role: kind === 'error' ? 'alert' : 'status' }, ...text);
}

function when(iso) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  const t = new Date(iso);
  const seconds = Math.round((Date.now() - t.getTime()) / 1000);
  let ago;
  if (Math.abs(seconds) < 60) ago = seconds + ' s ago';
  else if (Math.abs(seconds) < 3600) ago = Math.round(seconds / 60) + ' min ago';
  else if (Math.abs(seconds) < 86400) ago = Math.round(seconds / 3600) + ' h ago';
  else ago = Math.round(seconds / 86400) + ' d ago';
  return h('time', { datetime: iso, title: t.toLocaleString() }, ago);
}

function table(columns, rows, empty) {
  if (!rows.length) return h('div', { class: 'table-wrap' }, h('div', { class: 'empty' }, empty));
  return h('div', { class: 'table-wrap' },
    h('table', {},
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.title)))),
      h('tbody', {}, rows.map(row => h('tr', {}, columns.map(c => h('td', { class: c.num ? 'num' : null }, c.cell(row))))))));
}

function button(label, action, opts) {
  const o = opts || {};
  const b = h('button', { type: 'button', class: o.class || null, 'data-action': o.name || null }, label);
  b.addEventListener('click', async () => {
    b.disabled = true;
    try { await action(b); } finally { b.disabled = false; }
  });
  return b;
}

// Two clicks for what cannot be undone: the first asks, the second does it.
function confirmButton(label, question, action, name) {
  const holder = h('span', { class: 'actions' });
  const first = h('button', { type: 'button', class: 'danger', 'data-action': name }, label);
  first.addEventListener('click', () => {
    holder.replaceChildren(h('span', { class: 'small' }, question),
      button('Yes, ' + label.toLowerCase(), action, { class: 'danger', name: name + '-confirm' }),
      button('Cancel', () => holder.replaceChildren(first), { class: 'quiet' }));
    holder.querySelector('button').focus();
  });
  holder.append(first);
  return holder;
}

function statusBadge(status) {
  const kind = { ACTIVE: 'ok', ENABLED: 'ok', DISABLED: '', SUCCEEDED: 'ok', OPEN: 'held', RUNNING: 'held', PAUSED: 'held',
    KEY_UNCHECKED: 'held', REPLAYING: 'held', AUTH_FAILED: 'bad', DELIVERED: 'ok', DEAD_LETTERED: 'bad', CLAIMED: 'held', PARKED: 'held', RETIRED: '', REPLAYED: 'ok',
    COMPLETED_WITH_FAILURES: 'bad', INTERRUPTED: 'bad', DISCARDED: '' }[status];
  return h('span', { class: 'badge ' + (kind || '') }, String(status).replace(/_/g, ' ').toLowerCase());
}

const HOLDS = {
  'auth-failed': 'Held: Hyros refused the key (401/403). Replace the key to resume.',
  'circuit-open': 'Held: Hyros keeps failing (timeouts, 5xx, 429); convgate probes and resumes by itself.',
  'key-unchecked': 'Held: Hyros could not yet be asked about the key; convgate asks again.',
  'paused': 'Held: paused by an operator. Resume to send again.',
  'backlog': 'Releasing parked deliveries, oldest first.',
};

function heldReason(line) {
  const i = line.integration;
  if (i.status === 'AUTH_FAILED') return HOLDS['auth-failed'];
  if (i.status === 'PAUSED') return HOLDS.paused;
  if (i.status === 'KEY_UNCHECKED') return HOLDS['key-unchecked'] + (i.keyCheckProblem ? ' (' + i.keyCheckProblem + ')' : '');
  return line.heldFor ? (HOLDS[line.heldFor] || 'Held: ' + line.heldFor) : null;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}

function every(ms, task) {
  stopTimer();
  state.timer = setInterval(task, ms);
}

function stopTimer() {
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
}

// ---------------------------------------------------------------- sign-in and routing

function signIn(message) {
  stopTimer();
  document.getElementById('top').hidden = true;
  const input = h('input', { type: 'password', name: 'key', id: 'key', autocomplete: 'off', required: true,
    placeholder: 'cgw_…', 'aria-describedby': 'key-help' });
  const problem = h('div', { id: 'sign-in-problem' });
  const form = h('form', { class: 'panel stack', id: 'sign-in' },
    h('h1', {}, 'convgate console'),
    h('p', { class: 'muted', id: 'key-help' },
      'Sign in with a gateway key (cgw_…). The key is exchanged for a session; the page never keeps it.'),
    message ? note('info', message) : null,
    h('label', { for: 'key' }, 'Gateway key', input),
    problem,
    h('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    problem.replaceChildren();
    try {
      state.me = await api('POST', '/console/session', { key: input.value });
      input.value = '';
      start();
    } catch (e) {
      problem.replaceChildren(errorBox(e));
    }
  });
  show(h('div', { class: 'signin' }, form));
  input.focus();
}

async function signOut() {
  try { await api('POST', '/console/session/end'); } catch (e) { /* the session is gone either way */ }
  state.me = null;
  history.replaceState(null, '', location.pathname);
  signIn('You are signed out.');
}

function start() {
  const top = document.getElementById('top');
  top.hidden = false;
  const me = state.me;
  document.getElementById('who').textContent =
    me.prefix + ' · ' + me.name + ' (' + me.kind.toLowerCase().replace('_', '-') + ')';
  for (const link of top.querySelectorAll('nav a[data-needs]')) link.hidden = !may(link.dataset.needs);
  if (!location.hash || location.hash === '#') location.hash = '#/overview';
  else route();
}

function route() {
  if (!state.me) return;
  stopTimer();
  const [path, search] = location.hash.slice(1).split('?');
  const params = Object.fromEntries(new URLSearchParams(search || ''));
  const parts = path.split('/').filter(Boolean);
  const page = parts[0] || 'overview';
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const pages = { overview, 'dead-letters': deadLetters, replays, integrations, routes, keys, audit };
  const draw = pages[page] || overview;
  show(h('p', { class: 'muted' }, 'Loading…'));
  Promise.resolve(draw(parts[1] ? decodeURIComponent(parts[1]) : null, params)).catch(e => {
    if (e instanceof ApiError && e.status === 401) return;
    show(errorBox(e));
  });
  main().focus({ preventScroll: true });
}

// ---------------------------------------------------------------- overview

async function overview() {
  const region = h('div', {});
  const draw = async () => {
    const [o, metrics] = await Promise.all([api('GET', '/api/v1/overview'),
      may('metrics:read') ? api('GET', '/api/v1/metrics') : Promise.resolve(null)]);
    const lines = o.integrations.filter(l => l.integration.status !== 'RETIRED');
    const held = lines.filter(l => heldReason(l) && l.heldFor !== 'backlog').length;
    const open = metrics && metrics.deadLetters ? (metrics.deadLetters.OPEN || 0) : null;
    region.replaceChildren(
      h('div', { class: 'tiles' },
        h('div', { class: 'tile' + (held ? ' warn' : '') }, h('span', { class: 'n' }, String(held)), ' held of ' + lines.length + ' integrations'),
        open === null ? null : h('a', { class: 'tile' + (open ? ' warn' : ''), href: '#/dead-letters?state=OPEN', id: 'open-dead-letters' },
          h('span', { class: 'n' }, String(open)), ' open dead letters'),
        h('div', { class: 'tile' }, h('span', { class: 'n' }, String(lines.reduce((n, l) => n + l.integration.parked, 0))), ' parked deliveries')),
      h('p', { class: 'muted small' }, 'Updated ', when(o.at), ', every 5 s.'),
      table([
        { title: 'Integration', cell: l => [h('strong', {}, l.integration.id), h('div', { class: 'muted small' }, l.integration.name || '')] },
        { title: 'Destination', cell: l => [h('span', { class: 'badge' }, l.integration.destination || 'hyros'),
          l.integration.account ? h('div', { class: 'muted small' }, l.integration.account.email) : null] },
        { title: 'Status', cell: l => [statusBadge(l.integration.status), heldReason(l) ? h('span', { class: 'why' }, heldReason(l)) : null] },
        { title: 'Pace used / limit', cell: l => l.pace.length
            ? l.pace.map(p => h('div', { class: 'small' }, p.used + ' / ' + p.limit + ' per ' + p.window))
            : h('span', { class: 'muted small' }, paceLimits(l.integration)) },
        { title: 'Per min', num: true, cell: l => String(l.deliveriesPerMinute) },
        { title: 'Parked', num: true, cell: l => String(l.integration.parked) },
        { title: 'Last delivery', cell: l => when(l.integration.lastDeliveryAt) },
        { title: 'Last error', cell: l => lastError(l.integration) },
      ], lines, 'No integrations yet. Create one on the Integrations page.'),
      h('h2', {}, 'Consumer lag'),
      table([
        { title: 'Group', cell: r => r.group },
        { title: 'Topic', cell: r => r.topic },
        { title: 'Partition', num: true, cell: r => String(r.partition) },
        { title: 'Lag', num: true, cell: r => String(r.lag) },
      ], o.lag, 'No lag measured yet (it is read from the broker every few seconds).'));
  };
  await draw();
  show(h('h1', {}, 'Overview'), region);
  every(5000, () => draw().catch(() => {}));
}

function paceLimits(i) {
  const parts = [];
  if (i.requestsPerSecond) parts.push(i.requestsPerSecond + ' per s');
  if (i.requestsPerMinute) parts.push(i.requestsPerMinute + ' per min');
  return parts.length ? 'limits ' + parts.join(', ') : 'Hyros defaults';
}

function lastError(i) {
  const e = i.lastError || i.lastRejection;
  if (!e) return h('span', { class: 'muted' }, '—');
  return h('div', { class: 'small' },
    h('span', { class: 'badge bad' }, e.reasonCode + (e.httpStatus ? ' ' + e.httpStatus : '')), ' ', when(e.at),
    h('div', {}, e.message || ''));
}

// ---------------------------------------------------------------- dead letters

const REASONS = ['hyros-rejected', 'retries-exhausted', 'invalid-data', 'invalid-envelope', 'unknown-integration',
  'integration-retired', 'unknown-type', 'not-json'];
const STATES = ['OPEN', 'REPLAYING', 'REPLAYED', 'DISCARDED'];

async function deadLetters(id, params) {
  if (id) return deadLetter(id);
  const filter = {
    integration: params.integration || '', reason: params.reason || '', type: params.type || '',
    state: params.state || '', from: params.from || '', to: params.to || '',
  };
  const field = (name, label, input) => h('label', { for: 'f-' + name }, label, input);
  const text = (name, placeholder) => h('input', { id: 'f-' + name, name, value: filter[name], placeholder });
  const choice = (name, options) => h('select', { id: 'f-' + name, name },
    h('option', { value: '' }, 'any'),
    options.map(o => h('option', { value: o, selected: filter[name] === o }, o)));
  const stamp = name => h('input', { id: 'f-' + name, name, type: 'datetime-local',
    value: filter[name] ? toLocalInput(filter[name]) : '' });
  const form = h('form', { class: 'filters panel', id: 'dead-letter-filters', role: 'search' },
    field('integration', 'Integration', text('integration', 'e.g. shop-eu')),
    field('reason', 'Reason', choice('reason', REASONS)),
    field('type', 'Event type', text('type', 'e.g. sale.completed')),
    field('state', 'State', choice('state', STATES)),
    field('from', 'From', stamp('from')),
    field('to', 'To', stamp('to')),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Filter'),
      h('a', { href: '#/dead-letters' }, 'Clear')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    for (const name of ['from', 'to']) if (data[name]) data[name] = new Date(data[name]).toISOString();
    location.hash = '#/dead-letters' + query(data);
  });
  const page = await api('GET', '/api/v1/dead-letters' + query({ ...filter, limit: 50, after: params.after || '' }));
  const outcome = h('div', { id: 'bulk-outcome' });
  const bulk = may('dead-letters:write') ? h('div', { class: 'actions' },
    button('Dry run for this filter', async () => {
      outcome.replaceChildren(await dryRun({ filter: cleaned(filter) }));
    }, { class: 'quiet', name: 'dry-run-filter' }),
    button('Replay this filter', async () => replay({ filter: cleaned(filter) }, outcome),
      { name: 'replay-filter' })) : null;
  const older = page.next ? h('a', { href: '#/dead-letters' + query({ ...filter, after: page.next }), id: 'older' }, 'Older →') : h('span');
  show(h('h1', {}, 'Dead letters'), form, bulk, outcome,
    table([
      { title: 'Id', num: true, cell: d => h('a', { href: '#/dead-letters/' + d.id }, '#' + d.id) },
      { title: 'When', cell: d => when(d.deadLetteredAt) },
      { title: 'Integration', cell: d => d.integration || h('span', { class: 'muted' }, '—') },
      { title: 'Type', cell: d => d.eventType || '—' },
      { title: 'Reason', cell: d => [h('span', { class: 'badge bad' }, d.reasonCode + (d.httpStatus ? ' ' + d.httpStatus : '')),
        h('div', { class: 'small' }, d.reason || '')] },
      { title: 'State', cell: d => statusBadge(d.state) },
      { title: 'Replays', num: true, cell: d => String(d.replayCount) },
    ], page.items, 'No dead letters match this filter.'),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      params.after ? h('a', { href: '#/dead-letters' + query(filter) }, '← Newest') : h('span'),
      h('span', { class: 'muted small' }, page.items.length + ' shown, newest first'), older));
}

function cleaned(filter) {
  const out = {};
  for (const [k, v] of Object.entries(filter)) if (v) out[k] = v;
  return out;
}

function toLocalInput(iso) {
  const d = new Date(iso);
  const pad = n => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':' + pad(d.getMinutes());
}

async function dryRun(request) {
  try {
    const plan = await api('POST', '/api/v1/replays', { ...request, dryRun: true });
    return h('div', { class: 'panel', id: 'dry-run' },
      h('h2', {}, 'Dry run: nothing was sent'),
      h('p', {}, plan.total + ' dead letters: ' + plan.wouldSend + ' would be sent, ' + plan.alreadyDelivered +
        ' were already delivered (skipped), ' + plan.wouldFail + ' would fail.'),
      table([
        { title: 'Id', num: true, cell: i => h('a', { href: '#/dead-letters/' + i.id }, '#' + i.id) },
        { title: 'Would', cell: i => i.action.replace(/_/g, ' ').toLowerCase() },
        { title: 'Why', cell: i => i.detail || '' },
      ], (plan.items || []).slice(0, 50), 'Nothing to replay.'));
  } catch (e) {
    return errorBox(e);
  }
}

async function replay(request, outcome) {
  try {
    const job = await api('POST', '/api/v1/replays', request);
    location.hash = '#/replays/' + encodeURIComponent(job.id);
  } catch (e) {
    outcome.replaceChildren(errorBox(e));
  }
}

async function deadLetter(id) {
  const [d, ledger] = await Promise.all([
    api('GET', '/api/v1/dead-letters/' + encodeURIComponent(id)),
    api('GET', '/api/v1/dead-letters/' + encodeURIComponent(id) + '/ledger')]);
  const outcome = h('div', { id: 'letter-outcome' });
  const writable = may('dead-letters:write') && d.state !== 'DISCARDED';
  const discardReason = h('input', { id: 'discard-reason', placeholder: 'why it is discarded', required: true });
  const actions = writable ? h('div', { class: 'actions' },
    button('Dry run', async () => outcome.replaceChildren(await dryRun({ ids: [d.id] })), { class: 'quiet', name: 'dry-run' }),
    button('Replay', () => replay({ ids: [d.id] }, outcome), { name: 'replay' }),
    h('label', { for: 'discard-reason', class: 'small' }, 'Discard reason', discardReason),
    confirmButton('Discard', 'It will not be replayed.', async () => {
      try {
        await api('POST', '/api/v1/dead-letters/' + d.id + '/discard', { reason: discardReason.value });
        route();
      } catch (e) { outcome.replaceChildren(errorBox(e)); }
    }, 'discard')) : null;
  const fields = [
    ['State', statusBadge(d.state)], ['Reason', h('span', { class: 'badge bad' }, d.reasonCode + (d.httpStatus ? ' ' + d.httpStatus : ''))],
    ['Why', d.reason], ['Stage', d.stage], ['Integration', d.integration], ['Event id', d.eventId],
    ['Event type', d.eventType], ['Source', (d.sourceTopic || '') + (d.sourcePartition !== null && d.sourcePartition !== undefined ? ' / partition ' + d.sourcePartition + ' / offset ' + d.sourceOffset : '')],
    ['Key', d.key], ['Dead-lettered', when(d.deadLetteredAt)], ['Replays', String(d.replayCount)],
    ['Closed', d.closedAt ? [when(d.closedAt), ' by ' + (d.closedBy || '?') + (d.closeReason ? ': ' + d.closeReason : '')] : null],
  ].filter(([, v]) => v !== null && v !== undefined && v !== '');
  const errors = Array.isArray(d.fieldErrors) ? d.fieldErrors : [];
  const messages = Array.isArray(d.hyrosMessages) ? d.hyrosMessages : d.hyrosMessages ? [d.hyrosMessages] : [];
  show(
    h('p', {}, h('a', { href: '#/dead-letters' }, '← Dead letters')),
    h('h1', {}, 'Dead letter #' + d.id),
    actions, outcome,
    h('div', { class: 'panel' }, h('dl', { class: 'fields', id: 'letter-fields' }, fields.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))),
    h('h2', {}, 'Field errors'),
    table([
      { title: 'Field', cell: e => h('code', {}, e.field || e.pointer || '') },
      { title: 'Problem', cell: e => e.message || JSON.stringify(e) },
    ], errors, 'No field errors: the event itself was valid.'),
    messages.length ? [h('h2', {}, 'What Hyros said'), h('pre', {}, messages.map(m => typeof m === 'string' ? m : JSON.stringify(m)).join('\n'))] : null,
    h('h2', {}, 'Original headers'),
    table([
      { title: 'Name', cell: x => h('code', {}, x.name) },
      { title: 'Value', cell: x => x.value === null ? h('span', { class: 'muted' }, 'null') : x.value },
    ], d.headers || [], 'No headers.'),
    h('h2', {}, 'Original bytes'),
    h('pre', { id: 'payload' }, d.payload !== null && d.payload !== undefined ? d.payload : d.payloadBase64 ? 'base64:' + d.payloadBase64 : '(empty)'),
    h('h2', {}, 'Ledger row'),
    ledgerRow(ledger.row),
    h('h2', {}, 'Replay history'),
    table([
      { title: 'When', cell: x => when(x.at) },
      { title: 'Job', cell: x => x.jobId ? h('a', { href: '#/replays/' + encodeURIComponent(x.jobId) }, x.jobId) : '—' },
      { title: 'State', cell: x => x.state },
      { title: 'Detail', cell: x => x.detail || '' },
    ], d.history || [], 'Never replayed.'));
}

function ledgerRow(l) {
  if (!l) return h('div', { class: 'panel muted', id: 'ledger' }, 'No ledger row: the event was refused before any call to Hyros.');
  const rows = [['State', statusBadge(l.state)], ['Idempotency key', h('code', {}, l.idempotencyKey)],
    ['Attempts', String(l.attempts)], ['Last HTTP status', l.lastHttpStatus === null ? '—' : String(l.lastHttpStatus)],
    ['Last error', l.lastError || '—'], ['Hyros request id', l.hyrosRequestId || '—'],
    ['Repeats (crash / timeout / connection lost)', l.inDoubtCount + ' / ' + l.timeoutRepeats + ' / ' + l.connectionLostRepeats],
    ['Created', when(l.createdAt)], ['Updated', when(l.updatedAt)], ['Delivered', when(l.deliveredAt)]];
  return h('div', { class: 'panel', id: 'ledger' }, h('dl', { class: 'fields' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
}

// ---------------------------------------------------------------- replay jobs

async function replays(id) {
  if (id) return replayJob(id);
  const list = await api('GET', '/api/v1/replays');
  show(h('h1', {}, 'Replay jobs'),
    table([
      { title: 'Job', cell: j => h('a', { href: '#/replays/' + encodeURIComponent(j.id) }, j.id) },
      { title: 'State', cell: j => statusBadge(j.state) },
      { title: 'Started', cell: j => when(j.createdAt) },
      { title: 'By', cell: j => j.requestedBy },
      { title: 'Total', num: true, cell: j => String(j.total) },
      { title: 'Delivered', num: true, cell: j => String(j.delivered) },
      { title: 'Skipped', num: true, cell: j => String(j.skipped) },
      { title: 'Failed', num: true, cell: j => String(j.failed) },
    ], list.items, 'No replays yet. Replay dead letters from the Dead letters page.'));
  if (list.items.some(j => j.state === 'RUNNING')) every(3000, () => location.hash.startsWith('#/replays') && route());
}

async function replayJob(id) {
  const region = h('div', { id: 'job', 'aria-live': 'polite' });
  const draw = async () => {
    const j = await api('GET', '/api/v1/replays/' + encodeURIComponent(id));
    const done = j.delivered + j.skipped + j.failed;
    const percent = j.total ? Math.round(done * 100 / j.total) : 100;
    region.replaceChildren(
      h('p', {}, statusBadge(j.state), ' ', h('span', { id: 'job-state', 'data-state': j.state },
        j.state === 'RUNNING' ? 'Running: ' + done + ' of ' + j.total + ' done' : 'Finished ' + (j.finishedAt ? new Date(j.finishedAt).toLocaleString() : ''))),
      h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent },
        h('span', { style: null, 'data-w': percent })),
      h('dl', { class: 'fields' },
        [['Total', j.total], ['Republished', j.republished], ['Delivered', j.delivered], ['Skipped (already delivered)', j.skipped],
          ['Failed', j.failed], ['Pending', j.pending], ['Requested by', j.requestedBy], ['Started', new Date(j.createdAt).toLocaleString()],
          ['Asked', JSON.stringify(j.request || {})]]
          .map(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])));
    region.querySelector('.progress span').style.width = percent + '%';
    if (j.state !== 'RUNNING') stopTimer();
  };
  await draw();
  show(h('p', {}, h('a', { href: '#/replays' }, '← Replay jobs')), h('h1', {}, 'Replay ' + id), h('div', { class: 'panel' }, region));
  every(1000, () => draw().catch(() => {}));
}

// ---------------------------------------------------------------- integrations

async function integrations() {
  const list = await api('GET', '/api/v1/integrations');
  const outcome = h('div', { id: 'integration-outcome' });
  const writable = may('integrations:write');
  const act = async (promise, done) => {
    try {
      const answer = await promise;
      if (done) outcome.replaceChildren(done(answer));
      else route();
    } catch (e) { outcome.replaceChildren(errorBox(e)); }
  };
  const rowActions = i => {
    if (!writable || i.status === 'RETIRED') return null;
    const keyInput = h('input', { type: 'password', autocomplete: 'off', placeholder: 'new Hyros key', 'aria-label': 'New Hyros key for ' + i.id });
    const keyForm = h('form', { class: 'inline-form', hidden: true },
      keyInput, h('button', { type: 'submit' }, 'Save key'));
    keyForm.addEventListener('submit', e => {
      e.preventDefault();
      act(api('PUT', '/api/v1/integrations/' + encodeURIComponent(i.id) + '/key', { hyrosApiKey: keyInput.value }));
    });
    return h('div', {},
      h('div', { class: 'actions' },
        i.status === 'PAUSED'
          ? button('Resume', () => act(api('POST', '/api/v1/integrations/' + encodeURIComponent(i.id) + '/resume')), { class: 'quiet', name: 'resume' })
          : button('Pause', () => act(api('POST', '/api/v1/integrations/' + encodeURIComponent(i.id) + '/pause')), { class: 'quiet', name: 'pause' }),
        button('Replace key', () => { keyForm.hidden = !keyForm.hidden; if (!keyForm.hidden) keyInput.focus(); }, { class: 'quiet', name: 'replace-key' }),
        button('Connect link', () => act(api('POST', '/api/v1/integrations/connect-links', { integrationId: i.id }),
          link => note('ok', 'Open this link in the browser that will sign in to Hyros (until ' + new Date(link.expiresAt).toLocaleString() + '): ',
            h('code', { class: 'secret' }, link.url))), { class: 'quiet', name: 'connect-link' }),
        confirmButton('Retire', 'Retiring cannot be undone.', () => act(api('DELETE', '/api/v1/integrations/' + encodeURIComponent(i.id))), 'retire')),
      keyForm);
  };
  show(h('h1', {}, 'Integrations'), writable ? createIntegration(act) : null, outcome,
    table([
      { title: 'Integration', cell: i => [h('strong', {}, i.id), h('div', { class: 'muted small' }, i.name || '')] },
      { title: 'Status', cell: i => [statusBadge(i.status), i.keyCheckProblem ? h('span', { class: 'why' }, i.keyCheckProblem) : null] },
      { title: 'Account', cell: i => i.account ? i.account.email : '—' },
      { title: 'Limits', cell: i => paceLimits(i) },
      { title: 'Key given', cell: i => when(i.keyUpdatedAt) },
      { title: 'Actions', cell: rowActions },
    ], list.items, 'No integrations yet.'));
}

function createIntegration(act) {
  const input = (name, label, attrs) => h('label', { for: 'new-' + name }, label, h('input', { id: 'new-' + name, name, ...(attrs || {}) }));
  const form = h('form', { class: 'filters panel', id: 'create-integration' },
    input('id', 'Id', { required: true, placeholder: 'shop-eu', pattern: '[a-z0-9._-]{1,64}' }),
    input('name', 'Name', { placeholder: 'Shop EU' }),
    input('hyrosApiKey', 'Hyros API key', { type: 'password', autocomplete: 'off', required: true }),
    input('requestsPerSecond', 'Requests per second', { type: 'number', min: 1 }),
    input('requestsPerMinute', 'Requests per minute', { type: 'number', min: 1 }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create integration')));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const body = { id: data.id, name: data.name || null, hyrosApiKey: data.hyrosApiKey,
      requestsPerSecond: data.requestsPerSecond ? Number(data.requestsPerSecond) : null,
      requestsPerMinute: data.requestsPerMinute ? Number(data.requestsPerMinute) : null };
    act(api('POST', '/api/v1/integrations', body));
  });
  return h('details', {}, h('summary', {}, 'New integration'), form);
}

// ---------------------------------------------------------------- routes (decision 0053)

function matches(r) {
  return 'source ' + (r.source || 'any') + ', type ' + (r.types.length ? r.types.join(', ') : 'any') +
    (r.field ? ', data ' + r.field + ' = ' + r.value : '');
}

async function routes() {
  const list = await api('GET', '/api/v1/routes');
  const outcome = h('div', { id: 'route-outcome' });
  const writable = may('integrations:write');
  const act = async promise => {
    try { await promise; route(); } catch (e) { outcome.replaceChildren(errorBox(e)); }
  };
  const path = r => '/api/v1/routes/' + encodeURIComponent(r.id);
  const rowActions = r => !writable ? null : h('div', { class: 'actions' },
    button(r.enabled ? 'Disable' : 'Enable', () => act(api('PATCH', path(r), { enabled: !r.enabled })),
      { class: 'quiet', name: r.enabled ? 'disable' : 'enable' }),
    confirmButton('Delete', 'Events it took go only where they or other routes say.', () => act(api('DELETE', path(r))), 'delete'));
  show(h('h1', {}, 'Routes'),
    h('p', { class: 'muted' }, 'An event goes to the integration it names and to the targets of every enabled route that matches it, each once. ' +
      'One that names none and that no route takes is dead-lettered as no-route.'),
    writable ? createRoute(act) : null, outcome,
    table([
      { title: 'Route', cell: r => [h('strong', {}, r.id), h('div', { class: 'muted small' }, r.name || '')] },
      { title: 'Matches', cell: r => matches(r) },
      { title: 'Targets', cell: r => r.targets.join(', ') },
      { title: 'State', cell: r => statusBadge(r.enabled ? 'ENABLED' : 'DISABLED') },
      { title: 'Changed', cell: r => when(r.updatedAt) },
      { title: 'Actions', cell: rowActions },
    ], list.items, 'No routes: events go to the integration they name.'));
}

function createRoute(act) {
  const input = (name, label, attrs) => h('label', { for: 'route-' + name }, label, h('input', { id: 'route-' + name, name, ...(attrs || {}) }));
  const form = h('form', { class: 'filters panel', id: 'create-route' },
    input('id', 'Id', { required: true, placeholder: 'eur-sales', pattern: '[a-z0-9._-]{1,64}' }),
    input('name', 'Name', { placeholder: 'EUR sales' }),
    input('source', 'Source', { placeholder: 'billing/* (any when empty)' }),
    input('types', 'Types', { placeholder: 'sale.completed, sale.refunded' }),
    input('field', 'Data field', { placeholder: '/currency' }),
    input('value', 'Equals', { placeholder: 'EUR' }),
    input('targets', 'Targets', { required: true, placeholder: 'shop-eu, shop-all' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create route')));
  const words = text => (text || '').split(',').map(w => w.trim()).filter(Boolean);
  form.addEventListener('submit', e => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    act(api('POST', '/api/v1/routes', { id: data.id, name: data.name || null, source: data.source || null,
      types: words(data.types), field: data.field || null, value: data.value || null, targets: words(data.targets) }));
  });
  return h('details', {}, h('summary', {}, 'New route'), form);
}

// ---------------------------------------------------------------- gateway keys

async function keys() {
  const list = await api('GET', '/api/v1/api-keys');
  const outcome = h('div', { id: 'key-outcome' });
  const writable = may('api-keys:write');
  show(h('h1', {}, 'Gateway keys'), writable ? createKey(outcome) : null, outcome,
    table([
      { title: 'Key', cell: k => [h('code', {}, k.prefix), h('div', { class: 'muted small' }, k.name)] },
      { title: 'Kind', cell: k => [k.kind.toLowerCase().replace('_', '-'), k.permissions.length ? h('div', { class: 'small' }, k.permissions.join(', ')) : null] },
      { title: 'Owner', cell: k => k.ownerType.toLowerCase() + ' ' + k.owner },
      { title: 'Created', cell: k => [when(k.createdAt), h('div', { class: 'muted small' }, 'by ' + (k.createdBy || '?'))] },
      { title: 'Last used', cell: k => when(k.lastUsedAt) },
      { title: 'State', cell: k => k.revokedAt ? [h('span', { class: 'badge' }, 'revoked'), ' ', when(k.revokedAt)] : h('span', { class: 'badge ok' }, 'active') },
      { title: '', cell: k => writable && !k.revokedAt ? confirmButton('Revoke', 'It stops working at once.', async () => {
          try { await api('DELETE', '/api/v1/api-keys/' + encodeURIComponent(k.id)); route(); } catch (e) { outcome.replaceChildren(errorBox(e)); }
        }, 'revoke') : null },
    ], list.items, 'No keys.'));
}

function createKey(outcome) {
  const kind = h('select', { id: 'new-key-kind', name: 'kind' }, ['READ_ONLY', 'RESTRICTED', 'ALL'].map(k => h('option', { value: k }, k.toLowerCase().replace('_', '-'))));
  const form = h('form', { class: 'filters panel', id: 'create-key' },
    h('label', { for: 'new-key-name' }, 'What it is for', h('input', { id: 'new-key-name', name: 'name', required: true })),
    h('label', { for: 'new-key-kind' }, 'Kind', kind),
    h('label', { for: 'new-key-permissions' }, 'Permissions (restricted keys)', h('input', { id: 'new-key-permissions', name: 'permissions', placeholder: 'dead-letters:write, integrations:read' })),
    h('label', { for: 'new-key-owner-type' }, 'Owner', h('select', { id: 'new-key-owner-type', name: 'ownerType' }, h('option', { value: 'PERSON' }, 'person'), h('option', { value: 'MACHINE' }, 'machine'))),
    h('label', { for: 'new-key-owner' }, 'Email or machine name', h('input', { id: 'new-key-owner', name: 'owner', required: true })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create key')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const permissions = data.permissions.split(',').map(s => s.trim()).filter(Boolean);
    try {
      const created = await api('POST', '/api/v1/api-keys', { name: data.name, kind: data.kind,
        permissions: permissions.length ? permissions : null, ownerType: data.ownerType, owner: data.owner });
      await keys();
      document.getElementById('key-outcome').replaceChildren(note('ok',
        h('strong', {}, 'Key created. Copy it now: it is shown this once and never again.'),
        h('code', { class: 'secret', id: 'new-secret' }, created.secret)));
    } catch (err) { outcome.replaceChildren(errorBox(err)); }
  });
  return h('details', {}, h('summary', {}, 'New key'), form);
}

// ---------------------------------------------------------------- audit log

async function audit(_, params) {
  const filter = { action: params.action || '', target: params.target || '', limit: params.limit || 100 };
  const form = h('form', { class: 'filters panel', role: 'search' },
    h('label', { for: 'a-action' }, 'Action', h('input', { id: 'a-action', name: 'action', value: filter.action, placeholder: 'e.g. api.refused' })),
    h('label', { for: 'a-target' }, 'Target starts with', h('input', { id: 'a-target', name: 'target', value: filter.target, placeholder: 'e.g. integration shop-eu' })),
    h('label', { for: 'a-limit' }, 'Rows', h('input', { id: 'a-limit', name: 'limit', type: 'number', min: 1, max: 1000, value: filter.limit })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Filter')));
  form.addEventListener('submit', e => {
    e.preventDefault();
    location.hash = '#/audit' + query(Object.fromEntries(new FormData(form)));
  });
  const rows = await api('GET', '/api/v1/audit' + query(filter));
  show(h('h1', {}, 'Audit log'), form,
    table([
      { title: 'When', cell: r => when(r.at) },
      { title: 'Who', cell: r => h('span', { class: 'small' }, r.actor) },
      { title: 'Action', cell: r => h('code', {}, r.action) },
      { title: 'Target', cell: r => r.target },
      { title: 'Outcome', cell: r => h('span', { class: 'badge ' + (r.outcome === 'ok' ? 'ok' : '') }, r.outcome) },
      { title: 'Detail', cell: r => h('span', { class: 'small' }, r.detail ? JSON.stringify(r.detail) : '') },
    ], rows.items, 'Nothing recorded for this filter.'));
}

// ---------------------------------------------------------------- start

window.addEventListener('hashchange', route);
document.addEventListener('DOMContentLoaded', async () => {
  document.getElementById('sign-out').addEventListener('click', signOut);
  try {
    state.me = await api('GET', '/console/session');
    start();
  } catch (e) {
    signIn(null);
  }
});
