/**
 * How every test and bench launches Debian's Chromium: the same binary and flags, so the
 * e2e browser and the bench's plain browser differ only by the extension.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** No sandbox (tests run as root in CI), no GPU, and none of Chromium's own background traffic. */
export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
