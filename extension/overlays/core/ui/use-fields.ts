import { useState } from 'preact/hooks';

/**
 * A form's text fields with a reset to what they started as: a form is reset once its
 * submission is sent, so a second click cannot send the same thing again by mistake.
 *
 * @example const fields = useFields({ title: 'Jane Doe: ', body: '' }); <input value={fields.values.title} onInput={(e) => fields.set('title', e.currentTarget.value)} />
 */
export function useFields<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState(initial);
  return {
    values,
    set: (name: keyof T, value: string) => setValues((v) => ({ ...v, [name]: value })),
    reset: () => setValues(initial),
  };
}
