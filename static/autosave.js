// Long forms (lesson activities, the lesson editor): saves what someone types or chooses as a draft shortly after each change,
// so a reload or a lost connection loses nothing. Progressive enhancement: the forms post and work
// without this file. Each form names its draft URL and its status texts in data attributes.
for (const form of document.querySelectorAll('form[data-autosave]')) {
	const status = form.querySelector('[data-autosave-status]');
	let timer;
	let queue = Promise.resolve();
	const say = (text) => {
		if (status) status.textContent = text;
	};
	const body = () => {
		const data = new FormData(form);
		// A draft is text: a chosen file (a post's image) is sent with the form, not with every save.
		for (const [name, value] of [...data]) if (value instanceof File) data.delete(name);
		if (form.dataset.activity) data.set('activity', form.dataset.activity);
		return data;
	};
	const save = () => {
		timer = undefined;
		const data = body();
		say(form.dataset.saving);
		queue = queue
			.then(() => fetch(form.dataset.autosave, { method: 'POST', body: data, headers: { accept: 'application/json' } }))
			.then((response) => say(response.ok ? form.dataset.saved : form.dataset.failed))
			.catch(() => say(form.dataset.failed));
	};
	const schedule = () => {
		clearTimeout(timer);
		timer = setTimeout(save, 800);
	};
	form.addEventListener('input', schedule);
	form.addEventListener('change', schedule);
	form.addEventListener('submit', () => {
		clearTimeout(timer);
		timer = undefined;
	});
	// Leaving right after typing: send what is there.
	addEventListener('pagehide', () => {
		if (timer === undefined) return;
		clearTimeout(timer);
		timer = undefined;
		navigator.sendBeacon(form.dataset.autosave, body());
	});
}
