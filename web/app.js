// newskg web page: a SPARQL editor, the who-met-whom network and an article view, all
// through the SPARQL endpoint at ./query. No build step, no CDN: the libraries are vendored.
'use strict';

const PREFIXES = `PREFIX nkg: <https://w3id.org/newskg#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
`;

// The vocabulary table (each predicate's name, label, symmetry, and whether it is a role) is
// the server's: the page lists no predicate of its own, so a new one needs no change here.
const VOCABULARY = fetch('vocabulary.json').then((r) => {
  if (!r.ok) throw new Error(`vocabulary.json: HTTP ${r.status}`);
  return r.json();
});
// The role predicates (those of the roles view) as SPARQL terms: nkg:envoyOf ...
const rolePredicates = () => VOCABULARY.then((v) => v.predicates.filter((p) => p.role).map((p) => 'nkg:' + p.name));
const ROLES_EXAMPLE = 'Roles: who leads, serves, represents or is related to whom';
const rolesExample = (roles) => `${PREFIXES}
SELECT DISTINCT ?who ?relation ?whom WHERE {
  VALUES ?p { ${roles.join(' ')} }
  ?s ?p ?o . ?s rdfs:label ?who . ?o rdfs:label ?whom .
  BIND(STRAFTER(STR(?p), "#") AS ?relation)
} ORDER BY ?relation ?who`;

const EXAMPLES = [
  ['Who met Vladimir Putin, when and where', `${PREFIXES}
SELECT DISTINCT ?who ?date ?place WHERE {
  ?target rdfs:label|skos:altLabel "Vladimir Putin" .
  ?m a nkg:Meeting ; nkg:participant ?target, ?other .
  ?other rdfs:label ?who .
  OPTIONAL { ?m nkg:date ?date }
  OPTIONAL { ?m nkg:location/rdfs:label ?place }
  FILTER(?other != ?target)
} ORDER BY ?date ?who`],
  ['Envoys of Donald Trump', `${PREFIXES}
SELECT DISTINCT ?envoy WHERE {
  ?trump rdfs:label "Donald Trump" .
  ?e nkg:envoyOf ?trump ; rdfs:label ?envoy .
} ORDER BY ?envoy`],
  ['The evidence for a fact (why is Ushakov an aide?)', `${PREFIXES}
SELECT ?doc ?sentence ?start ?end ?rule ?confidence WHERE {
  ?s rdfs:label "Yuri Ushakov" .
  ?st a nkg:Statement ; rdf:subject ?s ; rdf:predicate nkg:aideTo ;
      nkg:evidence ?ev ; nkg:rule ?rule ; nkg:confidence ?confidence .
  ?ev nkg:text ?sentence ; nkg:startChar ?start ; nkg:endChar ?end ; nkg:document ?doc .
}`],
  ['Who met whom (all meetings)', `${PREFIXES}
SELECT DISTINCT ?a ?b ?date WHERE {
  ?m a nkg:Meeting ; nkg:participant ?x, ?y . ?x nkg:metWith ?y .
  ?x rdfs:label ?a . ?y rdfs:label ?b . FILTER(STR(?a) < STR(?b))
  OPTIONAL { ?m nkg:date ?date }
} ORDER BY ?date ?a`],
  ['Meetings as a graph (CONSTRUCT, Turtle)', `${PREFIXES}
CONSTRUCT { ?a nkg:metWith ?b } WHERE { ?a nkg:metWith ?b } LIMIT 50`],
];

