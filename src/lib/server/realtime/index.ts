// Realtime: subscribe to a channel across app instances (LISTEN/NOTIFY, with the events table as
// the truth), stream it to browsers as Server-Sent Events, and end every stream on shutdown.
// Capability-agnostic: a capability emits on a channel (events/emit) and serves eventStream()
// from a +server.ts after its own access check. See platform/events/README.md.
export { closeAll, openStreams } from './streams.ts';
export { eventsAfter, fanOut, startRealtime, stopRealtime, subscribe, REALTIME_CHANNEL, type RealtimeEvent, type RealtimeListener } from './subscribe.ts';
export { eventStream, personChannel, type EventStreamOptions } from './sse.ts';
