import type { Attachment } from 'svelte/attachments';

export type AutosaveOptions = {
	/** Where the form's fields are posted as the learner goes. */
	url: string;
	saving: string;
	saved: string;
	failed: string;
	/** Milliseconds of quiet before a save. */
	delay?: number;
};

/**
 * Saves a form's fields as a draft shortly after each change, and reports it in the form's
 * `[data-autosave-status]` live region. The form still works without it (a normal POST).
 */
export function autosave(options: AutosaveOptions): Attachment<HTMLFormElement> {
	return (form) => {
		const status = form.querySelector<HTMLElement>('[data-autosave-status]');
		let timer: ReturnType<typeof setTimeout> | undefined;
		let pending: Promise<void> = Promise.resolve();
		const say = (text: string) => {
			if (status) status.textContent = text;
		};
		const save = () => {
			timer = undefined;
			const body = new FormData(form);
			body.set('activity', form.dataset.activity ?? '');
			say(options.saving);
			pending = pending
				.then(() => fetch(options.url, { method: 'POST', body, headers: { accept: 'application/json' } }))
				.then((response) => say(response.ok ? options.saved : options.failed))
				.catch(() => say(options.failed));
		};
		const schedule = () => {
			clearTimeout(timer);
			timer = setTimeout(save, options.delay ?? 800);
		};
		form.addEventListener('input', schedule);
		form.addEventListener('change', schedule);
		// Leaving the page right after typing: send what is there.
		const flush = () => {
			if (timer === undefined) return;
			clearTimeout(timer);
			timer = undefined;
			const body = new FormData(form);
			body.set('activity', form.dataset.activity ?? '');
			navigator.sendBeacon(options.url, body);
		};
		form.addEventListener('submit', () => {
			clearTimeout(timer);
			timer = undefined;
		});
		window.addEventListener('pagehide', flush);
		return () => {
			clearTimeout(timer);
			form.removeEventListener('input', schedule);
			form.removeEventListener('change', schedule);
			window.removeEventListener('pagehide', flush);
		};
	};
}
