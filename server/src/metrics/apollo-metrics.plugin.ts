import type { ApolloServerPlugin } from "@apollo/server";
import { requestSeconds } from "./metrics";

/** Operation names come from clients: past this many distinct ones, the rest share "other". */
const MAX_OPERATIONS = 200;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Times each GraphQL request, labelled with its operation name. */
export function metricsPlugin(): ApolloServerPlugin {
  const seen = new Set<string>();
  const label = (name: string | null | undefined): string => {
    if (!name) return "anonymous";
    if (!NAME.test(name)) return "other";
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATIONS) return "other";
    seen.add(name);
    return name;
  };
  return {
    async requestDidStart() {
      const end = requestSeconds.startTimer();
      return {
        async willSendResponse(context) {
          end({ operation: label(context.operationName ?? context.request.operationName) });
        },
      };
    },
  };
}
