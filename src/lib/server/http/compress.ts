// Pages are HTML made per request, so nothing precompresses them (the adapter serves CSS and JS
// precompressed from build/). Compressing them here with the platform's CompressionStream saves
// about three quarters of a page's bytes; it is a stream, so a page still flows out as it renders.
// Event streams and downloads are left alone.

/** The encoding to use for a response, given the request's Accept-Encoding (gzip only: Node's streams lack br). */
export function pageEncoding(acceptEncoding: string | null): 'gzip' | undefined {
	if (!acceptEncoding) return undefined;
	const accepted = acceptEncoding
		.toLowerCase()
		.split(',')
		.map((part) => part.trim().split(';'))
		.some(([name, ...params]) => name === 'gzip' && !params.some((p) => /^\s*q=0(?:\.0*)?\s*$/.test(p)));
	return accepted ? 'gzip' : undefined;
}

/** The response compressed, if it is an HTML page the client accepts compressed; else as it was. */
export function compressPage(request: Request, response: Response): Response {
	const type = response.headers.get('content-type') ?? '';
	if (!response.body || request.method === 'HEAD' || !type.startsWith('text/html') || response.headers.has('content-encoding')) return response;
	const encoding = pageEncoding(request.headers.get('accept-encoding'));
	const headers = new Headers(response.headers);
	headers.append('vary', 'Accept-Encoding');
	if (!encoding) return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
	headers.set('content-encoding', encoding);
	headers.delete('content-length');
	return new Response(response.body.pipeThrough(new CompressionStream(encoding)), { status: response.status, statusText: response.statusText, headers });
}
