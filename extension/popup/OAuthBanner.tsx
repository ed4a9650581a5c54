import { Notice } from '@/components/Notice';
import { useStorageItem } from '@/hooks/use-storage-item';
import { lastOAuthOutcome } from '@/lib/settings';

/**
 * How the last consent failed ("GitHub: you denied access…"), until dismissed. The
 * background records it; the consent tab stays open with the server's explanation, but
 * the user may come back to the popup first.
 */
export function OAuthBanner({ nameOf }: { nameOf: (providerId: string) => string }) {
  const outcome = useStorageItem(lastOAuthOutcome);
  if (!outcome || outcome.status === 'connected') return null;
  return (
    <Notice kind="error" testid="oauth-banner" onDismiss={() => void lastOAuthOutcome.setValue(null)}>
      <strong>{nameOf(outcome.provider)}:</strong> {outcome.message}
    </Notice>
  );
}
