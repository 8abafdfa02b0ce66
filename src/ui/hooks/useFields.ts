import type { StoreApi, UseBoundStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';

/** Some fields of a store; the component re-renders only when one of them changes (compared one by one). */
export function useFields<S, K extends keyof S>(store: UseBoundStore<StoreApi<S>>, ...keys: K[]): Pick<S, K> {
  return store(useShallow((state) => Object.fromEntries(keys.map((k) => [k, state[k]])) as Pick<S, K>));
}
