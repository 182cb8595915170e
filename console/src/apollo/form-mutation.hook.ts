import type { OperationVariables, TypedDocumentNode } from "@apollo/client";
import { useMutation } from "@apollo/client/react";
import { useCallback, useState } from "react";
import { FORM_CODES, type HandledCode } from "./error.link";
import { badInputField, type DescribedError, describeError } from "./error-message";

export interface FormMutationOptions<TData, TVariables extends OperationVariables>
  extends Omit<useMutation.Options<TData, TVariables>, "context"> {
  /** The codes the form shows itself (default: bad input, conflict, role); the error link notifies the rest. */
  handles?: readonly HandledCode[];
}

/** A failed run: what went wrong, and the input the server named (`extensions.field`), if any. */
export interface FormFailure extends DescribedError {
  field: string | null;
  /** The form claimed the code, so `formError` says it; otherwise the error link already has. */
  handled: boolean;
  /** What Apollo threw, for a form that reads more than the code (`extensions.reason`); null for `fail`. */
  cause: unknown;
}

/** What `runDetailed` answers: the data, or the failure (whatever its code) for a form with a special case. */
export interface FormRunResult<TData> {
  data: TData | null;
  error: FormFailure | null;
}

/**
 * A form's mutation: `run` answers the data, or null when it failed (it never
 * throws). A failure whose code the form handles becomes `formError`, plus
 * `fieldErrors[field]` when the server named the input (`extensions.field`);
 * any other failure is the error link's to announce. `runDetailed` also answers
 * the failure, for a form that words a code its own way or reacts to it; `fail`
 * shows a problem the form found itself in the same place.
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

  const runDetailed = useCallback(
    async (variables: TVariables): Promise<FormRunResult<TData>> => {
      setFailure(null);
      try {
        // The generated variables types make `mutate`'s parameters conditional; this is the one shape forms use.
        const call = mutate as unknown as (options: { variables: TVariables }) => Promise<{ data?: TData | null }>;
        const { data } = await call({ variables });
        return { data: data ?? null, error: null };
      } catch (error) {
        const described = describeError(error);
        // Shown in place only when claimed: the link has already announced anything else.
        const failed: FormFailure = {
          ...described,
          field: badInputField(error),
          handled: claimed.split(" ").includes(described.code),
          cause: error,
        };
        if (failed.handled) setFailure(failed);
        return { data: null, error: failed };
      }
    },
    [mutate, claimed],
  );

  const run = useCallback(async (variables: TVariables): Promise<TData | null> => (await runDetailed(variables)).data, [runDetailed]);
  const reset = useCallback(() => setFailure(null), []);
  const fail = useCallback(
    (message: string) => setFailure({ code: "BAD_USER_INPUT", message, field: null, handled: true, cause: null }),
    [],
  );
  const fieldErrors: Partial<Record<string, string>> = failure?.field ? { [failure.field]: failure.message } : {};
  return { run, runDetailed, formError: failure?.message ?? null, fieldErrors, loading, reset, fail };
}
