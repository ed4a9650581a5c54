import { describe, expect, it } from 'vitest';
import { httpUrl } from './http-url';

describe('httpUrl', () => {
  it.each(['https://github.com/o/r/pull/2', 'http://localhost:9000/x'])('keeps %s', (url) => {
    expect(httpUrl(url)).toBe(url);
  });

  it.each([null, undefined, '', 'javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', '/relative', 'not a url'])(
    'drops %j',
    (url) => {
      expect(httpUrl(url)).toBeNull();
    },
  );
});
