import { browser } from '#imports';
import { useState } from 'preact/hooks';
import { Button } from '@/components/Button';
import { useStorageItem } from '@/hooks/use-storage-item';
import { ruleIds, ruleLabels, withDefaults, type NotificationSettings, type RuleId } from '@/lib/notifications/rules';
import { notificationSettings } from '@/lib/settings';
import { DealOwnerField } from './DealOwnerField';

/** Which events pop up a notification and count on the toolbar badge. Saved as soon as changed. */
export function NotificationsSection() {
  const stored = useStorageItem(notificationSettings);
  const [tested, setTested] = useState<string | null>(null);
  if (stored === undefined) return null;
  const settings = withDefaults(stored);

  function save(next: NotificationSettings) {
    void notificationSettings.setValue(next);
  }
  function toggle(id: RuleId, on: boolean) {
    save({ ...settings, enabled: { ...settings.enabled, [id]: on } });
  }

  async function test() {
    const options = {
      type: 'basic' as const,
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: 'Weft notifications work',
      message: 'This is how new events will look.',
    };
    await browser.notifications.create('weft-test', options).then(
      () => setTested('Sent. If nothing appeared, allow notifications for your browser in the system settings.'),
      () => setTested('The browser refused to show a notification.'),
    );
  }

  return (
    <section class="section stack" data-testid="notifications">
      <h2>Notifications</h2>
      <p class="muted">Notify me, and count on the toolbar badge, when:</p>
      <ul class="rules">
        {ruleIds.map((id) => (
          <li key={id}>
            <label class="check">
              <input
                type="checkbox"
                data-testid={`rule-${id}`}
                checked={settings.enabled[id]}
                onChange={(e) => toggle(id, e.currentTarget.checked)}
              />
              <span>
                <span class="check-label">{ruleLabels[id].label}</span>
                <span class="hint">{ruleLabels[id].hint}</span>
              </span>
            </label>
            {id === 'hubspot-deal-stage' && (
              <DealOwnerField
                value={settings.dealOwnerId}
                disabled={!settings.enabled[id]}
                onSave={(dealOwnerId) => save({ ...settings, dealOwnerId })}
              />
            )}
          </li>
        ))}
      </ul>
      <p class="muted small">Events older than 10 minutes when Weft catches up (after the browser was closed) count on the badge but do not pop up.</p>
      <div class="panel-actions">
        <Button testid="notifications-test" onClick={() => void test()}>
          Send a test notification
        </Button>
      </div>
      {tested && (
        <p class="result ok" data-testid="notifications-test-result" role="status">
          {tested}
        </p>
      )}
    </section>
  );
}
