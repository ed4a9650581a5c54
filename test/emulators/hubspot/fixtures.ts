/** `GET /account-info/v3/details`, field for field. */
export interface HubspotAccount {
  portalId: number;
  accountType: 'STANDARD' | 'SANDBOX' | 'DEVELOPER_TEST' | 'APP_DEVELOPER';
  timeZone: string;
  companyCurrency: string;
  additionalCurrencies: string[];
  utcOffset: string;
  utcOffsetMilliseconds: number;
  uiDomain: string;
  dataHostingLocation: string;
}

/** The HubSpot user who installs the app (token info's `user` / `user_id`). */
export interface HubspotUser {
  id: number;
  email: string;
}

/** Who a token acts for: an account (portal), the installing user, and the account's domain. */
export interface HubspotInstall {
  account: HubspotAccount;
  user: HubspotUser;
  hubDomain: string;
}

// 62515 is the portal id HubSpot's own docs use in every example.
export const defaultHubspotAccount: HubspotAccount = {
  portalId: 62515,
  accountType: 'STANDARD',
  timeZone: 'US/Eastern',
  companyCurrency: 'USD',
  additionalCurrencies: [],
  utcOffset: '-05:00',
  utcOffsetMilliseconds: -18_000_000,
  uiDomain: 'app.hubspot.com',
  dataHostingLocation: 'na1',
};

export const defaultHubspotUser: HubspotUser = { id: 123456, email: 'alex@weft.test' };
