import { errorText } from '../../data/errorText';
import { useEffect, useState } from 'react';
import { fetchOffThread } from '../../data/fetchOffThread';
import { imageSetCache, type MnistSet } from '../../data/mnistFile';

const images = imageSetCache(fetchOffThread);

/** The shipped MNIST digits, loaded once per page (outside React: the link's settings need them too), read off the main thread. */
export const mnistSet = (): Promise<MnistSet> => images(import.meta.env.BASE_URL, 'mnist');

/** The shipped MNIST digits, loaded once per page; `error` says why they could not be. */
export function useMnist(): { set: MnistSet | null; error: string | null } {
  const [state, setState] = useState<{ set: MnistSet | null; error: string | null }>({ set: null, error: null });
  useEffect(() => {
    let live = true;
    mnistSet().then(
      (set) => live && setState({ set, error: null }),
      (err: unknown) => {
        if (live) setState({ set: null, error: errorText(err) });
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
