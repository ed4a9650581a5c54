import { useState } from 'preact/hooks';

/**
 * A form's per-field messages. Editing a field clears its message: a message about what
 * the user has since changed is stale, and would sit there contradicting them.
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  function clear(field: string) {
    setErrors((current) => {
      if (!(field in current)) return current;
      const { [field]: _gone, ...rest } = current;
      return rest;
    });
  }
  return { errors, setErrors, clear };
}
