import { describe, expect, it } from 'vitest';
import { githubSignature, hubspotSignatureV3, slackSignature, standardWebhookSignature } from './webhook-signing';

// The signers every intake test, benchmark and e2e run signs with must agree with the
// providers, or a passing intake test proves nothing. Each reproduces its provider's
// published example (HubSpot publishes none for v3: see the derivation in
// server/providers/hubspot/webhook-verifier.test.ts).
describe('test webhook signers reproduce the providers’ published examples', () => {
  it('GitHub (docs: "Validating webhook deliveries")', () => {
    expect(githubSignature("It's a Secret to Everybody", 'Hello, World!')).toBe('sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
  });

  it('Slack (docs: "Verifying requests from Slack")', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(slackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe('v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503');
  });

  it('Standard Webhooks (the specification’s example)', () => {
    expect(standardWebhookSignature('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'))
      .toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('HubSpot v3 (no published example: the vector derived in its verifier’s test)', () => {
    expect(hubspotSignatureV3('yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy', 'POST', 'https://www.example.com/webhook_uri', '{"example_field":"example_value"}', 1700000000000))
      .toBe('rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=');
  });
});
