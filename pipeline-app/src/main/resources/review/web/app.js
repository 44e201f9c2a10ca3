// PHIGate review page (Apache-2.0). Plain DOM, no framework: every value is set with textContent, never as HTML.
// Nothing is written to localStorage, sessionStorage or the URL; ids travel in API paths, PHI only in bodies.
(function () {
  'use strict';
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const role = document.querySelector('meta[name="reviewer-role"]').content;
  const URGENCIES = ['EMERGENCY', 'URGENT', 'SOON', 'ROUTINE'];
  const $ = (id) => document.getElementById(id);
  let current = null;

  function status(text, error) {
    const el = $('status');
    el.textContent = text;
    el.className = error ? 'error' : '';
  }

  async function api(path, body) {
    const options = { credentials: 'same-origin', headers: { 'Accept': 'application/json' } };
    if (body !== undefined) {
      options.method = 'POST';
      options.headers['Content-Type'] = 'application/json';
      options.headers['X-CSRF-Token'] = csrf;
      options.body = JSON.stringify(body);
    }
    const response = await fetch('/api/v1' + path, options);
    if (response.status === 401) {
      window.location.assign('/login');
      throw new Error('signed out');
    }
    const json = await response.json();
    return { status: response.status, json: json };
  }

  function age(seconds) {
    if (seconds < 60) return seconds + ' s';
    if (seconds < 3600) return Math.floor(seconds / 60) + ' min';
    if (seconds < 172800) return Math.floor(seconds / 3600) + ' h ' + Math.floor((seconds % 3600) / 60) + ' min';
    return Math.floor(seconds / 86400) + ' d';
  }

  function urgencyBadge(urgency) {
    const span = document.createElement('span');
    span.className = 'urgency urgency-' + urgency;
    span.textContent = urgency.charAt(0) + urgency.slice(1).toLowerCase();
    return span;
  }

  function cell(row, content) {
    const td = document.createElement('td');
    if (content instanceof Node) td.appendChild(content); else td.textContent = content;
    row.appendChild(td);
    return td;
  }

  async function loadQueue() {
    const form = $('filters');
    const params = new URLSearchParams();
    if (form.workflow.value.trim()) params.set('workflow', form.workflow.value.trim());
    if (form.urgency.value) params.set('urgency', form.urgency.value);
    if (form.minAgeMinutes.value) params.set('minAgeSeconds', String(Number(form.minAgeMinutes.value) * 60));
    if (form.escalated.value) params.set('escalated', form.escalated.value);
    const query = params.toString();
    const answer = await api('/queue' + (query ? '?' + query : ''));
    if (answer.status !== 200) {
      status('The queue could not be loaded: ' + answer.json.message, true);
      return;
    }
    const view = answer.json;
    const counts = $('counts');
    counts.replaceChildren();
    URGENCIES.forEach((u) => {
      const li = document.createElement('li');
      li.appendChild(urgencyBadge(u));
      li.appendChild(document.createTextNode(' ' + (view.counts[u] || 0)));
      counts.appendChild(li);
    });
    $('oldest').textContent = view.items.length ? 'Oldest waiting: ' + age(view.oldestAgeSeconds) : 'Nothing waiting.';
    const body = $('queue').tBodies[0];
    body.replaceChildren();
    const now = Date.now();
    view.items.forEach((item) => {
      const row = document.createElement('tr');
      row.dataset.reviewId = item.reviewId;
      cell(row, urgencyBadge(item.urgency));
      cell(row, item.category || '—');
      cell(row, item.workflow);
      cell(row, age(Math.max(0, Math.floor((now - item.heldAtMillis) / 1000))));
      cell(row, item.escalated ? 'Yes' : 'No');
      cell(row, item.modelId || '—');
      const open = document.createElement('button');
      open.type = 'button';
      open.className = 'open';
      open.textContent = 'Open';
      open.setAttribute('aria-label', 'Open ' + item.urgency.toLowerCase() + ' ' + (item.category || 'item')
        + ' waiting ' + age(Math.max(0, Math.floor((now - item.heldAtMillis) / 1000))));
      open.addEventListener('click', () => openItem(item.reviewId));
      cell(row, open);
      body.appendChild(row);
    });
  }

  function showQueue() {
    current = null;
    $('item-view').hidden = true;
    $('queue-view').hidden = false;
    $('i-draft').value = '';
    $('i-source').replaceChildren();
    loadQueue().then(() => $('queue-heading').focus());
  }

  async function openItem(reviewId) {
    const answer = await api('/items/' + encodeURIComponent(reviewId));
    if (answer.status !== 200) {
      status('The item could not be opened: ' + answer.json.message, true);
      return;
    }
    const item = answer.json;
    current = item;
    status('');
    $('i-urgency').replaceChildren(urgencyBadge(item.urgency || 'ROUTINE'));
    if (item.urgencySource) $('i-urgency').appendChild(document.createTextNode(' (set by ' + item.urgencySource.toLowerCase() + ')'));
    $('i-category').textContent = item.category || '—';
    $('i-flags').textContent = item.redFlags && item.redFlags.length ? item.redFlags.join(', ') : 'None';
    $('i-rationale').textContent = item.rationale || '—';
    $('i-model').textContent = item.modelId + (item.modelVersion ? ' ' + item.modelVersion : '')
      + (item.resultStatus === 'EGRESS_BLOCKED' ? ' (not run: the text still held possible PHI)'
        : item.resultStatus && item.resultStatus !== 'OK' ? ' (' + item.resultStatus.toLowerCase() + ')' : '');
    $('i-held').textContent = new Date(item.heldAt).toLocaleString();
    const source = $('i-source');
    source.replaceChildren();
    if (item.source && item.source.parts) {
      item.source.parts.forEach((part) => {
        const h = document.createElement('h3');
        h.textContent = part.path;
        const p = document.createElement('p');
        p.textContent = part.text;
        source.append(h, p);
      });
    } else {
      source.textContent = role === 'reviewer' ? 'The source message is not available.' : 'Auditors see no message text.';
    }
    $('i-draft').value = item.draftText || '';
    $('item-heading').textContent = 'Review item: ' + (item.category || 'message') + ', ' + (item.urgency || 'ROUTINE').toLowerCase();
    $('queue-view').hidden = true;
    $('item-view').hidden = false;
    $('item-heading').focus();
  }

  async function decide(body, done) {
    if (!current) return;
    const answer = await api('/items/' + encodeURIComponent(current.reviewId) + '/decision', body);
    if (answer.status === 202 || answer.status === 200) {
      status(done);
      showQueue();
    } else {
      status('Not recorded: ' + answer.json.message, true);
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    if (role !== 'reviewer') {
      document.querySelectorAll('[data-needs="reviewer"]').forEach((el) => { el.hidden = true; });
      $('i-draft').readOnly = true;
    }
    $('filters').addEventListener('submit', (e) => { e.preventDefault(); loadQueue(); });
    $('back').addEventListener('click', showQueue);
    $('approve').addEventListener('click', () => decide({ action: 'approve' }, 'Approved.'));
    $('edit-approve').addEventListener('click', () => decide({ action: 'edit-approve', editedText: $('i-draft').value },
      'Approved with your edits.'));
    $('reject-form').addEventListener('submit', (e) => {
      e.preventDefault();
      decide({ action: 'reject', reasonCode: $('reject-reason').value }, 'Rejected.');
    });
    $('redraft-form').addEventListener('submit', (e) => {
      e.preventDefault();
      decide({ action: 'request-redraft', reasonCode: $('redraft-reason').value }, 'A new draft was requested.');
    });
    $('reclassify-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const body = { action: 'reclassify' };
      if ($('new-urgency').value) body.urgency = $('new-urgency').value;
      if ($('new-category').value.trim()) body.category = $('new-category').value.trim();
      decide(body, 'The change was recorded.');
    });
    loadQueue().catch(() => status('The queue could not be loaded.', true));
  });
}());
