/**
 * Which HubSpot record page this is, from the URL alone. Current links are
 * `/contacts/<portalId>/record/<objectTypeId>/<id>` (0-1 contact, 0-2 company, 0-3 deal);
 * older `/contacts/<portalId>/contact|company|deal/<id>` links still resolve.
 */

type UrlLike = URL | Location | string;
export type RecordObject = 'contacts' | 'companies' | 'deals';
export type RecordRef = { portalId: string; object: RecordObject; id: string };

const byTypeId: Record<string, RecordObject> = { '0-1': 'contacts', '0-2': 'companies', '0-3': 'deals' };
const byLegacyName: Record<string, RecordObject> = { contact: 'contacts', company: 'companies', deal: 'deals' };

/**
 * @example parseRecord('https://app.hubspot.com/contacts/62515/record/0-1/10002') // {portalId: '62515', object: 'contacts', id: '10002'}
 * @example parseRecord('https://app.hubspot.com/contacts/62515/deal/30001') // {portalId: '62515', object: 'deals', id: '30001'}
 */
export function parseRecord(url: UrlLike = location): RecordRef | null {
  const u = typeof url === 'string' ? new URL(url) : url;
  if (u.hostname !== 'app.hubspot.com') return null;
  const [app, portalId, kind, a, b] = u.pathname.split('/').filter(Boolean);
  if (app !== 'contacts' || !/^\d+$/.test(portalId ?? '')) return null;
  if (kind === 'record') {
    const object = byTypeId[a ?? ''];
    return object && /^\d+$/.test(b ?? '') ? { portalId: portalId!, object, id: b! } : null;
  }
  const object = byLegacyName[kind ?? ''];
  return object && /^\d+$/.test(a ?? '') ? { portalId: portalId!, object, id: a! } : null;
}

export const isContactRecord = (url: UrlLike = location) => parseRecord(url)?.object === 'contacts';
export const isCompanyRecord = (url: UrlLike = location) => parseRecord(url)?.object === 'companies';
export const isDealRecord = (url: UrlLike = location) => parseRecord(url)?.object === 'deals';
/** Any record page with a Weft panel. */
export const isRecord = (url: UrlLike = location) => parseRecord(url) !== null;
