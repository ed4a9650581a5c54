import { Button } from '@/components/Button';
import { useAction } from '@/hooks/use-action';
import { useStorageItem } from '@/hooks/use-storage-item';
import { endSession } from '@/lib/session';
import { session } from '@/lib/settings';

/** Who is signed in on this browser. Signing in happens in the popup, where the user starts. */
export function AccountSection() {
  const current = useStorageItem(session);
  const signOut = useAction();
  return (
    <section class="section stack" data-testid="account">
      <h2>Account</h2>
      {current ? (
        <>
          <p>
            Signed in as <strong data-testid="account-email">{current.user.email}</strong>
          </p>
          <div>
            <Button testid="sign-out" busy={signOut.busy} onClick={() => void signOut.run(endSession)}>
              Sign out
            </Button>
          </div>
        </>
      ) : (
        <p class="muted" data-testid="account-signed-out">
          Not signed in. Open Weft from the toolbar to sign in or create an account.
        </p>
      )}
    </section>
  );
}
