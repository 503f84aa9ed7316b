/**
 * The one context-update helper of every machine: an `assign` whose recipe mutates an immer draft.
 *
 * With a lens, the recipe gets a draft of one part of the context (the lens reads that part and
 * writes a new version of it back): the dispatch states mounted in the deviceInstall machine update
 * the innermost DIF's dispatch state this way, the difDispatch machine its whole context.
 */
import { produce, type Draft } from 'immer';
import { assign, type EventObject, type MachineContext } from 'xstate';

export interface Lens<C, S> {
  get(context: C): S;
  set(context: C, part: S): C;
}

export function identity<C>(): Lens<C, C> {
  return { get: (c) => c, set: (_, part) => part };
}

export function update<C extends MachineContext, E extends EventObject, S = C>(recipe: (draft: S, event: E) => void, lens?: Lens<C, S>) {
  const via = lens ?? (identity<C>() as unknown as Lens<C, S>);
  return assign<C, E, undefined, E, never>(({ context, event }) => {
    // The draft has the part's shape; fields immer does not draft (AppendLogs, Boxed values) stay as they are.
    const next = produce(via.get(context), (draft: Draft<S>) => recipe(draft as unknown as S, event));
    return via.set(context, next) as Partial<C>;
  });
}
