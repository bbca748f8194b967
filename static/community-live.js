// A community thread, live: new replies appear without a reload. The section with data-live
// follows the thread's event stream; each event names a new reply, which is fetched as HTML
// rendered by the server with the reader's own rights (data-fragment + id) and put in its place
// (under the reply it answers, or at the end), then announced through the polite live region.
// Progressive enhancement: without this file a reload shows the same.
for (const region of document.querySelectorAll('section[data-live]')) {
	const status = region.querySelector('[data-live-status]');
	const source = new EventSource(region.dataset.live);
	source.onopen = () => (region.dataset.connected = 'true');
	source.onerror = () => delete region.dataset.connected;
	const insert = async (postId) => {
		if (!/^[0-9a-f-]{36}$/i.test(postId) || document.getElementById(`post-${postId}`)) return;
		const response = await fetch(region.dataset.fragment + postId, { headers: { accept: 'text/html' } });
		if (!response.ok) return;
		const template = document.createElement('template');
		template.innerHTML = await response.text();
		const article = template.content.querySelector('article[data-post]');
		if (!article || document.getElementById(article.id)) return;
		const parent = article.dataset.parent || '';
		const list = region.querySelector(`[data-replies="${CSS.escape(parent)}"]`) || region.querySelector('[data-replies=""]');
		if (!list) return;
		const item = document.createElement('li');
		item.append(article);
		list.append(item);
		const name = article.querySelector('header strong')?.textContent || '';
		if (status) status.textContent = (region.dataset.announce || '').replace('{name}', name);
	};
	source.addEventListener('community.reply_posted', (event) => {
		let postId = '';
		try {
			postId = JSON.parse(event.data).postId;
		} catch {
			return;
		}
		insert(postId).catch(() => {});
	});
	// The reader's own channel rides on this stream: tell the header's bell (bell-live.js).
	source.addEventListener('community.unread_changed', () => document.dispatchEvent(new Event('praxis:unread')));
	addEventListener('pagehide', () => source.close());
}
