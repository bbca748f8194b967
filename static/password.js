// Password fields (sign-up, new password): "show password" and a strength meter by length, in the
// browser. Progressive enhancement: the forms work without this file. Each field's strings come
// in data attributes of the page's own language (see components/PasswordField.svelte).
for (const box of document.querySelectorAll('[data-password]')) {
	const input = box.querySelector(`#${CSS.escape(box.dataset.password)}`);
	if (!input) continue;
	const reveal = box.querySelector('[data-reveal]');
	if (reveal) {
		reveal.hidden = false;
		reveal.querySelector('input').addEventListener('change', (event) => {
			input.type = event.target.checked ? 'text' : 'password';
		});
	}
	const meter = box.querySelector('[data-meter]');
	if (!meter) continue;
	const labels = JSON.parse(meter.dataset.labels);
	const gauge = meter.querySelector('meter');
	const text = meter.querySelector('span');
	const show = () => {
		const n = input.value.length;
		const level = n === 0 ? -1 : n < 8 ? 0 : n < 12 ? 1 : n < 15 ? 2 : 3;
		gauge.hidden = level < 0;
		gauge.value = Math.max(level, 0);
		text.textContent = level < 0 ? '' : `${meter.dataset.label}: ${labels[level]}`;
	};
	input.addEventListener('input', show);
	show();
}
