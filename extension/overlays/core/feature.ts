/** What a feature's `init` gets: aborted on the next navigation, the only cleanup there is. */
export type FeatureRun = {
  signal: AbortSignal;
  /** The page replaced the feature's anchor, or the anchor arrived late: run again. */
  rerun: () => void;
};

/**
 * One overlay feature: the pages it runs on (pure URL predicates) and what it does
 * there. The runner calls `init` on every matching page, and aborts it when leaving.
 */
export type Feature = {
  id: string;
  include: ((url: URL) => boolean)[];
  init: (run: FeatureRun) => void | Promise<void>;
};

export const defineFeature = (feature: Feature): Feature => feature;
