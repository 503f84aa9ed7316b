/**
 * Ctrl-C for a long command (`devinst explore`): Node raises SIGINT for it on every platform (on
 * Windows from the console's CTRL_C_EVENT). While subscribed, Ctrl-C asks the command to stop and
 * report; once the command unsubscribes, Node's default (end the process) is back.
 */
import type { Interrupts } from '../explore/drive.js';

export const processInterrupts: Interrupts = (onInterrupt) => {
  const listener = () => onInterrupt();
  process.on('SIGINT', listener);
  return () => void process.off('SIGINT', listener);
};
