/** Where an activity form's drafts go and what static/autosave.js says about them. */
export type DraftSaving = { url: string; saving: string; saved: string; failed: string };
