import { Brand } from '@/components/Brand';
import { AccountSection } from './AccountSection';
import { ServerSection } from './ServerSection';

export function OptionsApp() {
  return (
    <main class="options">
      <h1>
        <Brand large /> <span class="muted">settings</span>
      </h1>
      <ServerSection />
      <AccountSection />
    </main>
  );
}
