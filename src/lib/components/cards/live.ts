import { message } from '#lib/i18n/message.ts';

// Labels of a live session's fixed vocabulary: its state and the answer forms.
export const stateLabel = (state: string) => message(`cards_live_state_${state}`);
export const formLabel = (form: string) => message(`cards_live_form_${form}`);
/** The 1–5 scale's ends and middle, for a value '1'…'5'. */
export const scaleLabel = (value: string) => message(`cards_live_scale_${value}`);
