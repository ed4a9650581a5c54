import { useEffect, useState } from 'preact/hooks';
import { credentialsSchema } from '@@/shared/protocol';
import { Button } from '@/components/Button';
import { Field } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { useAction } from '@/hooks/use-action';
import { useFieldErrors } from '@/hooks/use-field-errors';
import { maxLengthOf } from '@/lib/field-errors';
import { ApiError } from '@/lib/api-error';
import { startSession } from '@/lib/session';
import { validateCredentials, type AuthMode } from './validate-credentials';

/** The server's error codes that are about one field of this form. */
const fieldOfCode: Record<string, 'email' | 'password'> = { email_taken: 'email', weak_password: 'password' };

const emailMax = maxLengthOf(credentialsSchema.shape.email);
const passwordMax = maxLengthOf(credentialsSchema.shape.password);

/** Email and password for either mode; the typed email survives switching modes. */
export function AuthForm({ mode }: { mode: AuthMode }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { errors, setErrors, clear } = useFieldErrors();
  const { busy, error, setError, run } = useAction();
  /** A message about what the user has since changed is stale. */
  function edited(field: string) {
    clear(field);
    setError(null);
  }

  useEffect(() => {
    setErrors({});
    setError(null);
  }, [mode]);

  async function submit(e: Event) {
    e.preventDefault();
    const checked = validateCredentials(mode, { email, password });
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    await run(async () => {
      try {
        await startSession(mode, checked.credentials);
      } catch (err) {
        // Server errors about one field are shown under it, where the fix is typed.
        const field = err instanceof ApiError ? fieldOfCode[err.code] : undefined;
        if (!field) throw err;
        setErrors({ [field]: (err as ApiError).message });
      }
    });
  }

  const signup = mode === 'signup';
  return (
    <form class="stack" onSubmit={submit} noValidate data-testid={`${mode}-form`}>
      <Field
        label="Email"
        type="email"
        testid={`${mode}-email`}
        value={email}
        onInput={(v) => (setEmail(v), edited('email'))}
        error={errors.email}
        maxLength={emailMax}
        required
        autoComplete="email"
        autoFocus
      />
      <Field
        label="Password"
        type="password"
        testid={`${mode}-password`}
        value={password}
        onInput={(v) => (setPassword(v), edited('password'))}
        error={errors.password}
        maxLength={passwordMax}
        required
        autoComplete={signup ? 'new-password' : 'current-password'}
        hint={signup ? 'At least 8 characters.' : undefined}
      />
      {error && (
        <Notice kind="error" testid="form-error">
          {error}
        </Notice>
      )}
      <Button type="submit" variant="primary" testid={`${mode}-submit`} busy={busy}>
        {signup ? 'Create account' : 'Sign in'}
      </Button>
    </form>
  );
}
