// Drafts of answers are saved as the learner types: the one part of this page that runs in the browser.
export const csr = true;
