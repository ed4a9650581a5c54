import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { oauthOutcomeMessage, type OAuthOutcome } from '../../shared/protocol';
import { htmlPage } from '../lib/html-page';
import type { GrantView } from './pending-grants';

const titles: Record<OAuthOutcome, string> = {
  connected: 'Connected',
  denied: 'Access was not granted',
  invalid_state: 'This sign-in link cannot be used',
  exchange_failed: 'The connection could not be completed',
  error: 'Something went wrong',
};

const tryAgain = 'You can close this tab and try again from the Weft popup.';

function page(o: { ok: boolean; status: string; heading: string; message: string | HtmlEscapedString | Promise<HtmlEscapedString>; hint: string }) {
  return htmlPage(
    `Weft · ${o.heading}`,
    html`<main data-status="${o.status}" data-ok="${String(o.ok)}">
      <h1>${o.heading}</h1>
      <p id="message">${o.message}</p>
      <p><small>${o.hint}</small></p>
    </main>`,
  );
}

/**
 * A failed flow, by code. The provider's name comes from the catalog and the sentence
 * from `oauthOutcomeMessage`: nothing from the query reaches the page as text.
 */
export function outcomePage(status: Exclude<OAuthOutcome, 'connected'>, providerName: string) {
  return page({ ok: false, status, heading: `${providerName}: ${titles[status]}`, message: oauthOutcomeMessage(status, providerName), hint: tryAgain });
}

/**
 * A consent held as a grant, as it stands now. The extension reloads this page after
 * claiming, so it ends by naming the Weft account that received the connection. Without
 * the extension (another browser, or someone who was sent the consent link) it stays
 * pending, says where to finish, and the grant expires unstored.
 */
export function grantPage(view: GrantView | null, providerName: string) {
  if (!view) {
    return page({
      ok: false,
      status: 'expired',
      heading: 'This sign-in is no longer valid',
      message: 'It was not finished within 10 minutes, or the link is wrong. Nothing was stored.',
      hint: tryAgain,
    });
  }
  if (view.state === 'connected') {
    return page({
      ok: true,
      status: 'connected',
      heading: `${providerName}: Connected`,
      message: html`${providerName} account <strong id="provider-account">${view.accountLabel}</strong> is connected to the Weft account <strong id="weft-account">${view.weftEmail}</strong>.`,
      hint: 'You can close this tab.',
    });
  }
  if (view.state === 'discarded') {
    return page({
      ok: false,
      status: 'discarded',
      heading: `${providerName}: Not connected`,
      message: `This ${providerName} sign-in was started from a different Weft account than the one signed in here, so it was discarded: nothing was stored, and Weft asked ${providerName} to revoke the access where it allows that.`,
      hint: 'If you did not start it, someone may have sent you their sign-in link. You can close this tab.',
    });
  }
  return page({
    ok: false,
    status: 'pending',
    heading: `${providerName}: Finishing in Weft…`,
    message: `${providerName} granted access. To store it, open the Weft extension in the browser where you started connecting ${providerName}, signed in to the same Weft account. It finishes by itself there; until then nothing is stored, and after 10 minutes the grant is dropped.`,
    hint: 'If you did not start connecting from Weft, close this tab: nothing will be stored.',
  });
}
