// Shared by every page of the dashboard: the API key, calls to the warehouse's API, the
// navigation, charts (uPlot) and figures. Everything shown is set with textContent: event
// fields are input from anyone.
'use strict';

const Dashboard = (() => {
	const KEY = 'tributary.apiKey';

	const PAGES = [
		['index.html', 'Overview'],
		['location.html', 'Location'],
		['product.html', 'Product'],
		['platforms.html', 'Platforms']
	];

	const RANGES = { '6h': 6, '24h': 24, '3d': 72, '7d': 168 };

	const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf',
		'#7f7f7f', '#bcbd22'];

	const SENTIMENT_COLORS = { positive: '#2ca02c', neutral: '#9e9e9e', negative: '#d62728' };

	let keyWaiters = [];

	/** An API call that failed; status 0 means the warehouse did not answer. */
	class ApiError extends Error {
		constructor(status, message) {
			super(message);
			this.status = status;
		}
	}

	function element(tag, attributes = {}, ...children) {
		const node = document.createElement(tag);
		for (const [name, value] of Object.entries(attributes)) {
			if (name === 'text') {
				node.textContent = value;
			}
			else if (value !== undefined && value !== null) {
				node.setAttribute(name, value);
			}
		}
		for (const child of children) {
			node.append(child);
		}
		return node;
	}

	function storedKey() {
		return sessionStorage.getItem(KEY);
	}

	/** Shows the key prompt and resolves once a key was entered. */
	function askForKey(message) {
		const dialog = document.getElementById('key-dialog');
		const problem = document.getElementById('key-problem');
		problem.textContent = message || '';
		problem.hidden = !message;
		document.getElementById('key-input').value = '';
		if (!dialog.open) {
			dialog.showModal();
		}
		document.getElementById('key-input').focus();
		return new Promise((resolve) => keyWaiters.push(resolve));
	}

	function installKeyDialog() {
		const dialog = element('dialog', { id: 'key-dialog' },
			element('form', { method: 'dialog', id: 'key-form' },
				element('h2', { text: 'API key' }),
				element('p', { text: 'The dashboard reads the warehouse\'s API, which needs one of its API keys. '
					+ './tributary up prints it (or see .tributary/api-key). It is kept in this browser tab '
					+ 'until you close it, and sent only in the X-API-Key header.' }),
				element('p', { id: 'key-problem', class: 'problem', role: 'alert', hidden: '' }),
				element('label', { for: 'key-input', text: 'API key' }),
				element('input', { id: 'key-input', type: 'password', autocomplete: 'off', required: '',
					spellcheck: 'false' }),
				element('button', { id: 'key-submit', type: 'submit', text: 'Use this key' })));
		dialog.addEventListener('cancel', (event) => event.preventDefault());
		dialog.querySelector('form').addEventListener('submit', (event) => {
			const key = document.getElementById('key-input').value.trim();
			if (!key) {
				event.preventDefault();
				return;
			}
			sessionStorage.setItem(KEY, key);
			const waiters = keyWaiters;
			keyWaiters = [];
			waiters.forEach((resolve) => resolve(key));
		});
		document.body.append(dialog);
	}

	function installHeader(current) {
		const nav = element('nav', { 'aria-label': 'pages' });
		for (const [href, label] of PAGES) {
			const link = element('a', { href, text: label });
			if (href === current) {
				link.setAttribute('aria-current', 'page');
			}
			nav.append(link);
		}
		const forget = element('button', { id: 'forget-key', type: 'button', class: 'link', text: 'Forget API key' });
		forget.addEventListener('click', () => {
			sessionStorage.removeItem(KEY);
			location.reload();
		});
		document.body.prepend(element('header', {}, element('span', { class: 'brand', text: 'Tributary' }), nav,
			forget));
	}

	/**
	 * GETs a path of the warehouse's API with the key; asks for the key first if there is
	 * none, and again (saying so) if the warehouse refuses it.
	 */
	async function api(path) {
		for (;;) {
			let key = storedKey();
			if (!key) {
				key = await askForKey();
			}
			let response;
			try {
				response = await fetch(path, { headers: { 'X-API-Key': key, 'Accept': 'application/json' } });
			}
			catch (error) {
				throw new ApiError(0, 'The warehouse did not answer: is it running? (' + error.message + ')');
			}
			if (response.status === 401) {
				if (storedKey() === key) {
					sessionStorage.removeItem(KEY);
				}
				await askForKey('That API key was not accepted by the warehouse (401): check it and try again.');
				continue;
			}
			if (!response.ok) {
				let detail = response.statusText;
				try {
					const problem = await response.json();
					detail = problem.detail || problem.title || detail;
				}
				catch (ignored) {
					// Not a problem body: the status says enough.
				}
				throw new ApiError(response.status, detail + ' (' + response.status + ')');
			}
			return response.json();
		}
	}

	/** Fills a page's status line: what went wrong, or nothing. */
	function showError(error) {
		const status = document.getElementById('status');
		if (status) {
			status.textContent = error ? String(error.message || error) : '';
			status.hidden = !error;
		}
	}

	/** Replaces a panel's content with an empty state that says what to do. */
	function empty(container, text) {
		container.replaceChildren(element('p', { class: 'empty', 'data-empty': '', text }));
	}

	function figure(name, value, format = (v) => v) {
		const node = document.querySelector('[data-figure="' + CSS.escape(name) + '"]');
		if (node) {
			node.textContent = (value === null || value === undefined) ? '–' : format(value);
			node.dataset.value = (value === null || value === undefined) ? '' : String(value);
		}
		return node;
	}

	const number = (value, digits = 0) => Number(value).toLocaleString('en-US', {
		minimumFractionDigits: digits, maximumFractionDigits: digits });

	function seconds(value) {
		if (value === null || value === undefined) {
			return '–';
		}
		return (value < 1) ? number(value * 1000, 0) + ' ms' : number(value, 2) + ' s';
	}

	const hourLabel = (instant) => new Date(instant).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

	/**
	 * Draws a chart into a container: x are seconds since the epoch (or categories with
	 * `categories`), each series a label, a colour and its values (null for a gap).
	 */
	function chart(container, { x, series, yLabel, bars = false, categories = null, yRange = null }) {
		container.replaceChildren();
		const points = series.reduce((total, s) => total + s.values.filter((v) => v !== null
			&& v !== undefined).length, 0);
		container.dataset.points = String(points);
		// The colours drawn, so that a test can tell a drawn series from drawn axes.
		container.dataset.colors = series.map((s, i) => s.color || COLORS[i % COLORS.length]).join(',');
		const width = Math.max(300, container.clientWidth || 600);
		const options = {
			width,
			height: 240,
			scales: { x: categories ? { time: false, range: [0.5, categories.length + 0.5] } : { time: true },
				y: yRange ? { range: yRange } : {} },
			series: [{ label: categories ? '' : 'UTC', value: categories
				? (u, v) => (v === null ? '' : categories[Math.round(v) - 1])
				: (u, v) => (v === null ? '' : new Date(v * 1000).toISOString().slice(0, 16).replace('T', ' ')) }],
			axes: [categories
				? { values: (u, splits) => splits.map((v) => (Number.isInteger(v) ? categories[v - 1] || '' : '')),
					splits: () => categories.map((c, i) => i + 1) }
				: {},
			{ label: yLabel, size: 60 }],
			legend: { live: false }
		};
		series.forEach((s, i) => options.series.push({
			label: s.label,
			stroke: s.color || COLORS[i % COLORS.length],
			fill: bars ? (s.color || COLORS[i % COLORS.length]) + 'cc' : undefined,
			width: bars ? 1 : 2,
			points: { show: !bars, size: 7 },
			paths: bars ? uPlot.paths.bars({ size: [0.7 / series.length, 60], align: 0, gap: 1 }) : undefined,
			spanGaps: false
		}));
		// uPlot draws in UTC when told so: the API's hours are UTC hours.
		options.tzDate = (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');
		const plot = new uPlot(options, [x, ...series.map((s) => s.values)], container);
		container.dataset.rendered = 'true';
		return plot;
	}

	/** The start and end of the range chosen in a select of RANGES, ending now. */
	function range(select) {
		const hours = RANGES[select.value] || 24;
		const to = new Date();
		const from = new Date(to.getTime() - hours * 3600 * 1000);
		return { from: from.toISOString(), to: to.toISOString(), hours };
	}

	function rangeText(select) {
		return 'the last ' + select.options[select.selectedIndex].textContent;
	}

	function query(parameters) {
		const search = new URLSearchParams();
		for (const [name, value] of Object.entries(parameters)) {
			if (value !== null && value !== undefined && value !== '') {
				search.set(name, value);
			}
		}
		return search.toString();
	}

	/** Remembers a page's choices in its address (never the key). */
	function remember(parameters) {
		history.replaceState(null, '', location.pathname + '?' + query(parameters));
	}

	const chosen = (name) => new URLSearchParams(location.search).get(name);

	/** An alert's value or threshold: a share of negative posts, or a temperature. */
	function measure(kind, value) {
		return (kind === 'sentiment-drop') ? number(value * 100, 0) + ' % negative' : number(value, 1) + ' °C';
	}

	/** Fills the alerts table of a panel, or its empty state. */
	function alerts(container, answer, emptyText) {
		if (answer.alerts.length === 0) {
			empty(container, emptyText);
			return;
		}
		const body = element('tbody');
		for (const alert of answer.alerts) {
			body.append(element('tr', { 'data-alert': alert.id },
				element('td', { text: hourLabel(alert.from).replace(' UTC', '') }),
				element('td', {}, element('span', { class: 'kind ' + alert.kind, text: alert.kind })),
				element('td', { text: alert.location }),
				element('td', { class: 'num', text: measure(alert.kind, alert.value) }),
				element('td', { class: 'num', text: measure(alert.kind, alert.threshold) }),
				element('td', { class: 'num', text: number(alert.count) })));
		}
		container.replaceChildren(element('table', { class: 'alerts' },
			element('thead', {}, element('tr', {}, ...['from (UTC)', 'kind', 'location', 'value', 'threshold',
				'count'].map((h) => element('th', { text: h })))), body));
	}

	/** Sets a page up: header, key prompt, then its loader, again on every change. */
	function start(page, load) {
		installHeader(page);
		installKeyDialog();
		let running = null;
		// One load at a time: a poll while the key prompt is open waits for that load.
		const run = () => {
			if (!running) {
				running = load().then(() => showError(null), (error) => showError(error))
					.finally(() => {
						running = null;
						document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
					});
			}
			return running;
		};
		run();
		return run;
	}

	return { api, alerts, chart, chosen, element, empty, figure, hourLabel, number, query, range, rangeText,
		remember, seconds, showError, start, COLORS, SENTIMENT_COLORS };
})();