const $ = (s) => document.querySelector(s);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const iri = (s) => '<' + s.replace(/[<>"{}|^`\\\s]/g, '') + '>';
const lit = (s) => JSON.stringify(String(s));

function status(msg) { $('#status').textContent = msg; }

async function sparql(query, accept) {
  const r = await fetch('query', {
    method: 'POST',
    headers: { 'Content-Type': 'application/sparql-query', Accept: accept || 'application/sparql-results+json' },
    body: query,
  });
  const type = r.headers.get('content-type') || '';
  if (!r.ok) throw new Error(`HTTP ${r.status}: ${await r.text()}`);
  if (type.includes('json') && type.includes('sparql-results')) return { json: await r.json(), type };
  return { text: await r.text(), type };
}

async function rows(query) {
  const { json } = await sparql(PREFIXES + query);
  return json.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
}

// ---- tabs ----
document.querySelectorAll('nav button').forEach((b) => b.addEventListener('click', () => showTab(b.dataset.tab)));
function showTab(name) {
  document.querySelectorAll('nav button').forEach((b) => b.classList.toggle('active', b.dataset.tab === name));
  document.querySelectorAll('.tab').forEach((t) => t.classList.toggle('active', t.id === 'tab-' + name));
  if (name === 'sparql') editor.refresh();
  if (name === 'network') cy.resize();
  if (name === 'article' && !$('#docs').options.length) loadDocs();
}

// ---- SPARQL editor ----
const editor = CodeMirror.fromTextArea($('#query'), { mode: 'application/sparql-query', lineNumbers: true, indentUnit: 2 });
editor.setOption('extraKeys', { 'Ctrl-Enter': runQuery, 'Cmd-Enter': runQuery });
$('#examples').addEventListener('change', (e) => editor.setValue(EXAMPLES[e.target.value][1]));
editor.setValue(EXAMPLES[0][1]);

async function loadExamples() {
  // The roles example sits after the fixed ones about people and meetings.
  EXAMPLES.splice(EXAMPLES.length - 1, 0, [ROLES_EXAMPLE, rolesExample(await rolePredicates())]);
  EXAMPLES.forEach(([name], i) => $('#examples').add(new Option(name, i)));
}
$('#run').addEventListener('click', runQuery);

async function runQuery() {
  const out = $('#results');
  out.innerHTML = '<p class="hint">Running…</p>';
  const t0 = performance.now();
  try {
    const r = await sparql(editor.getValue(), 'application/sparql-results+json, text/turtle;q=0.9');
    const ms = (performance.now() - t0).toFixed(0);
    if (r.json && r.json.results) {
      const vars = r.json.head.vars;
      const body = r.json.results.bindings.map((b) => '<tr>' + vars.map((v) => `<td>${b[v] ? esc(b[v].value) : ''}</td>`).join('') + '</tr>').join('');
      out.innerHTML = `<table><thead><tr>${vars.map((v) => `<th>?${esc(v)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
      $('#took').textContent = `${r.json.results.bindings.length} rows in ${ms} ms`;
    } else if (r.json) {
      out.innerHTML = `<p>${esc(r.json.boolean)}</p>`;
      $('#took').textContent = `${ms} ms`;
    } else {
      out.innerHTML = `<pre>${esc(r.text)}</pre>`;
      $('#took').textContent = `${ms} ms`;
    }
  } catch (e) {
    out.innerHTML = `<p class="error">${esc(e.message)}</p>`;
    $('#took').textContent = '';
  }
}

// ---- network ----
const COLORS = { Person: '#4c78a8', Organization: '#54a24b', Place: '#e45756' };
const cy = cytoscape({
  container: $('#graph'),
  wheelSensitivity: 0.3,
  minZoom: 0.2,
  maxZoom: 1.4,
  style: [
    { selector: 'node', style: { label: 'data(label)', 'background-color': 'data(color)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 3, width: 18, height: 18 } },
    { selector: 'node.focus', style: { 'border-width': 3, 'border-color': '#f0b429', width: 26, height: 26 } },
    { selector: 'edge', style: { width: 'mapData(n, 1, 5, 1.5, 6)', 'line-color': '#9aa7b5', 'curve-style': 'bezier' } },
    { selector: 'edge:selected', style: { 'line-color': '#f0b429' } },
  ],
});
window.cy = cy;

function dateFilter(a, b) {
  const from = $('#from').value, to = $('#to').value;
  if (!from && !to) return '';
  const conds = [];
  if (from) conds.push(`?d >= ${lit(from)}^^xsd:date`);
  if (to) conds.push(`?d <= ${lit(to)}^^xsd:date`);
  return `FILTER EXISTS { ?fm a nkg:Meeting ; nkg:participant ${a}, ${b} ; nkg:date ?d . FILTER(${conds.join(' && ')}) }`;
}

function typeOf(types) {
  for (const t of ['Person', 'Organization', 'Place']) if ((types || '').includes('#' + t)) return t;
  return 'Person';
}

function addNode(id, label, types) {
  if (!cy.getElementById(id).length) {
    const t = typeOf(types);
    cy.add({ group: 'nodes', data: { id, label, type: t, color: COLORS[t] } });
  }
}

function addEdges(list) {
  for (const e of list) {
    addNode(e.a, e.al, e.at);
    addNode(e.b, e.bl, e.bt);
    const [x, y] = e.a < e.b ? [e.a, e.b] : [e.b, e.a];
    const id = 'e:' + x + '|' + y;
    if (!cy.getElementById(id).length) cy.add({ group: 'edges', data: { id, source: x, target: y, n: Number(e.n || 1) } });
  }
}

const EDGE_SELECT = `SELECT ?a ?al ?b ?bl (SAMPLE(?at0) AS ?at) (SAMPLE(?bt0) AS ?bt) (COUNT(DISTINCT ?m) AS ?n) WHERE {`;
const EDGE_END = `?a rdfs:label ?al . ?b rdfs:label ?bl .
  OPTIONAL { ?a a ?at0 FILTER(?at0 IN (nkg:Person, nkg:Organization, nkg:Place)) }
  OPTIONAL { ?b a ?bt0 FILTER(?bt0 IN (nkg:Person, nkg:Organization, nkg:Place)) }
  OPTIONAL { ?m a nkg:Meeting ; nkg:participant ?a, ?b }
} GROUP BY ?a ?al ?b ?bl`;

function layout() {
  cy.layout({ name: 'cose', animate: false, padding: 40, randomize: true, nodeRepulsion: () => 400000,
    idealEdgeLength: () => 90, nodeOverlap: 20, componentSpacing: 80, gravity: 60 }).run();
}

async function neighbours(id) {
  const list = await rows(`${EDGE_SELECT} BIND(${iri(id)} AS ?a) ?a nkg:metWith ?b . ${dateFilter('?a', '?b')} ${EDGE_END}`);
  addEdges(list);
  return list;
}

async function showPerson() {
  const name = $('#person').value.trim();
  if (!name) return;
  const found = await rows(`SELECT DISTINCT ?e WHERE { ?e rdfs:label|skos:altLabel ?n . FILTER(LCASE(STR(?n)) = LCASE(${lit(name)})) } LIMIT 1`);
  if (!found.length) { status(`No one called “${name}”.`); return; }
  cy.elements().remove();
  const id = found[0].e;
  const list = await neighbours(id);
  if (!list.length) {
    const me = await rows(`SELECT ?l (SAMPLE(?t) AS ?ty) WHERE { ${iri(id)} rdfs:label ?l . OPTIONAL { ${iri(id)} a ?t } } GROUP BY ?l`);
    addNode(id, me[0] ? me[0].l : name, me[0] && me[0].ty);
  }
  cy.getElementById(id).addClass('focus');
  layout();
  await nodeDetails(id);
  status(`${cy.nodes().length} nodes, ${cy.edges().length} edges`);
}

async function showAll() {
  cy.elements().remove();
  const list = await rows(`${EDGE_SELECT} ?a nkg:metWith ?b . FILTER(STR(?a) < STR(?b)) ${dateFilter('?a', '?b')} ${EDGE_END}`);
  addEdges(list);
  layout();
  status(`${cy.nodes().length} nodes, ${cy.edges().length} edges`);
}

async function nodeDetails(id) {
  const node = cy.getElementById(id);
  const met = await rows(`SELECT DISTINCT ?bl WHERE { ${iri(id)} nkg:metWith ?b . ?b rdfs:label ?bl . ${dateFilter(iri(id), '?b')} } ORDER BY ?bl`);
  const roles = await rows(`SELECT DISTINCT ?p ?ol WHERE { VALUES ?p { ${(await rolePredicates()).join(' ')} }
    ${iri(id)} ?p ?o . ?o rdfs:label ?ol } ORDER BY ?p ?ol`);
  $('#details').innerHTML = `<h3>${esc(node.data('label'))}</h3><p class="hint">${esc(node.data('type'))} · <code>${esc(id)}</code></p>
    <h4>Met (${met.length})</h4><ul id="neighbours">${met.map((m) => `<li>${esc(m.bl)}</li>`).join('')}</ul>
    ${roles.length ? `<h4>Roles</h4><ul id="roles">${roles.map((r) => `<li>${esc(r.p.split('#')[1])} ${esc(r.ol)}</li>`).join('')}</ul>` : ''}`;
}

function highlight(text, names) {
  // Longest names first, so "Vladimir Putin" wins over "Putin".
  const sorted = [...new Set(names.filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!sorted.length) return esc(text);
  const re = new RegExp(sorted.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  let out = '', last = 0;
  for (const m of text.matchAll(re)) {
    out += esc(text.slice(last, m.index)) + '<mark>' + esc(m[0]) + '</mark>';
    last = m.index + m[0].length;
  }
  return out + esc(text.slice(last));
}

async function edgeDetails(edge) {
  const a = edge.data('source'), b = edge.data('target');
  const names = (await rows(`SELECT ?n WHERE { VALUES ?e { ${iri(a)} ${iri(b)} } ?e rdfs:label|skos:altLabel ?n }`)).map((r) => r.n);
  // Meetings of both (their sentence), and any metWith statement between them.
  const ev = await rows(`SELECT DISTINCT ?text ?doc ?title ?pub ?date ?rule ?conf ?place WHERE {
    {
      ?m a nkg:Meeting ; nkg:participant ${iri(a)}, ${iri(b)} ; nkg:evidence ?s ; nkg:rule ?rule ; nkg:confidence ?conf .
      OPTIONAL { ?m nkg:date ?date } OPTIONAL { ?m nkg:location/rdfs:label ?place }
    } UNION {
      ?st a nkg:Statement ; rdf:subject ${iri(a)} ; rdf:predicate nkg:metWith ; rdf:object ${iri(b)} ;
          nkg:evidence ?s ; nkg:rule ?rule ; nkg:confidence ?conf .
    }
    ?s nkg:text ?text ; nkg:document ?doc .
    OPTIONAL { ?doc nkg:title ?title } OPTIONAL { ?doc nkg:published ?pub }
  } ORDER BY ?date ?doc`);
  const la = cy.getElementById(a).data('label'), lb = cy.getElementById(b).data('label');
  $('#details').innerHTML = `<h3>${esc(la)} — ${esc(lb)}</h3><p class="hint">${ev.length} piece${ev.length === 1 ? '' : 's'} of evidence</p>` +
    ev.map((e) => `<div class="evidence"><div class="sentence">${highlight(e.text, names)}</div>
      <div class="meta">${esc(e.title || e.doc.split('/').pop())} · <code>${esc(e.doc.split('/').pop())}</code>
      ${e.date ? ' · met ' + esc(e.date) : ''}${e.place ? ' in ' + esc(e.place) : ''}${e.pub ? ' · published ' + esc(e.pub) : ''}
      · rule <code>${esc(e.rule)}</code> · confidence ${esc(e.conf)}</div></div>`).join('');
}

cy.on('tap', 'node', async (evt) => {
  const id = evt.target.id();
  try {
    cy.nodes().removeClass('focus');
    evt.target.addClass('focus');
    const before = cy.elements().length;
    await neighbours(id);
    if (cy.elements().length !== before) layout();
    await nodeDetails(id);
    status(`${cy.nodes().length} nodes, ${cy.edges().length} edges`);
  } catch (e) { status(e.message); }
});
cy.on('tap', 'edge', (evt) => edgeDetails(evt.target).catch((e) => status(e.message)));
$('#show').addEventListener('click', () => showPerson().catch((e) => status(e.message)));
$('#person').addEventListener('keydown', (e) => { if (e.key === 'Enter') showPerson().catch((x) => status(x.message)); });
$('#all').addEventListener('click', () => showAll().catch((e) => status(e.message)));
for (const d of ['#from', '#to']) $(d).addEventListener('change', () => (cy.nodes('.focus').length ? showPerson() : showAll()).catch((e) => status(e.message)));

async function loadPeople() {
  const people = await rows(`SELECT DISTINCT ?l WHERE { ?p nkg:metWith ?o ; rdfs:label ?l } ORDER BY ?l`);
  $('#people').innerHTML = people.map((p) => `<option value="${esc(p.l)}">`).join('');
}

// ---- articles ----
async function loadDocs() {
  const docs = await rows(`SELECT ?doc (SAMPLE(?t) AS ?title) WHERE { ?doc a nkg:Document OPTIONAL { ?doc nkg:title ?t } } GROUP BY ?doc ORDER BY ?doc`);
  for (const d of docs) $('#docs').add(new Option(d.title || d.doc.split('/').pop(), d.doc));
  if (docs.length) await showDoc(docs[0].doc);
}
$('#docs').addEventListener('change', (e) => showDoc(e.target.value).catch((x) => status(x.message)));

async function showDoc(doc) {
  const g = iri(doc);
  const [meta, sentences, mentions, facts, meetings] = await Promise.all([
    rows(`SELECT ?title ?pub ?path WHERE { GRAPH ${g} { OPTIONAL { ${g} nkg:title ?title } OPTIONAL { ${g} nkg:published ?pub } OPTIONAL { ${g} nkg:sourcePath ?path } } }`),
    rows(`SELECT DISTINCT ?text ?start WHERE { GRAPH ${g} { ?s a nkg:Sentence ; nkg:text ?text ; nkg:startChar ?start } } ORDER BY ?start`),
    rows(`SELECT DISTINCT ?name ?type WHERE { GRAPH ${g} { ?e nkg:mentionedIn ${g} } ?e rdfs:label|skos:altLabel ?name ; a ?type . FILTER(?type IN (nkg:Person, nkg:Organization, nkg:Place)) }`),
    rows(`SELECT DISTINCT ?sl ?p ?ol ?rule ?conf WHERE { GRAPH ${g} { ?st a nkg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; nkg:rule ?rule ; nkg:confidence ?conf } ?s rdfs:label ?sl . ?o rdfs:label ?ol } ORDER BY ?p ?sl`),
    rows(`SELECT ?m (GROUP_CONCAT(DISTINCT ?pl; separator=", ") AS ?who) (SAMPLE(?d) AS ?date) (SAMPLE(?pn) AS ?place) WHERE { GRAPH ${g} { ?m a nkg:Meeting ; nkg:participant ?p . OPTIONAL { ?m nkg:date ?d } OPTIONAL { ?m nkg:location ?loc } } ?p rdfs:label ?pl . OPTIONAL { ?loc rdfs:label ?pn } } GROUP BY ?m ORDER BY ?date`),
  ]);
  const cls = { Person: 'm-person', Organization: 'm-org', Place: 'm-place' };
  const byName = new Map();
  for (const m of mentions) if (!byName.has(m.name)) byName.set(m.name, cls[typeOf(m.type)]);
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const re = names.length ? new RegExp('\\b(' + names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') + ')\\b', 'g') : null;
  const mark = (text) => {
    if (!re) return esc(text);
    let out = '', last = 0;
    for (const m of text.matchAll(re)) {
      out += esc(text.slice(last, m.index)) + `<span class="${byName.get(m[0])}">${esc(m[0])}</span>`;
      last = m.index + m[0].length;
    }
    return out + esc(text.slice(last));
  };
  const m = meta[0] || {};
  $('#article').innerHTML = `<h2>${esc(m.title || doc.split('/').pop())}</h2>
    <p class="hint">${m.pub ? 'published ' + esc(m.pub) + ' · ' : ''}${esc(m.path || '')} · <code>${esc(doc)}</code><br>
    The store keeps the sentences that gave facts (${sentences.length}); names the document mentions are marked.</p>
    ${sentences.map((s) => `<p data-start="${esc(s.start)}">${mark(s.text)}</p>`).join('')}`;
  $('#facts').innerHTML = `<h3>Meetings (${meetings.length})</h3><ul>${meetings.map((x) => `<li>${esc(x.who)}${x.date ? ' · ' + esc(x.date) : ''}${x.place ? ' · ' + esc(x.place) : ''}</li>`).join('')}</ul>
    <h3>Relations (${facts.length})</h3><ul>${facts.map((f) => `<li>${esc(f.sl)} <b>${esc(f.p.split('#')[1])}</b> ${esc(f.ol)} <span class="hint">(${esc(f.rule)}, ${esc(f.conf)})</span></li>`).join('')}</ul>`;
}

Promise.all([loadExamples(), loadPeople()]).then(() => status('ready')).catch((e) => status(e.message));
