'use strict';

(() => {
	const { api, alerts, chart, element, empty, number, seconds } = Dashboard;

	function topicsTable(flow) {
		const body = element('tbody');
		for (const topic of flow.topics) {
			const id = (field) => 'flow.' + topic.topic + '.' + field;
			body.append(element('tr', { 'data-topic': topic.topic },
				element('td', { text: topic.topic }),
				element('td', { class: 'num', 'data-figure': id('recordsPerSecond'),
					'data-value': topic.recordsPerSecond ?? '',
					text: (topic.recordsPerSecond === null) ? 'measuring…' : number(topic.recordsPerSecond, 1) }),
				element('td', { class: 'num', 'data-figure': id('lag'), 'data-value': topic.lag,
					text: number(topic.lag) }),
				element('td', { class: 'num', 'data-figure': id('latencyP99Seconds'),
					'data-value': topic.latencyP99Seconds ?? '', text: seconds(topic.latencyP99Seconds) }),
				element('td', { class: 'num', 'data-figure': id('latencyMeanSeconds'),
					'data-value': topic.latencyMeanSeconds ?? '', text: seconds(topic.latencyMeanSeconds) }),
				element('td', { class: 'num', 'data-figure': id('records'), 'data-value': topic.records,
					text: number(topic.records) })));
		}
		return element('table', {},
			element('thead', {}, element('tr', {}, element('th', { text: 'topic' }),
				...['records/s', 'lag', 'latency p99', 'latency mean', 'records since start']
					.map((h) => element('th', { class: 'num', text: h })))),
			body);
	}

	function history(flow, container, emptyText, values) {
		if (flow.history.length === 0) {
			empty(container, emptyText);
			return;
		}
		const x = flow.history.map((point) => Date.parse(point.at) / 1000);
		chart(container, { x, ...values(flow.history) });
	}

	async function load() {
		const [flow, locations, recent] = await Promise.all([api('api/v1/flow'), api('api/v1/locations?size=1'),
			api('api/v1/alerts?limit=10')]);
		const noEvents = document.getElementById('no-events');
		if (locations.totalItems === 0) {
			empty(noEvents, 'No events yet: run ./tributary demo (a mixed load of weather, posts and feedback '
				+ 'through ingest), or post one as ./tributary up shows.');
		}
		else {
			noEvents.replaceChildren();
		}
		document.getElementById('window').textContent = '(rates and latencies over the last '
			+ flow.windowSeconds + ' s)';
		const topics = document.getElementById('topics');
		if (flow.topics.length === 0) {
			empty(topics, 'The warehouse has measured no topic yet: it starts within seconds of starting up.');
		}
		else {
			topics.replaceChildren(topicsTable(flow));
		}
		const collecting = 'Collecting: the first points appear within ' + (2 * flow.intervalSeconds)
			+ ' s of the warehouse starting.';
		const names = flow.topics.map((topic) => topic.topic);
		history(flow, document.getElementById('rate-chart'), collecting, (points) => ({
			yLabel: 'records/s',
			series: names.map((name) => ({ label: name, values: points.map((p) => p.recordsPerSecond[name] ?? 0) }))
		}));
		history(flow, document.getElementById('lag-chart'), collecting, (points) => ({
			yLabel: 'records',
			series: names.map((name) => ({ label: name, values: points.map((p) => p.lag[name] ?? 0) }))
		}));
		history(flow, document.getElementById('latency-chart'), collecting, (points) => ({
			yLabel: 'seconds',
			series: [{ label: 'p99', values: points.map((p) => p.latencyP99Seconds) },
				{ label: 'mean', values: points.map((p) => p.latencyMeanSeconds) }]
		}));
		alerts(document.getElementById('alerts'), recent,
			'No alerts yet: a reading at 35 °C or more, a hot 3-hour window or a run of negative posts about a '
			+ 'location raises one (./tributary demo has a heat spike in Seville).');
	}

	const run = Dashboard.start('index.html', load);
	setInterval(run, 5000);
})();
