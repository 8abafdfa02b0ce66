import { describe, expect, it } from 'vitest';
import { LinkNavigation } from './linkNavigation';

/** An application that takes a while and records when it ran. */
function recorder(): { log: string[]; apply: (hash: string) => Promise<void> } {
  const log: string[] = [];
  let running = 0;
  return {
    log,
    apply: async (hash) => {
      running++;
      log.push(`start ${hash}${running > 1 ? ' (concurrent)' : ''}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`end ${hash}`);
      running--;
    },
  };
}

describe('link navigation', () => {
  it('back / forward (popstate then hashchange for one hash) applies the link once', async () => {
    const { log, apply } = recorder();
    const nav = new LinkNavigation(apply);
    void nav.request('#v=1&digit=3'); // popstate
    await nav.request('#v=1&digit=3'); // hashchange of the same navigation
    expect(log).toEqual(['start #v=1&digit=3', 'end #v=1&digit=3']);
  });

  it('two navigations in quick succession apply in order, never concurrently', async () => {
    const { log, apply } = recorder();
    const nav = new LinkNavigation(apply);
    void nav.request('#a');
    await nav.request('#b');
    expect(log).toEqual(['start #a', 'end #a', 'start #b', 'end #b']);
  });

  it('a hash the page wrote itself is not applied again, an earlier one reached by back is', async () => {
    const { log, apply } = recorder();
    const nav = new LinkNavigation(apply);
    await nav.request('#a');
    nav.wrote('#b');
    await nav.request('#b');
    await nav.request('#a');
    expect(log).toEqual(['start #a', 'end #a', 'start #a', 'end #a']);
    await nav.force('#a');
    expect(log).toHaveLength(6);
  });

  it('a failed application does not stop the next', async () => {
    const applied: string[] = [];
    const nav = new LinkNavigation(async (hash) => {
      if (hash === '#bad') throw new Error('boom');
      applied.push(hash);
    });
    const error = console.error;
    console.error = () => {};
    try {
      void nav.request('#bad');
      await nav.request('#good');
    } finally {
      console.error = error;
    }
    expect(applied).toEqual(['#good']);
  });
});
