import type { OperationVariables, TypedDocumentNode } from "@apollo/client";
import { useMutation } from "@apollo/client/react";
import { useCallback, useState } from "react";
import { FORM_CODES, type HandledCode } from "./error.link";
import { badInputField, describeError } from "./error-message";

export interface FormMutationOptions<TData, TVariables extends OperationVariables>
  extends Omit<useMutation.Options<TData, TVariables>, "context"> {
  /** The codes the form shows itself (default: bad input, conflict, role); the error link notifies the rest. */
  handles?: readonly HandledCode[];
}

interface FormFailure {
  message: string;
  field: string | null;
}

/**
 * A form's mutation: `run` answers the data, or null when it failed (it never
 * throws). A failure whose code the form handles becomes `formError`, plus
 * `fieldErrors[field]` when the server named the input (`extensions.field`);
 * any other failure is the error link's to announce.
 */
export function useFormMutation<TData, TVariables extends OperationVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  { handles = FORM_CODES, ...options }: FormMutationOptions<TData, TVariables> = {},
) {
  const [mutate, { loading }] = useMutation<TData, TVariables>(document, { ...options, context: { handles } } as useMutation.Options<
    TData,
    TVariables
  >);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const claimed = handles.join(" ");

  const run = useCallback(
    async (variables: TVariables): Promise<TData | null> => {
      setFailure(null);
      try {
        // The generated variables types make `mutate`'s parameters conditional; this is the one shape forms use.
        const call = mutate as unknown as (options: { variables: TVariables }) => Promise<{ data?: TData | null }>;
        const { data } = await call({ variables });
        return data ?? null;
      } catch (error) {
        const { code, message } = describeError(error);
        if (claimed.split(" ").includes(code)) setFailure({ message, field: badInputField(error) });
        return null;
      }
    },
    [mutate, claimed],
  );

  const reset = useCallback(() => setFailure(null), []);
  const fieldErrors: Partial<Record<string, string>> = failure?.field ? { [failure.field]: failure.message } : {};
  return { run, formError: failure?.message ?? null, fieldErrors, loading, reset };
}
