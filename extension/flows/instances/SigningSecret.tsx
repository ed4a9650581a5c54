import { Button } from '@/components/Button';
import { CopyButton } from '@/components/CopyButton';

/** The instance's signing secret, shown once: Weft keeps it sealed and never sends it again. */
export function SigningSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <div class="panel stack" data-testid="signing-secret">
      <p>
        <strong>Copy the signing secret now.</strong> Senders sign webhooks to this instance with it (and receivers of its outbound webhooks verify with it). It is not shown again.
      </p>
      <div class="row">
        <code class="mono" data-testid="signing-secret-value">
          {secret}
        </code>
        <CopyButton text={secret} testid="signing-secret-copy" />
      </div>
      <div>
        <Button variant="primary" testid="signing-secret-done" onClick={onDone}>
          I have copied it
        </Button>
      </div>
    </div>
  );
}
