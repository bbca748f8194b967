// Disclosures (<details data-escape-closes>) close with Escape, and focus goes back to their button
// (the <summary>) when it was inside. Progressive enhancement: without this file they still open
// and close by click, Enter or Space.
document.addEventListener('keydown', (event) => {
	if (event.key !== 'Escape') return;
	for (const details of document.querySelectorAll('details[data-escape-closes][open]')) {
		const hadFocus = details.contains(document.activeElement);
		details.open = false;
		if (hadFocus) details.querySelector('summary')?.focus();
	}
});
