'use strict';

(() => {
	const { api, chart, element, empty, number, query, range, rangeText, remember, chosen } = Dashboard;
	const rangeSelect = document.getElementById('range');
	const content = document.getElementById('content');
	const panels = content.cloneNode(true);
	// More lines than this make a chart no one can read; the table still lists them all.
	const CHARTED = 10;

	async function load() {
		const listing = await api('api/v1/platforms?size=500');
		if (listing.totalItems === 0) {
			empty(content, 'No scored posts yet: run ./tributary demo, or post to ingest; the sentiment service '
				+ 'scores each post.');
			return;
		}
		if (!content.querySelector('#totals')) {
			content.replaceChildren(...panels.cloneNode(true).childNodes);
		}
		const { from, to } = range(rangeSelect);
		remember({ range: rangeSelect.value });
		const answers = await Promise.all(listing.items.map((platform) =>
			api('api/v1/insights/sentiment?' + query({ platform, from, to }))));
		const body = element('tbody');
		for (const answer of answers) {
			const totals = answer.totals;
			const id = (field) => 'platform.' + answer.platform + '.' + field;
			body.append(element('tr', { 'data-platform': answer.platform },
				element('td', { text: answer.platform }),
				...[['count', totals.count], ['positive', totals.positive], ['neutral', totals.neutral],
					['negative', totals.negative]].map(([field, value]) => element('td', { class: 'num',
					'data-figure': id(field), 'data-value': value, text: number(value) })),
				element('td', { class: 'num', 'data-figure': id('compoundMean'),
					'data-value': totals.compoundMean ?? '',
					text: (totals.compoundMean === null) ? '–' : number(totals.compoundMean, 3) })));
		}
		document.getElementById('totals').replaceChildren(element('table', {},
			element('thead', {}, element('tr', {}, element('th', { text: 'platform' }),
				...['posts', 'positive', 'neutral', 'negative', 'mean compound']
					.map((h) => element('th', { class: 'num', text: h })))), body));
		const charted = answers.filter((answer) => answer.totals.count > 0).slice(0, CHARTED);
		const hours = [...new Set(charted.flatMap((answer) => answer.hours.map((h) => h.hour)))].sort();
		const x = hours.map((hour) => Date.parse(hour) / 1000);
		const byHour = (answer, value) => {
			const known = new Map(answer.hours.map((h) => [h.hour, h.sentiment]));
			return hours.map((hour) => (known.has(hour) ? value(known.get(hour)) : null));
		};
		const compound = document.getElementById('compound-chart');
		const negative = document.getElementById('negative-chart');
		if (charted.length === 0) {
			const text = 'No scored posts in ' + rangeText(rangeSelect) + ': choose a longer range, or run '
				+ './tributary demo.';
			empty(compound, text);
			empty(negative, text);
			return;
		}
		chart(compound, { x, yLabel: 'compound', yRange: [-1, 1], series: charted.map((answer) => ({
			label: answer.platform, values: byHour(answer, (s) => s.compoundMean) })) });
		chart(negative, { x, yLabel: '% negative', yRange: [0, 100], series: charted.map((answer) => ({
			label: answer.platform,
			values: byHour(answer, (s) => (s.count > 0 ? (100 * s.negative) / s.count : null)) })) });
	}

	const wantedRange = chosen('range');
	if (wantedRange && [...rangeSelect.options].some((option) => option.value === wantedRange)) {
		rangeSelect.value = wantedRange;
	}
	const run = Dashboard.start('platforms.html', load);
	rangeSelect.addEventListener('change', run);
})();
