// The header's bell, live: when a notice arrives for the signed-in person (or they read some on
// another page), the bell's count changes without a reload. Its count is read again from the
// server (data-count-url) whenever the person's own channel says it changed. A page with an event
// stream of its own ([data-live-personal]) carries that channel on it and passes the word on as a
// `praxis:unread` event, so the page keeps one stream; any other page opens the bell's own
// (data-stream). A rise is said once, politely, in [data-bell-status]; a fall (notices read) is
// not news and is not spoken. Without this file the server-rendered count is right at each load.
const bell = document.querySelector('a[data-bell]');
const status = document.querySelector('[data-bell-status]');
if (bell) {
	const badge = bell.querySelector('[data-bell-badge]');
	let shown = Number(bell.dataset.count) || 0;
	let timer;
	const show = (count) => {
		const label = count > 0 ? (bell.dataset.labelUnread || '').replace('{count}', String(count)) : bell.dataset.labelNone || '';
		bell.setAttribute('aria-label', label);
		bell.title = label;
		bell.dataset.count = String(count);
		if (badge) {
			badge.textContent = count > 99 ? '99+' : String(count);
			badge.hidden = count === 0;
		}
		if (count > shown && status) status.textContent = label;
		shown = count;
	};
	const refresh = async () => {
		const response = await fetch(bell.dataset.countUrl, { headers: { accept: 'application/json' } });
		if (!response.ok) return;
		const { count } = await response.json();
		if (Number.isInteger(count) && count >= 0) show(count);
	};
	// A burst (an announcement and a mention at once) makes one read and at most one announcement.
	const changed = () => {
		clearTimeout(timer);
		timer = setTimeout(() => refresh().catch(() => {}), 300);
	};
	if (document.querySelector('[data-live-personal]')) document.addEventListener('praxis:unread', changed);
	else {
		// Only a tab in view holds the bell's stream (browsers allow few connections per site over
		// HTTP/1.1, shared by all its tabs); coming back into view reads the count again.
		let source;
		const open = () => {
			if (source) return;
			source = new EventSource(bell.dataset.stream);
			source.onopen = () => (bell.dataset.connected = 'true');
			source.onerror = () => delete bell.dataset.connected;
			source.addEventListener('community.unread_changed', changed);
		};
		const close = () => {
			source?.close();
			source = undefined;
			delete bell.dataset.connected;
		};
		document.addEventListener('visibilitychange', () => {
			if (document.hidden) close();
			else {
				open();
				changed();
			}
		});
		addEventListener('pagehide', close);
		// Back from the browser's page cache: follow again, and catch up.
		addEventListener('pageshow', (event) => {
			if (event.persisted && !document.hidden) {
				open();
				changed();
			}
		});
		if (!document.hidden) open();
	}
}
