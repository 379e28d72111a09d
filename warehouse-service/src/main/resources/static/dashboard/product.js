'use strict';

(() => {
	const { api, chart, chosen, element, empty, figure, number, query, range, rangeText, remember } = Dashboard;
	const select = document.getElementById('product');
	const rangeSelect = document.getElementById('range');
	const content = document.getElementById('content');
	let listed = false;

	async function listProducts() {
		const page = await api('api/v1/products?size=500');
		const wanted = chosen('product');
		select.replaceChildren(...page.items.map((item) => element('option', { value: item.productId,
			text: item.productId })));
		if (wanted && page.items.some((item) => item.productId === wanted)) {
			select.value = wanted;
		}
		listed = page.items.length > 0;
		return page.items.length;
	}

	async function load() {
		if (!listed && await listProducts() === 0) {
			empty(content, 'No products yet: run ./tributary demo, or post feedback or posts that name a '
				+ 'productId.');
			return;
		}
		const productId = select.value;
		remember({ product: productId, range: rangeSelect.value });
		const { from, to } = range(rangeSelect);
		const path = 'api/v1/insights/products/' + encodeURIComponent(productId);
		const [product, hourly] = await Promise.all([api(path), api(path + '/hourly?' + query({ from, to }))]);
		const feedback = product.feedback;
		const sentiment = product.sentiment;
		figure('feedback', feedback.count, number);
		figure('ratingMean', feedback.ratingMean, (v) => number(v, 2));
		figure('posts', product.posts.count, number);
		figure('sentimentMix', sentiment.count ? [sentiment.positive, sentiment.neutral, sentiment.negative] : null,
			(mix) => mix.map((v) => number(v)).join(' / '));
		figure('compoundMean', sentiment.compoundMean, (v) => number(v, 3));
		const histogram = document.getElementById('histogram-chart');
		if (feedback.count === 0) {
			empty(histogram, 'No feedback about ' + productId + ' yet: run ./tributary demo, or post feedback '
				+ 'naming it.');
		}
		else {
			const ratings = ['1', '2', '3', '4', '5'];
			chart(histogram, { x: [1, 2, 3, 4, 5], bars: true, categories: ratings.map((r) => r + ' ★'),
				yLabel: 'feedback', yRange: [0, Math.max(1, ...ratings.map((r) => feedback.ratings[r]))],
				series: [{ label: 'times given', color: '#1f5fbf',
					values: ratings.map((r) => feedback.ratings[r]) }] });
		}
		const rating = document.getElementById('rating-chart');
		if (hourly.hours.length === 0) {
			empty(rating, 'No feedback about ' + productId + ' in ' + rangeText(rangeSelect)
				+ ': choose a longer range, or run ./tributary demo.');
		}
		else {
			chart(rating, { x: hourly.hours.map((h) => Date.parse(h.hour) / 1000), yLabel: 'rating', yRange: [1, 5],
				series: [{ label: 'mean rating', color: '#9467bd',
					values: hourly.hours.map((h) => h.feedback.ratingMean) }] });
		}
		const mix = document.getElementById('sentiment-chart');
		if (sentiment.count === 0) {
			empty(mix, 'No scored posts name ' + productId + ' yet.');
		}
		else {
			chart(mix, { x: [1, 2, 3], bars: true, categories: ['positive', 'neutral', 'negative'], yLabel: 'posts',
				yRange: [0, Math.max(1, sentiment.positive, sentiment.neutral, sentiment.negative)],
				series: [{ label: 'posts', color: '#6a51a3',
					values: [sentiment.positive, sentiment.neutral, sentiment.negative] }] });
		}
	}

	const wantedRange = chosen('range');
	if (wantedRange && [...rangeSelect.options].some((option) => option.value === wantedRange)) {
		rangeSelect.value = wantedRange;
	}
	const run = Dashboard.start('product.html', load);
	select.addEventListener('change', run);
	rangeSelect.addEventListener('change', run);
})();
