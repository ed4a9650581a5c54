import { useStorageItem } from '@/hooks/use-storage-item';
import { session } from '@/lib/settings';
import { AuthScreen } from './AuthScreen';
import { SignedIn } from './SignedIn';

/** Signed out or in: the session in storage decides, and a 401 anywhere flips it. */
export function App() {
  const current = useStorageItem(session);
  // The first read takes a few milliseconds: render nothing rather than flash the sign-in form.
  if (current === undefined) return null;
  return current ? <SignedIn session={current} /> : <AuthScreen />;
}
