// useReducer whose newest state is also readable at once, from a ref. Keys arrive in bursts (a fast typist, a
// paste, tmux): `:` then `h` may both be handled before React renders the `:`. The key router reads the ref, so
// the `h` already goes to the REPL that `:` focused, not to the lab keys (where it would open a hint).
import { useCallback, useRef, useState } from 'react';

export function useSyncReducer<S, A>(reducer: (state: S, action: A) => S, initial: S): [S, (action: A) => void, { readonly current: S }] {
  const ref = useRef(initial);
  const [state, setState] = useState(initial);
  const dispatch = useCallback(
    (action: A) => {
      ref.current = reducer(ref.current, action);
      setState(ref.current);
    },
    [reducer],
  );
  return [state, dispatch, ref];
}
