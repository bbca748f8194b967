// The password strength meter is the one piece of this page that runs in the browser.
export const csr = true;
