/**
 * Giving the event loop a turn during a long job, so a Web Worker can receive a cancel message.
 * A MessageChannel round trip is used where it exists: unlike nested setTimeout(0), which
 * browsers clamp to 4 ms, it costs microseconds.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      channel.port2.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
