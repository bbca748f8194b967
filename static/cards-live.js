// Live card sessions (participant, facilitator and presenter pages): an element with
// data-cards-live="<event stream URL>" follows that stream; when an event of one of the types in
// data-cards-live-events arrives it reads the page again (with the reader's own cookie, so the
// server decides what they see) and swaps in the fresh [data-live-content]. On a participant's
// page (data-cards-live-focus), when the card, question or state changed (data-live-key), the
// change is announced in the [data-live-status] region and focus moves to [data-live-focus] —
// unless the person is typing an answer. EventSource reconnects by itself with Last-Event-ID, and
// the server replays what was missed. Without this file the page says "refresh to update".
for (const region of document.querySelectorAll('[data-cards-live]')) {
	const off = region.querySelector('[data-live-off]');
	const status = region.querySelector('[data-live-status]');
	const types = (region.dataset.cardsLiveEvents || 'message').split(/\s+/).filter(Boolean);
	const source = new EventSource(region.dataset.cardsLive);
	let timer;
	let running = false;
	let again = false;
	source.onopen = () => {
		if (off) off.hidden = true;
		// After a reconnect the replay brings the missed events; read the page once anyway.
		schedule(0);
	};
	source.onerror = () => {
		if (off) off.hidden = false;
	};
	const refresh = async () => {
		if (running) {
			again = true;
			return;
		}
		running = true;
		try {
			const response = await fetch(location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
			if (!response.ok) return;
			const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
			const next = (region.id ? fresh.getElementById(region.id) : fresh.querySelector('[data-cards-live]'))?.querySelector('[data-live-content]');
			const current = region.querySelector('[data-live-content]');
			if (!next || !current) return;
			const changed = next.dataset.liveKey !== current.dataset.liveKey;
			const active = document.activeElement;
			const typing = active && current.contains(active) && (active.matches('textarea, input[type="text"]') || (active.value && active.form));
			// Keep what someone is typing when only counts changed.
			if (!changed && typing) return;
			current.replaceWith(document.adoptNode(next));
			if (changed && 'cardsLiveFocus' in region.dataset) {
				if (status) status.textContent = next.dataset.liveAnnounce || '';
				next.querySelector('[data-live-focus]')?.focus();
			}
		} finally {
			running = false;
			if (again) {
				again = false;
				schedule(0);
			}
		}
	};
	function schedule(delay) {
		clearTimeout(timer);
		timer = setTimeout(() => refresh().catch(() => {}), delay);
	}
	// A burst of events (many answers at once) makes one read, at most a fifth of a second later.
	for (const type of types) source.addEventListener(type, () => schedule(200));
	// The reader's own channel rides on this stream: tell the header's bell (bell-live.js).
	source.addEventListener('community.unread_changed', () => document.dispatchEvent(new Event('praxis:unread')));
	addEventListener('pagehide', () => source.close());
}
