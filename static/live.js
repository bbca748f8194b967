// Live parts of a page (a facilitator's cohort progress): an element with data-live="<event stream
// URL>" follows that stream and, whenever an event of type data-live-event arrives, replaces its
// [data-live-content] with the fresh copy from the server (the page read again with the reader's
// own access rights). Progressive enhancement: without this file a reload shows the same.
for (const region of document.querySelectorAll('[data-live]')) {
	const on = region.querySelector('[data-live-on]');
	const status = region.querySelector('[data-live-status]');
	const source = new EventSource(region.dataset.live);
	let timer;
	source.onopen = () => {
		if (on) on.hidden = false;
	};
	source.onerror = () => {
		if (on) on.hidden = true;
	};
	const refresh = async () => {
		const response = await fetch(location.href, { headers: { accept: 'text/html' } });
		if (!response.ok) return;
		const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
		const next = fresh.getElementById(region.id)?.querySelector('[data-live-content]');
		const current = region.querySelector('[data-live-content]');
		if (!next || !current) return;
		current.replaceWith(document.adoptNode(next));
		const time = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { timeStyle: 'short' }).format(new Date());
		if (status) status.textContent = (region.dataset.liveUpdated || '').replace('{time}', time);
	};
	// Several events in a burst (a quiz and the lesson it completes) make one refresh.
	source.addEventListener(region.dataset.liveEvent || 'message', () => {
		clearTimeout(timer);
		timer = setTimeout(() => refresh().catch(() => {}), 250);
	});
	// The reader's own channel rides on this stream: tell the header's bell (bell-live.js).
	source.addEventListener('community.unread_changed', () => document.dispatchEvent(new Event('praxis:unread')));
	addEventListener('pagehide', () => source.close());
}
