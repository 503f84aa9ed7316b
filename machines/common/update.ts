/**
 * The one context-update helper of every machine: an `assign` whose recipe mutates an immer draft.
 *
 * With a lens, the recipe gets a draft of one part of the context (the lens reads that part and
 * writes a new version of it back): the dispatch states mounted in the deviceInstall machine update
 * the innermost DIF's dispatch state this way, the difDispatch machine its whole context.
 *
 * `shallow: true` declares that the recipe assigns top-level fields of the part only (append-only
 * logs are new versions, PrivateData is boxed; the dispatch rules are written so). Then no immer
 * draft is needed: the assign runs the recipe on a shallow copy of the part (what produce would
 * return, less its proxies and its freezing: several times cheaper per update), and the recipe
 * also rides on the action as `draftRecipe`, over the whole context, for the derived executor
 * (src/executor/), which runs it on its own copy of the context (the refinement test compares the
 * two). `copies` names fields of the part whose own top-level fields the recipe assigns too (the
 * deviceInstall machine's `install`): they are copied shallowly as well before the recipe runs.
 * `when` declares that the recipe changes nothing unless it holds: otherwise the recipe is not run
 * and nothing is copied.
 */
import { produce, type Draft } from 'immer';
import { assign, type EventObject, type MachineContext } from 'xstate';

export interface Lens<C, S> {
  get(context: C): S;
  set(context: C, part: S): C;
  /**
   * Optional: puts the part into a context object the caller owns (the derived executor's copy of
   * this step), in place; what `Object.assign(context, set(context, part))` does, without building
   * the intermediate context.
   */
  write?(context: C, part: S): void;
}

/**
 * What the derived executor's copy of the context, the one its step owns (src/executor/: one copy
 * per step), already holds of its own: the parts this step's updates made for it (a lens's part,
 * the `copies` fields). A later update of the same step writes those in place instead of copying
 * them again, as the executor does with the context itself. Nobody else has seen them: whatever may
 * keep the context (an intent's params, a done event's output) makes the executor copy the context
 * afresh, and a new copy (the next step) starts with nothing owned.
 */
const owned = { copy: undefined as object | undefined, parts: [] as object[] };

/**
 * The parts owned by this copy: a short list (a lens's part and the `copies` fields), emptied when
 * the copy changes. An array rather than a Set: a long-lived Set emptied thousands of times keeps
 * V8's young-generation GC promoting what its old tables held (measured: a quarter of all
 * allocations promoted, against a twentieth with the array).
 */
function ownedParts(copy: object): object[] {
  if (owned.copy !== copy) {
    owned.copy = copy;
    owned.parts.length = 0;
  }
  return owned.parts;
}

/** The field `key` of `part`, copied shallowly unless this step's copy already owns it. */
function copyField(parts: object[], part: Record<string, object>, key: string): void {
  if (parts.includes(part[key])) return;
  const copy = { ...part[key] };
  part[key] = copy;
  parts.push(copy);
}

const IDENTITY: Lens<unknown, unknown> = Object.freeze({ get: (c: unknown) => c, set: (_: unknown, part: unknown) => part });

/** The lens to the whole context (one shared object: `update` recognises it). */
export function identity<C>(): Lens<C, C> {
  return IDENTITY as Lens<C, C>;
}

export function update<C extends MachineContext, E extends EventObject, S = C>(
  recipe: (draft: S, event: E) => void,
  lens?: Lens<C, S>,
  options: { readonly shallow?: boolean; readonly copies?: readonly (keyof S & string)[]; readonly when?: (part: S, event: E) => boolean } = {},
) {
  const via = lens ?? (identity<C>() as unknown as Lens<C, S>);
  if (!options.shallow) {
    return assign<C, E, undefined, E, never>(({ context, event }) => {
      // The draft has the part's shape; fields immer does not draft (AppendLogs, Boxed values) stay as they are.
      const next = produce(via.get(context), (draft: Draft<S>) => recipe(draft as unknown as S, event));
      return via.set(context, next) as Partial<C>;
    });
  }
  const copies = options.copies ?? [];
  const when = options.when;
  // A recipe that assigns top-level fields only needs no draft: it runs on a shallow copy of the
  // part, which gives the same next part as immer's produce (without its proxies and freezing).
  const action = assign<C, E, undefined, E, never>(({ context, event }) => {
    if (when && !when(via.get(context), event)) return {};
    const part = { ...(via.get(context) as object) } as S;
    for (const key of copies) part[key] = { ...part[key] };
    recipe(part, event);
    return via.set(context, part) as Partial<C>;
  });
  // Over the whole context the executor's shallow copy is the part itself: no second copy.
  const draftRecipe =
    via === IDENTITY
      ? (copy: C, event: E): void => {
          const part = copy as unknown as S;
          if (when && !when(part, event)) return;
          if (copies.length > 0) {
            const parts = ownedParts(copy);
            for (const key of copies) copyField(parts, part as Record<string, object>, key);
          }
          recipe(part, event);
        }
      : (copy: C, event: E): void => {
          if (when && !when(via.get(copy), event)) return;
          const parts = ownedParts(copy);
          const current = via.get(copy) as object;
          if (parts.includes(current)) {
            // Made by an earlier update of this step and already in the copy: written in place.
            for (const key of copies) copyField(parts, current as Record<string, object>, key);
            recipe(current as S, event);
            return;
          }
          const part = { ...current } as S;
          for (const key of copies) copyField(parts, part as Record<string, object>, key);
          recipe(part, event);
          if (via.write) via.write(copy, part);
          else Object.assign(copy, via.set(copy, part));
          if (via.get(copy) === part) parts.push(part as object);
        };
  return Object.assign(action, { draftRecipe });
}
