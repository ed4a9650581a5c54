import { tokenCredentialsSchema, type ProviderView } from '@@/shared/protocol';
import { maxLengthOf } from '@/lib/field-errors';
import { ExternalLink } from '@/components/ExternalLink';
import { Field } from '@/components/Field';

type Props = {
  provider: ProviderView | undefined;
  testid: string;
  value: string;
  onInput: (value: string) => void;
  error: string | undefined;
  autoFocus?: boolean;
};

/** As long as the contract lets a token be. */
const tokenMax = maxLengthOf(tokenCredentialsSchema.shape.token);

/** The token field with the catalog's label, placeholder and where-to-find-it help. */
export function TokenField({ provider, testid, value, onInput, error, autoFocus }: Props) {
  const help = provider?.apiKey;
  return (
    <Field
      label={help?.label ?? 'Token'}
      type="password"
      testid={testid}
      value={value}
      onInput={onInput}
      error={error}
      placeholder={help?.placeholder}
      autoComplete="off"
      autoFocus={autoFocus}
      maxLength={tokenMax}
      required
      hint={
        help && (
          <>
            {help.help} <ExternalLink href={help.helpUrl}>Where to find it</ExternalLink>
          </>
        )
      }
    />
  );
}
