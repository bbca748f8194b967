// The password strength meter runs in the browser.
export const csr = true;
