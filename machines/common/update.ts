/**
 * The one context-update helper of every machine: an `assign` whose recipe mutates an immer draft.
 *
 * With a lens, the recipe gets a draft of one part of the context (the lens reads that part and
 * writes a new version of it back): the dispatch states mounted in the deviceInstall machine update
 * the innermost DIF's dispatch state this way, the difDispatch machine its whole context.
 *
 * `shallow: true` declares that the recipe assigns top-level fields of the part only (append-only
 * logs are new versions, PrivateData is boxed; the dispatch rules are written so). Then the recipe
 * also rides on the action as `draftRecipe`, over the whole context, for the derived executor
 * (src/executor/): it runs it on a shallow copy instead of through immer, with the same result (the
 * refinement test compares the two).
 */
import { produce, type Draft } from 'immer';
import { assign, type EventObject, type MachineContext } from 'xstate';

export interface Lens<C, S> {
  get(context: C): S;
  set(context: C, part: S): C;
}

const same = <C>(c: C): C => c;

export function identity<C>(): Lens<C, C> {
  return { get: same, set: (_, part) => part };
}

export function update<C extends MachineContext, E extends EventObject, S = C>(
  recipe: (draft: S, event: E) => void,
  lens?: Lens<C, S>,
  options: { readonly shallow?: boolean } = {},
) {
  const via = lens ?? (identity<C>() as unknown as Lens<C, S>);
  const action = assign<C, E, undefined, E, never>(({ context, event }) => {
    // The draft has the part's shape; fields immer does not draft (AppendLogs, Boxed values) stay as they are.
    const next = produce(via.get(context), (draft: Draft<S>) => recipe(draft as unknown as S, event));
    return via.set(context, next) as Partial<C>;
  });
  if (!options.shallow) return action;
  // Through the identity lens the part is the copy itself: the recipe runs on it directly (no second
  // copy and copy back, which the explorer would pay on every step).
  const draftRecipe =
    via.get === same
      ? (copy: C, event: E): void => recipe(copy as unknown as S, event)
      : (copy: C, event: E): void => {
          const part = { ...(via.get(copy) as object) } as S;
          recipe(part, event);
          Object.assign(copy, via.set(copy, part));
        };
  return Object.assign(action, { draftRecipe });
}
