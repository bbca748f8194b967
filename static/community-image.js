// A post's image at the cursor: "Insert at the cursor" uploads the chosen image with its alt text
// at once and puts its Markdown where the cursor is in the text, instead of at the end when the form
// is sent. Progressive enhancement: without this file the image goes with the form. Each image
// fieldset names its upload URL and its status texts in data attributes.
for (const fields of document.querySelectorAll('fieldset[data-image-upload]')) {
	const form = fields.closest('form');
	const text = form?.querySelector('textarea[name="body"]');
	const file = fields.querySelector('input[type="file"]');
	const alt = fields.querySelector('input[name="alt"]');
	const button = fields.querySelector('button[data-insert]');
	const status = fields.querySelector('[data-image-status]');
	if (!text || !file || !alt || !button || !status) continue;
	button.hidden = false;
	button.addEventListener('click', async () => {
		const say = (words) => (status.textContent = words);
		if (!file.files?.length) {
			say(fields.dataset.none);
			file.focus();
			return;
		}
		const data = new FormData();
		data.set('image', file.files[0]);
		data.set('alt', alt.value);
		button.disabled = true;
		say(fields.dataset.uploading);
		try {
			const response = await fetch(fields.dataset.imageUpload, { method: 'POST', body: data, headers: { accept: 'application/json' } });
			const answer = await response.json().catch(() => ({}));
			if (!response.ok || typeof answer.markdown !== 'string') {
				say(answer.message || fields.dataset.failed);
				return;
			}
			const start = text.selectionStart ?? text.value.length;
			const end = text.selectionEnd ?? start;
			const before = text.value.slice(0, start);
			const after = text.value.slice(end);
			// The image as a paragraph of its own.
			const insert = `${before && !before.endsWith('\n\n') ? (before.endsWith('\n') ? '\n' : '\n\n') : ''}${answer.markdown}${after && !after.startsWith('\n') ? '\n\n' : ''}`;
			text.setRangeText(insert, start, end, 'end');
			text.dispatchEvent(new Event('input', { bubbles: true }));
			file.value = '';
			alt.value = '';
			say(fields.dataset.inserted);
			text.focus();
		} catch {
			say(fields.dataset.failed);
		} finally {
			button.disabled = false;
		}
	});
}
