import { describe, expect, it } from 'vitest';
import { verifyPkce } from './pkce';

// RFC 7636 Appendix B.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('verifyPkce', () => {
  it('accepts the RFC 7636 S256 vector', () => expect(verifyPkce(CHALLENGE, 'S256', VERIFIER)).toBe(true));
  it('accepts plain when verifier equals challenge', () => expect(verifyPkce(VERIFIER, 'plain', VERIFIER)).toBe(true));
  it.each([undefined, 'short', `${VERIFIER.slice(0, -1)}A`, `${VERIFIER} `])('rejects %j', (verifier) => {
    expect(verifyPkce(CHALLENGE, 'S256', verifier)).toBe(false);
  });
});
