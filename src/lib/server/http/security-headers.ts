/** Headers every response carries; CSP itself comes from SvelteKit's nonce-based policy. */
export function securityHeaders(headers: Headers, https: boolean): void {
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	headers.set('x-frame-options', 'DENY');
	headers.set('cross-origin-opener-policy', 'same-origin');
	headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	if (https) headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
}
