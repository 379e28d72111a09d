'use strict';

(() => {
	const { api, alerts, chart, chosen, element, empty, figure, number, query, range, rangeText, remember } = Dashboard;
	const select = document.getElementById('location');
	const rangeSelect = document.getElementById('range');
	const content = document.getElementById('content');
	const panels = content.cloneNode(true);
	let listed = false;

	async function listLocations() {
		const page = await api('api/v1/locations?size=500');
		const wanted = chosen('location');
		select.replaceChildren(...page.items.map((item) => element('option', { value: item.location,
			text: item.location })));
		if (wanted && page.items.some((item) => item.location === wanted)) {
			select.value = wanted;
		}
		listed = page.items.length > 0;
		return page.items.length;
	}

	/** A mean over hours, weighted by how many values each hour's mean is of. */
	function weightedMean(hours, mean, count) {
		let sum = 0;
		let total = 0;
		for (const hour of hours) {
			if (mean(hour) !== null && count(hour) > 0) {
				sum += mean(hour) * count(hour);
				total += count(hour);
			}
		}
		return (total > 0) ? sum / total : null;
	}

	async function load() {
		if (!listed && await listLocations() === 0) {
			empty(content, 'No locations yet: run ./tributary demo, or post weather readings, posts or feedback '
				+ 'that name a location.');
			return;
		}
		if (!content.querySelector('.figures')) {
			content.replaceChildren(...panels.cloneNode(true).childNodes);
		}
		const location = select.value;
		const { from, to } = range(rangeSelect);
		remember({ location, range: rangeSelect.value });
		const [insights, raised] = await Promise.all([
			api('api/v1/insights/hourly?' + query({ location, from, to })),
			api('api/v1/alerts?' + query({ location, from, to, limit: 100 }))]);
		const hours = insights.hours;
		const sum = (field) => hours.reduce((total, hour) => total + field(hour), 0);
		const readings = sum((h) => h.weather.readings);
		figure('readings', readings, number);
		figure('temperatureMean', weightedMean(hours, (h) => h.weather.temperatureMeanC, (h) => h.weather.readings),
			(v) => number(v, 1));
		const maxima = hours.map((h) => h.weather.temperatureMaxC).filter((v) => v !== null);
		figure('temperatureMax', maxima.length ? Math.max(...maxima) : null, (v) => number(v, 1));
		figure('posts', sum((h) => h.posts.count), number);
		figure('sentimentMix', sum((h) => h.sentiment.count) ? [sum((h) => h.sentiment.positive),
			sum((h) => h.sentiment.neutral), sum((h) => h.sentiment.negative)] : null,
			(mix) => mix.map((v) => number(v)).join(' / '));
		const feedback = sum((h) => h.feedback.count);
		figure('feedback', feedback, number);
		figure('ratingMean', weightedMean(hours, (h) => h.feedback.ratingMean, (h) => h.feedback.count),
			(v) => number(v, 2));
		const x = hours.map((h) => Date.parse(h.hour) / 1000);
		const nothing = (what) => 'No ' + what + ' from ' + location + ' in ' + rangeText(rangeSelect)
			+ ': choose a longer range, or run ./tributary demo.';
		const temperature = document.getElementById('temperature-chart');
		if (readings === 0) {
			empty(temperature, nothing('weather readings'));
		}
		else {
			chart(temperature, { x, yLabel: '°C', series: [
				{ label: 'mean', color: '#d62728', values: hours.map((h) => h.weather.temperatureMeanC) },
				{ label: 'min', color: '#1f77b4', values: hours.map((h) => h.weather.temperatureMinC) },
				{ label: 'max', color: '#ff7f0e', values: hours.map((h) => h.weather.temperatureMaxC) }] });
		}
		const posts = document.getElementById('posts-chart');
		if (sum((h) => h.posts.count + h.sentiment.count) === 0) {
			empty(posts, nothing('posts'));
		}
		else {
			const colors = Dashboard.SENTIMENT_COLORS;
			chart(posts, { x, yLabel: 'posts', series: [
				{ label: 'posts', color: '#16263f', values: hours.map((h) => h.posts.count) },
				{ label: 'positive', color: colors.positive, values: hours.map((h) => h.sentiment.positive) },
				{ label: 'neutral', color: colors.neutral, values: hours.map((h) => h.sentiment.neutral) },
				{ label: 'negative', color: colors.negative, values: hours.map((h) => h.sentiment.negative) }] });
		}
		const rating = document.getElementById('rating-chart');
		if (feedback === 0) {
			empty(rating, nothing('feedback'));
		}
		else {
			chart(rating, { x, yLabel: 'rating', yRange: [1, 5], series: [
				{ label: 'mean rating', color: '#9467bd', values: hours.map((h) => h.feedback.ratingMean) }] });
		}
		alerts(document.getElementById('alerts'), raised,
			'No alerts for ' + location + ' in ' + rangeText(rangeSelect) + '.');
	}

	const wantedRange = chosen('range');
	if (wantedRange && [...rangeSelect.options].some((option) => option.value === wantedRange)) {
		rangeSelect.value = wantedRange;
	}
	const run = Dashboard.start('location.html', load);
	select.addEventListener('change', run);
	rangeSelect.addEventListener('change', run);
})();
